/**
 * The one error class the conformance package throws.
 *
 * @module
 */

/** Every stable code a {@link ConformanceError} can carry. */
export type ConformanceErrorCode =
  /** A command-line argument or option value is wrong. */
  | 'ERR_CONFORMANCE_USAGE'
  /** The expectations file is malformed. */
  | 'ERR_CONFORMANCE_EXPECTATIONS'
  /** A report file to merge or render is malformed. */
  | 'ERR_CONFORMANCE_REPORT'
  /** The reference disagrees with a vector: one of them is wrong, nothing can be judged. */
  | 'ERR_CONFORMANCE_REFERENCE'
  /** The shipped toolchain declarations (`toolchains.json`) are malformed. */
  | 'ERR_CONFORMANCE_TOOLCHAINS';

/**
 * Thrown for bad input to the runner: usage errors, malformed expectations or reports.
 * Divergences of implementations are results, never exceptions. For a malformed file,
 * `file` and `jsonPath` (a JSON Pointer) say where, and the message says what was expected
 * there (`x.json: /expectations/0/cause: expected a non-empty string, got ""`).
 *
 * @example
 * ```ts
 * try { readExpectations('x.json'); } catch (error) {
 *   if (isConformanceError(error)) console.error(error.code, error.file, error.jsonPath);
 * }
 * ```
 */
export class ConformanceError extends Error {
  readonly code: ConformanceErrorCode;
  /** The file at fault, for a malformed file (expectations, report). */
  readonly file?: string;
  /** JSON Pointer of the place at fault in `file` (`''` for the whole document). */
  readonly jsonPath?: string;

  constructor(
    code: ConformanceErrorCode,
    message: string,
    options?: { cause?: unknown; file?: string; jsonPath?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = 'ConformanceError';
    if (options?.file !== undefined) this.file = options.file;
    if (options?.jsonPath !== undefined) this.jsonPath = options.jsonPath;
  }
}

/**
 * Tells whether `value` is a {@link ConformanceError}, across realms too.
 *
 * @example
 * ```ts
 * if (isConformanceError(error)) process.exitCode = 2;
 * ```
 */
export function isConformanceError(value: unknown): value is ConformanceError {
  return value instanceof Error && value.name === 'ConformanceError' && 'code' in value;
}
