/**
 * Option values with their ranges. Every limit here is one a value past it would silently
 * break: Node turns a timer over 2^31−1 ms into 1 ms, fast-check takes seeds modulo 2^32,
 * and `Number('')` is 0. A value out of range is refused before anything runs.
 *
 * @module
 */
import { ConformanceError } from '../errors.js';

/** The longest delay Node's timers keep (about 24.8 days); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Seeds fast-check tells apart: it reduces every seed modulo 2^32. */
export const MAX_SEED = 2 ** 32 - 1;
/** Property cases per column: beyond this a run does not end in any useful time. */
export const MAX_RUNS = 10_000_000;
/** Columns at once. */
export const MAX_JOBS = 256;
/** Reply line limits: a hello fits in 1 KiB; V8 strings end near 512 MiB. */
export const MIN_REPLY_BYTES = 1024;
export const MAX_REPLY_BYTES = 256 * 1024 * 1024;

function usage(message: string): never {
  throw new ConformanceError('ERR_CONFORMANCE_USAGE', message);
}

/**
 * A decimal integer in `[min, max]`; nothing else (no `1e3`, `0x10`, blanks or empty text).
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` naming the option, the range and the value.
 * @example
 * ```ts
 * integerOption('100', 'runs', 0, MAX_RUNS); // 100
 * ```
 */
export function integerOption(value: string, name: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    usage(`--${name} expected an integer ≥ ${min} and ≤ ${max}, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * A fast-check replay path: colon-separated decimal indices, as a finding prints it.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` for anything else.
 * @example
 * ```ts
 * replayPath('3:0:1'); // '3:0:1'
 * ```
 */
export function replayPath(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value))
    usage(
      `--path expected a replay path printed by a finding (like 12:0:3), got ${JSON.stringify(value)}`,
    );
  return value;
}

/**
 * Lets a negative number follow an option (`--runs -1`): node:util's parseArgs takes it
 * for an option and says only "ambiguous", so it is joined as `--runs=-1` and then refused
 * with the option's range like any other value out of range.
 *
 * @example
 * ```ts
 * joinNegativeValues(['--runs', '-1'], new Set(['runs'])); // ['--runs=-1']
 * ```
 */
export function joinNegativeValues(argv: readonly string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg.startsWith('--') && valued.has(arg.slice(2)) && next && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
