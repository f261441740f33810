/**
 * Input normalisation shared by both signing paths: both must see the very same bytes.
 *
 * @module
 */
import { SignerError } from './errors.js';

/** A body or secret: a string is encoded as UTF-8, a `Uint8Array` is used byte for byte. */
export type BytesLike = string | Uint8Array;

const utf8 = new TextEncoder();

/** Describes a received value for an error message without dumping secrets into logs. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : 'a string';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  return `a ${typeof value}`;
}

/**
 * Turns a body or secret into the exact bytes the HMAC covers.
 *
 * A string becomes its UTF-8 encoding (lone surrogates become U+FFFD, as `fetch` would
 * send them, so the signature still covers the bytes on the wire). A `Uint8Array` is
 * returned as is: invalid UTF-8 stays invalid UTF-8.
 *
 * @throws {SignerError} `ERR_SIGNER_INVALID_ARGUMENT` when `value` is neither.
 */
export function toBytes(value: BytesLike, name: string): Uint8Array {
  if (typeof value === 'string') return utf8.encode(value);
  return checkBytes(value, name);
}

/**
 * Checks that `value` is a `Uint8Array` (a `Buffer` is one), also one made in another realm
 * (a `vm` context, an iframe), where `instanceof` fails.
 *
 * @throws {SignerError} `ERR_SIGNER_INVALID_ARGUMENT` naming `name` otherwise.
 */
export function checkBytes(value: unknown, name: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  // Cross-realm fallback: only ever admits a real ArrayBuffer view, whatever its tag claims.
  if (
    ArrayBuffer.isView(value) &&
    Object.prototype.toString.call(value) === '[object Uint8Array]'
  ) {
    return value as Uint8Array;
  }
  throw new SignerError(
    'ERR_SIGNER_INVALID_ARGUMENT',
    `"${name}" expected a string or Uint8Array, got ${describe(value)}`,
  );
}

/** The error for an empty secret, shared by both paths so they throw the very same thing. */
export function emptySecret(): SignerError {
  return new SignerError(
    'ERR_SIGNER_EMPTY_SECRET',
    '"secret" expected at least one byte, got an empty secret',
  );
}

/**
 * Like {@link toBytes}, and refuses an empty secret.
 *
 * Web Crypto rejects zero-length HMAC keys while node:crypto accepts them; refusing here,
 * before either is reached, keeps the sync and async paths in agreement.
 *
 * @throws {SignerError} `ERR_SIGNER_INVALID_ARGUMENT` or `ERR_SIGNER_EMPTY_SECRET`.
 */
export function secretBytes(secret: BytesLike): Uint8Array {
  const bytes = toBytes(secret, 'secret');
  if (bytes.length === 0) throw emptySecret();
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lowercase hex, the only spelling the plugNmeet server accepts. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX[byte];
  return out;
}
