/**
 * The one error class the vector loader throws.
 *
 * @module
 */

/** Every stable code a {@link VectorError} can carry. Switch on these, never on messages. */
export type VectorErrorCode =
  /** The file is valid JSON but breaks vectors/schema.json or a rule the schema cannot state. */
  | 'ERR_VECTOR_SCHEMA'
  /** The file is not valid JSON (or not UTF-8, or repeats a key inside one object). */
  | 'ERR_VECTOR_JSON'
  /** Two vectors share an id, in one file or across files. */
  | 'ERR_VECTOR_DUPLICATE_ID'
  /** A directory or file could not be listed or read. */
  | 'ERR_VECTOR_IO';

/** One problem found in a file: where (a JSON Pointer) and what. */
export interface VectorIssue {
  /** JSON Pointer into the file, `''` for the whole document. */
  readonly jsonPath: string;
  /** What is wrong there, e.g. `must have exactly one of utf8, hex, base64, repeat`. */
  readonly message: string;
}

/**
 * Thrown when a vector file cannot be used. The message starts with the file and the JSON
 * path at fault (`vectors/edge-cases.json: /vectors/3/body: must have exactly one of …`,
 * or `file:line:column: invalid JSON: …`), so it can be acted on without a debugger.
 * When a file has several problems, `issues` lists them all and the message shows each
 * on its own line.
 *
 * @example
 * ```ts
 * try {
 *   await loadVectorFiles();
 * } catch (error) {
 *   if (isVectorError(error)) console.error(error.code, error.file, error.jsonPath);
 *   throw error;
 * }
 * ```
 */
export class VectorError extends Error {
  /** Stable machine-readable code. */
  readonly code: VectorErrorCode;
  /** The file at fault, as the loader was given it (`''` when no file is involved). */
  readonly file: string;
  /** JSON Pointer of the first issue (`''` for the whole file or when there is no file). */
  readonly jsonPath: string;
  /** Every issue found, first one first. */
  readonly issues: readonly VectorIssue[];

  constructor(
    code: VectorErrorCode,
    message: string,
    details: { file: string; issues: readonly VectorIssue[]; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.jsonPath = details.issues[0]?.jsonPath ?? '';
    this.issues = details.issues;
    this.name = 'VectorError';
  }
}

/**
 * Tells whether `value` is a {@link VectorError}, also across realms and duplicated
 * package copies, where `instanceof` fails.
 *
 * @example
 * ```ts
 * if (isVectorError(error) && error.code === 'ERR_VECTOR_DUPLICATE_ID') console.error(error.message);
 * ```
 */
export function isVectorError(value: unknown): value is VectorError {
  return (
    value instanceof VectorError ||
    (value instanceof Error &&
      value.name === 'VectorError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      typeof (value as { file?: unknown }).file === 'string')
  );
}
