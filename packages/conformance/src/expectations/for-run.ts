/**
 * The expectations a run applies, checked against what the run has. A mistyped
 * `--expectations` path or vector id would otherwise be quietly ignored, and a gate that
 * ignores its expectations fails for the wrong reason or passes without the right one.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { ConformanceError } from '../errors.js';
import { EXPECTATIONS_FORMAT_VERSION, type ExpectationsFile, readExpectations } from './file.js';

/**
 * Reads the expectations file at `path`. A missing file is an empty one only when it is
 * the package default (which a build may leave out) or when the run is about to create it
 * (`--update-expectations`); a path the user gave must exist.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` for a missing given file;
 * `ERR_CONFORMANCE_EXPECTATIONS` for a malformed one (see {@link readExpectations}).
 * @example
 * ```ts
 * const file = loadRunExpectations('conformance/expectations.json', { given: true, creating: false });
 * ```
 */
export function loadRunExpectations(
  path: string,
  how: { given: boolean; creating: boolean },
): ExpectationsFile {
  if (existsSync(path)) return readExpectations(path);
  if (how.given && !how.creating) {
    throw new ConformanceError(
      'ERR_CONFORMANCE_USAGE',
      `--expectations ${path}: no such file (add --update-expectations to create it)`,
    );
  }
  return { formatVersion: EXPECTATIONS_FORMAT_VERSION, description: '', expectations: [] };
}

/**
 * Refuses an entry for one of this run's implementations that names a vector id no loaded
 * vector file has: it could never be met, and would never be reported stale.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_EXPECTATIONS` naming the file and JSON path.
 * @example
 * ```ts
 * checkVectorIds('expectations.json', file, new Set(['python-example']), new Set(['empty-body']));
 * ```
 */
export function checkVectorIds(
  path: string,
  file: ExpectationsFile,
  implementations: ReadonlySet<string>,
  vectorIds: ReadonlySet<string>,
): void {
  file.expectations.forEach((entry, i) => {
    if (!implementations.has(entry.implementation)) return;
    entry.vectors.forEach((id, j) => {
      if (id === '*' || vectorIds.has(id)) return;
      const jsonPath = `/expectations/${i}/vectors/${j}`;
      throw new ConformanceError(
        'ERR_CONFORMANCE_EXPECTATIONS',
        `${path}: ${jsonPath}: ${JSON.stringify(id)} names no vector of the loaded vector files`,
        { file: path, jsonPath },
      );
    });
  });
}
