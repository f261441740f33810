/**
 * The pipeline's load step: the vector files, the expectations and the columns, each from
 * what the caller gave or from the package's defaults.
 *
 * @module
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundledVectorSet,
  loadVectorFilesWith,
  type VectorFile,
  type VectorSetInfo,
} from '@plugnmeet-signing/vectors';
import { EXPECTATIONS_FORMAT_VERSION, type ExpectationsFile } from '../expectations/file.js';
import { loadRunExpectations } from '../expectations/for-run.js';
import type { Column } from '../model.js';
import type { ExpectationsSource, PlanOptions } from './options.js';

/** The expectations shipped with the package, used when a run names none. */
export const DEFAULT_EXPECTATIONS = fileURLToPath(
  new URL('../../expectations.json', import.meta.url),
);

/** Vector files and, when they are the shipped set (and the user's), which set that is. */
export interface LoadedVectors {
  vectorFiles: readonly VectorFile[];
  vectorSet?: VectorSetInfo;
}

/**
 * The vector files a run judges with: the caller's, or the shipped ones and `vectorDirs`.
 * Only a set loaded here names the shipped set: files a caller built may be anything.
 *
 * @throws {VectorError} For an unreadable or malformed vector file (see `loadVectorFilesWith`).
 * @example
 * ```ts
 * const { vectorFiles, vectorSet } = await loadVectors({ columns: [], vectorDirs: ['mine'] });
 * ```
 */
export async function loadVectors(options: PlanOptions): Promise<LoadedVectors> {
  if (options.vectorFiles) return { vectorFiles: options.vectorFiles };
  return {
    vectorFiles: await loadVectorFilesWith(options.vectorDirs ?? []),
    vectorSet: bundledVectorSet(),
  };
}

/** The expectations a run applies, with the file they came from (absent when given as entries). */
export interface LoadedExpectations {
  file: ExpectationsFile;
  path?: string;
}

/**
 * The expectations: the caller's entries, the file it names, or the package's own file.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` for a named file that does not exist
 * (unless it is to be created); `ERR_CONFORMANCE_EXPECTATIONS` for a malformed one.
 * @example
 * ```ts
 * const { file, path } = loadExpectations({ columns: [], expectations: { path: 'e.json', given: true } });
 * ```
 */
export function loadExpectations(options: PlanOptions): LoadedExpectations {
  const given = options.expectations;
  if (Array.isArray(given)) {
    const expectations = [...given];
    return { file: { formatVersion: EXPECTATIONS_FORMAT_VERSION, description: '', expectations } };
  }
  const source: ExpectationsSource = (given as ExpectationsSource | undefined) ?? {
    path: DEFAULT_EXPECTATIONS,
    given: false,
  };
  const path = resolve(source.path);
  return {
    file: loadRunExpectations(path, { given: source.given, creating: source.creating === true }),
    path,
  };
}

/**
 * The columns to choose from: the caller's, or those its function makes.
 *
 * @throws Whatever the caller's function throws (a usage error of an outside column, say).
 * @example
 * ```ts
 * const columns = await makeColumns({ columns: builtInColumns });
 * ```
 */
export async function makeColumns(options: PlanOptions): Promise<readonly Column[]> {
  return typeof options.columns === 'function' ? await options.columns() : options.columns;
}
