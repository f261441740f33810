/**
 * A total budget for what the vector files of one load expand to. Each byte string is held
 * to MAX_EXPANDED_BYTES on its own, but a small file of `repeat` specs can ask for that a
 * hundred times (23 KB → 6.4 GiB); the budget is charged by every body and secret of every
 * file one load reads, and a spec is refused before it is expanded when it would pass it.
 *
 * @module
 */
import { schemaError } from './issues.js';

/**
 * The most bytes all the vectors of one load (the shipped files and every `--vectors`
 * directory together) may expand to: 128 MiB, about 50 times what the shipped vectors
 * need, and room for one 64 MiB body.
 */
export const MAX_TOTAL_EXPANDED_BYTES = 128 * 1024 * 1024;

/**
 * The most vectors one load may hold. Each vector is a cell of every column that runs it,
 * and a cell costs the runner about a kilobyte while it runs and a few hundred bytes in
 * every report: a file of a quarter of a million tiny vectors (45 MB) took the runner past
 * 1 GiB. 100,000 is 400 times the shipped set.
 */
export const MAX_TOTAL_VECTORS = 100_000;

/**
 * What is left of the total for one load (bytes and vectors); pass one instance to every file of the load.
 *
 * @example
 * ```ts
 * const budget = new ExpansionBudget();
 * const files = [parseVectorFile(a, 'a.json', budget), parseVectorFile(b, 'b.json', budget)];
 * ```
 */
export class ExpansionBudget {
  readonly total: number;
  readonly totalVectors: number;
  #left: number;
  #vectorsLeft: number;

  constructor(total: number = MAX_TOTAL_EXPANDED_BYTES, totalVectors: number = MAX_TOTAL_VECTORS) {
    this.total = total;
    this.#left = total;
    this.totalVectors = totalVectors;
    this.#vectorsLeft = totalVectors;
  }

  /**
   * Takes `count` vectors of `file` from what is left, before any is validated or expanded.
   *
   * @throws {VectorError} `ERR_VECTOR_SCHEMA` at `/vectors` of `file`.
   * @example
   * ```ts
   * budget.chargeVectors(json.vectors.length, 'x.json');
   * ```
   */
  chargeVectors(count: number, file: string): void {
    if (count > this.#vectorsLeft) {
      throw schemaError(
        file,
        '/vectors',
        `has ${count} vectors, more than the ${this.#vectorsLeft} left of the ${this.totalVectors} every vector file of the run may hold together (MAX_TOTAL_VECTORS)`,
      );
    }
    this.#vectorsLeft -= count;
  }

  /** Bytes still allowed. */
  get left(): number {
    return this.#left;
  }

  /**
   * Refuses `bytes` more when they do not fit in what is left (before they are made).
   *
   * @throws {VectorError} `ERR_VECTOR_SCHEMA` naming `file` and `jsonPath`.
   * @example
   * ```ts
   * budget.check(64 * 1024 * 1024, 'x.json', '/vectors/3/body/repeat');
   * ```
   */
  check(bytes: number, file: string, jsonPath: string): void {
    if (bytes > this.#left) {
      throw schemaError(
        file,
        jsonPath,
        `expands to ${bytes} bytes, more than the ${this.#left} bytes left of the total budget of ${this.total} bytes for every vector file of the run together (MAX_TOTAL_EXPANDED_BYTES)`,
      );
    }
  }

  /**
   * Takes `bytes` from what is left.
   *
   * @throws {VectorError} As {@link ExpansionBudget.check}.
   * @example
   * ```ts
   * budget.charge(body.length, 'x.json', '/vectors/3/body');
   * ```
   */
  charge(bytes: number, file: string, jsonPath: string): void {
    this.check(bytes, file, jsonPath);
    this.#left -= bytes;
  }
}
