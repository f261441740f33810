/**
 * The one error class the signer throws.
 *
 * @module
 */

/** Every stable code a {@link SignerError} can carry. Switch on these, never on messages. */
export type SignerErrorCode =
  /** An argument had the wrong type (for example a number where a string was expected). */
  | 'ERR_SIGNER_INVALID_ARGUMENT'
  /** The secret was empty: an HMAC keyed with nothing authenticates nothing. */
  | 'ERR_SIGNER_EMPTY_SECRET'
  /** The body object could not be serialized to JSON (cycles, BigInt, …). */
  | 'ERR_SIGNER_SERIALIZE'
  /** The runtime has no Web Crypto (`globalThis.crypto.subtle`). */
  | 'ERR_SIGNER_CRYPTO_UNAVAILABLE';

/**
 * Thrown for bad arguments to any signer function. The message names the parameter,
 * what was expected and what was received, in the style of a `TypeError`.
 *
 * @example
 * ```ts
 * try {
 *   signSync('{}', '');
 * } catch (error) {
 *   if (isSignerError(error) && error.code === 'ERR_SIGNER_EMPTY_SECRET') console.error(error.message);
 * }
 * ```
 */
export class SignerError extends Error {
  /** Stable machine-readable code. */
  readonly code: SignerErrorCode;

  constructor(code: SignerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'SignerError';
  }
}

/**
 * Tells whether `value` is a {@link SignerError}, also across realms and duplicated
 * package copies, where `instanceof` fails.
 *
 * @example
 * ```ts
 * if (isSignerError(error)) console.log(error.code);
 * ```
 */
export function isSignerError(value: unknown): value is SignerError {
  return (
    value instanceof SignerError ||
    (value instanceof Error &&
      value.name === 'SignerError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
