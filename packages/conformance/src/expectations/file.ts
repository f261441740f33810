/**
 * The checked-in expectations file: known divergences, per implementation×environment,
 * each with its cause. A run fails on a divergence it does not list and on an entry that
 * no longer happens (stale), so the file can only stay honest.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { ConformanceError, isConformanceError } from '../errors.js';
import { readInputFile } from '../input-file.js';
import { checkFile } from '../schemas/check-file.js';

export const EXPECTATIONS_FORMAT_VERSION = 1;

/** One known divergence. */
export interface Expectation {
  implementation: string;
  environment: string;
  /** Reproduced cause id (see src/diagnosis), `broken`, or `unexplained`. */
  cause: string;
  /** For the doc maintainer: what goes wrong and why. */
  explanation: string;
  /** Vector ids that diverge this way; `["*"]` for every vector the column runs. */
  vectors: string[];
  /** Vector tags whose vectors may diverge this way (stale only when none of them does). */
  tags?: string[];
  /** The property search is expected to meet this cause. */
  property?: boolean;
}

export interface ExpectationsFile {
  formatVersion: number;
  description: string;
  expectations: Expectation[];
}

/** The file as written: what `schemas/expectations.json` accepts. */
interface RawFile {
  formatVersion: typeof EXPECTATIONS_FORMAT_VERSION;
  description?: unknown;
  expectations: Array<Omit<Expectation, 'vectors'> & { vectors?: string[] }>;
}

/**
 * Reads an expectations file and validates it against `schemas/expectations.json`.
 * An entry without `vectors` lists none; a `description` that is not a string reads as empty.
 *
 * Only a regular file up to MAX_INPUT_FILE_BYTES is read (`input-file.ts`): a FIFO or a
 * device is refused without being opened for a blocking read.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_EXPECTATIONS` naming the file: not a regular
 * file, too large, not JSON, or the JSON Pointer at fault (`expectations.json: /expectations/0/cause: expected a non-empty string, got ""`).
 * @example
 * ```ts
 * const file = readExpectations('packages/conformance/expectations.json');
 * ```
 */
export function readExpectations(path: string): ExpectationsFile {
  let json: unknown;
  try {
    json = JSON.parse(readInputFile(path, 'ERR_CONFORMANCE_EXPECTATIONS'));
  } catch (cause) {
    if (isConformanceError(cause)) throw cause;
    throw new ConformanceError(
      'ERR_CONFORMANCE_EXPECTATIONS',
      `${path}: not readable JSON: ${(cause as Error).message}`,
      { cause, file: path },
    );
  }
  const file = checkFile<RawFile>('expectations', json, path, 'ERR_CONFORMANCE_EXPECTATIONS');
  return {
    formatVersion: EXPECTATIONS_FORMAT_VERSION,
    description: typeof file.description === 'string' ? file.description : '',
    // A copy with the optional fields in a fixed order, so a written file diffs cleanly.
    expectations: file.expectations.map((e) => ({
      implementation: e.implementation,
      environment: e.environment,
      cause: e.cause,
      explanation: e.explanation,
      vectors: [...(e.vectors ?? [])],
      ...(e.tags === undefined ? {} : { tags: [...e.tags] }),
      ...(e.property === undefined ? {} : { property: e.property }),
    })),
  };
}

/** Writes an expectations file with stable ordering, so diffs show only real changes. */
export function writeExpectations(path: string, file: ExpectationsFile): void {
  const expectations = [...file.expectations]
    .map((e) => ({ ...e, vectors: [...e.vectors].sort() }))
    .sort((a, b) =>
      `${a.implementation}/${a.environment}/${a.cause}`.localeCompare(
        `${b.implementation}/${b.environment}/${b.cause}`,
      ),
    );
  writeFileSync(path, `${JSON.stringify({ ...file, expectations }, null, 2)}\n`);
}
