/**
 * `runConformance`, the library's entry point before `conformanceRun`: kept for one
 * release so that callers have time to move.
 *
 * @module
 */
import type { Vector, VectorFile } from '@plugnmeet-signing/vectors';
import type { Expectation } from '../expectations/file.js';
import type { Column } from '../model.js';
import type { Report } from '../reports/report.js';
import { conformanceRun } from './conformance-run.js';
import type { RunSettings } from './options.js';

/**
 * The options of {@link runConformance}.
 *
 * @deprecated Use `ConformanceRunOptions` with {@link conformanceRun}.
 */
export interface RunOptions extends RunSettings {
  columns: readonly Column[];
  vectorFiles: readonly VectorFile[];
  /** Vectors selected by tag filters (defaults to every vector of `vectorFiles`). */
  vectorFilter?: (vector: Vector) => boolean;
  expectations: readonly Expectation[];
}

/**
 * Runs the given columns against the given vector files. Now the same pipeline as
 * {@link conformanceRun}: the report is settled as every run is (a shard's report no longer
 * calls entries stale that another shard may meet), carries the expectations applied to its
 * columns, and is redacted of the runner's secrets.
 *
 * @deprecated Use {@link conformanceRun}, which also loads the vectors and expectations and
 * applies `only`/`skip`; this alias goes in the next release.
 * @throws {ConformanceError} `ERR_CONFORMANCE_REFERENCE` when a vector file disagrees with the
 * reference, before any column runs; `ERR_CONFORMANCE_EXPECTATIONS` for an entry naming a
 * vector no file has.
 * @example
 * ```ts
 * const report = await runConformance({ columns, vectorFiles, expectations: [], seed: 1, runs: 100, jobs: 2, requireAll: false });
 * ```
 */
export function runConformance(options: RunOptions): Promise<Report> {
  return conformanceRun(options);
}
