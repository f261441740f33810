/**
 * What every command does with its report: print it, write it in each requested format.
 *
 * @module
 */
import { redactText, secretsOf } from '../reports/redact.js';
import type { Report } from '../reports/report.js';
import { renderReport } from '../reports/terminal.js';
import { writeReports } from '../reports/write.js';
import { EXIT } from './exit-codes.js';
import type { ReportFormat } from './options.js';

/**
 * Prints `report` and writes it in every requested format; a report that cannot be written
 * is named and makes the exit code 2. The report is published as given: a run's comes
 * redacted from the pipeline, and `merge` and `render` redact what they read.
 *
 * @returns `EXIT.usage` when a report could not be written, else undefined.
 * @throws Never for a report that cannot be written (it is named on stderr).
 * @example
 * ```ts
 * const failed = publish(report, [{ format: 'json', path: 'report.json' }]);
 * ```
 */
export function publish(
  report: Report,
  targets: ReadonlyArray<{ format: ReportFormat; path: string }>,
  print = true,
): number | undefined {
  if (print) process.stdout.write(`${renderReport(report)}\n`);
  const failures = writeReports(report, targets);
  for (const failure of failures)
    process.stderr.write(`pnm-conformance: cannot write ${failure}\n`);
  return failures.length > 0 ? EXIT.usage : undefined;
}

/**
 * Stderr for progress lines, with the runner's secrets redacted like the reports: an
 * implementation's own text (its hello, an unavailable reason) is shown there too.
 *
 * @throws Never.
 * @example
 * ```ts
 * const listener = progressPrinter(redactingStderr());
 * ```
 */
export function redactingStderr(): { isTTY: boolean; write: (text: string) => boolean } {
  const secrets = secretsOf(process.env);
  return {
    isTTY: process.stderr.isTTY,
    write: (text: string) => process.stderr.write(redactText(text, secrets)),
  };
}
