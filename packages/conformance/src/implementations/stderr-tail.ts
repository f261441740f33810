/**
 * Keeps the last few KiB a process wrote to stderr, for the finding that names it.
 *
 * @module
 */

const DEFAULT_LIMIT = 2048;

/** A bounded buffer of the newest stderr text. */
export class StderrTail {
  #text = '';
  readonly #limit: number;

  constructor(limit = DEFAULT_LIMIT) {
    this.#limit = limit;
  }

  push(chunk: string): void {
    this.#text = (this.#text + chunk).slice(-this.#limit);
  }

  toString(): string {
    return this.#text;
  }
}
