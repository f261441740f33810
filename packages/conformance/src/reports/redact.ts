/**
 * Keeps the runner's secrets out of what it writes. An implementation's stderr tail and
 * messages go into the reports verbatim, and CI uploads them; one that prints its
 * environment (a crash handler, a debug dump) would publish whatever it was given. Values
 * of secret-looking variables of the runner's environment are replaced wherever they occur.
 *
 * @module
 */
import type { Report } from './report.js';

/** Variable names that hold secrets by convention. */
const SECRET_NAME = /SECRET|TOKEN|PASSW|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH/i;
/** Shorter values are too likely to occur by chance (`1`, `true`) to be replaced. */
const MIN_SECRET_LENGTH = 6;

/** One secret to hide: the variable's name (shown instead) and its value. */
export interface Secret {
  name: string;
  value: string;
}

/**
 * The secrets of `env`: values (of at least 6 characters) of variables whose names look
 * like secrets (`*SECRET*`, `*TOKEN*`, `*PASSWORD*`, `*API_KEY*`, `*CREDENTIAL*`, …).
 *
 * @example
 * ```ts
 * secretsOf({ PLUGNMEET_API_SECRET: 'abcdef123', PATH: '/bin' }); // [{ name: 'PLUGNMEET_API_SECRET', value: 'abcdef123' }]
 * ```
 */
export function secretsOf(env: NodeJS.ProcessEnv): Secret[] {
  return Object.entries(env)
    .filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        entry[1].length >= MIN_SECRET_LENGTH &&
        SECRET_NAME.test(entry[0]),
    )
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value.length - a.value.length);
}

/**
 * `text` with every occurrence of a secret's value replaced by `[redacted NAME]`.
 *
 * @example
 * ```ts
 * redactText('key=abcdef123', [{ name: 'API_KEY', value: 'abcdef123' }]); // 'key=[redacted API_KEY]'
 * ```
 */
export function redactText(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const { name, value } of secrets) {
    if (out.includes(value)) out = out.split(value).join(`[redacted ${name}]`);
  }
  return out;
}

/**
 * A copy of `report` with every string redacted (see {@link redactText}).
 *
 * @example
 * ```ts
 * writeReports(redactReport(report, secretsOf(process.env)), targets);
 * ```
 */
export function redactReport(report: Report, secrets: readonly Secret[]): Report {
  if (secrets.length === 0) return report;
  return JSON.parse(JSON.stringify(report), (_key, value: unknown) =>
    typeof value === 'string' ? redactText(value, secrets) : value,
  ) as Report;
}
