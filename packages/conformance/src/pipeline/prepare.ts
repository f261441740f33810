/**
 * The first half of the pipeline, load → check → select: a plan of what to run, made
 * before any column runs. `--list` stops here; a run goes on with `executePlan`.
 *
 * @module
 */
import type { Vector, VectorFile, VectorSetInfo } from '@plugnmeet-signing/vectors';
import type { ExpectationsFile } from '../expectations/file.js';
import { checkVectorIds } from '../expectations/for-run.js';
import type { Column } from '../model.js';
import { sdkCaseIds } from '../sdk/run-sdk-cases.js';
import { selectColumns } from '../select.js';
import { checkVectorsAgainstReference } from '../vector-check.js';
import { loadExpectations, loadVectors, makeColumns } from './load.js';
import type { PlanOptions } from './options.js';

/** What a run will do: its vectors, its expectations, and the columns selected. */
export interface RunPlan {
  vectorFiles: readonly VectorFile[];
  /** The shipped vector set, when the pipeline loaded the vectors itself. */
  vectorSet?: VectorSetInfo;
  expectations: ExpectationsFile;
  /** The expectations file, when they came from one. */
  expectationsPath?: string;
  /** The selected columns, in the order they were made. */
  columns: readonly Column[];
  /** The selected vectors. */
  vectorFilter: (vector: Vector) => boolean;
}

/**
 * Loads the vectors and checks them against the reference, loads the expectations, makes
 * the columns, checks that every entry for them names a loaded vector, and applies
 * `only`/`skip`.
 *
 * @throws {VectorError} For an unreadable or malformed vector file.
 * @throws {ConformanceError} `ERR_CONFORMANCE_REFERENCE` when a vector disagrees with the
 * reference (before any column is made); `ERR_CONFORMANCE_USAGE` for a missing named
 * expectations file or an `only`/`skip` name that names nothing;
 * `ERR_CONFORMANCE_EXPECTATIONS` for a malformed expectations file or an entry naming an
 * unknown vector.
 * @example
 * ```ts
 * const plan = await prepareRun({ columns: builtInColumns, only: ['shell'] });
 * for (const column of plan.columns) console.log(column.id);
 * ```
 */
export async function prepareRun(options: PlanOptions): Promise<RunPlan> {
  const { vectorFiles, vectorSet } = await loadVectors(options);
  // A wrong vector would judge every column wrongly: refused before any column is made.
  checkVectorsAgainstReference(vectorFiles);
  const loaded = loadExpectations(options);
  const columns = await makeColumns(options);
  const path = loaded.path ?? 'expectations';
  const expectations = {
    ...loaded,
    file: options.adoptExpectations ? options.adoptExpectations(loaded.file, path) : loaded.file,
  };
  // A user's own vectors only add to the shipped ones, so every entry can always be checked.
  checkVectorIds(
    expectations.path ?? 'expectations',
    expectations.file,
    new Set(columns.map((c) => c.implementation.id)),
    new Set([...vectorFiles.flatMap((f) => f.vectors.map((v) => v.id)), ...sdkCaseIds()]),
  );
  const tags = new Set(vectorFiles.flatMap((f) => f.vectors.flatMap((v) => v.tags)));
  const selection = selectColumns(columns, options.only ?? [], options.skip ?? [], tags);
  const extra = options.vectorFilter;
  return {
    vectorFiles,
    ...(vectorSet ? { vectorSet } : {}),
    expectations: expectations.file,
    ...(expectations.path === undefined ? {} : { expectationsPath: expectations.path }),
    columns: selection.columns,
    vectorFilter: extra
      ? (vector) => selection.vectorFilter(vector) && extra(vector)
      : selection.vectorFilter,
  };
}
