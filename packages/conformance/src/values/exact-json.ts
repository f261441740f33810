/**
 * JSON read without losing digits: an SDK's reply may carry an int64 as a number above
 * 2^53, and `JSON.parse` would round it before the runner could tell whether the SDK did.
 * lossless-json reads the text and hands each number's literal to {@link ExactNumber}.
 *
 * @module
 */
import { parse } from 'lossless-json';

/** A JSON number as written: its literal text, never rounded. */
export class ExactNumber {
  constructor(readonly text: string) {}
  /** The value as a BigInt when the literal is an integer (`12`, `-3`, `1e3` is not). */
  integer(): bigint | undefined {
    return /^-?\d+$/.test(this.text) ? BigInt(this.text) : undefined;
  }
  toJSON(): number {
    return Number(this.text);
  }
}

/** A JSON value with every number kept as an {@link ExactNumber}. */
export type ExactJson =
  | null
  | boolean
  | string
  | ExactNumber
  | ExactJson[]
  | { [key: string]: ExactJson };

/**
 * Parses JSON text like `JSON.parse` (a repeated key keeps its last value), except that
 * numbers keep their literal text.
 *
 * @throws {SyntaxError} Naming the offset of the first error. A reply is the
 * implementation's text: bad JSON is its divergence, never a ConformanceError (those are
 * the user's mistakes).
 * @example
 * ```ts
 * const value = parseExactJson('{"id":9007199254740993}') as { id: ExactNumber };
 * value.id.integer(); // 9007199254740993n
 * ```
 */
export function parseExactJson(text: string): ExactJson {
  return parse(text, null, {
    parseNumber: (literal) => new ExactNumber(literal),
    onDuplicateKey: ({ newValue }) => newValue,
  }) as ExactJson;
}
