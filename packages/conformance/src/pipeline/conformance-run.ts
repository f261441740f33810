/**
 * One conformance run, start to finish: load → check → select → run → settle → redact.
 * The command line's `run`, `docs-patch` and the library go through here; `merge` shares
 * the settle step (`settleReport`).
 *
 * @module
 */
import type { Report } from '../reports/report.js';
import { executePlan } from './execute.js';
import type { ConformanceRunOptions } from './options.js';
import { prepareRun } from './prepare.js';

/**
 * Runs the conformance suite and returns its report, settled and redacted. Never throws
 * for what an implementation does; throws only for bad options or input files.
 *
 * A shard's report (`shard`) says what that shard saw: entries its cells did not meet are
 * not called stale, since another shard may meet them; `mergeReports` judges them.
 *
 * @throws {VectorError} For an unreadable or malformed vector file.
 * @throws {ConformanceError} `ERR_CONFORMANCE_REFERENCE` when a vector disagrees with the
 * reference (before any column is made or runs); `ERR_CONFORMANCE_USAGE` or
 * `ERR_CONFORMANCE_EXPECTATIONS` as `prepareRun` says.
 * @example
 * ```ts
 * import { builtInColumns, conformanceRun } from '@plugnmeet-signing/conformance';
 * const report = await conformanceRun({
 *   columns: builtInColumns, only: ['python'], seed: 1, runs: 100, jobs: 2, requireAll: false,
 * });
 * console.log(report.summary.verdict);
 * ```
 */
export async function conformanceRun(options: ConformanceRunOptions): Promise<Report> {
  return executePlan(await prepareRun(options), options);
}
