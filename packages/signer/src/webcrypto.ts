/**
 * The async path: Web Crypto HMAC-SHA256, the same on Node 20, Deno, Bun and edge runtimes.
 *
 * @module
 */
import { type BytesLike, secretBytes, toBytes, toHex } from './bytes.js';
import { SignerError } from './errors.js';
import { hexToBytes, isWellFormedSignature } from './signature-format.js';

const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;

function subtle(): SubtleCrypto {
  const candidate = globalThis.crypto?.subtle;
  if (!candidate) {
    throw new SignerError(
      'ERR_SIGNER_CRYPTO_UNAVAILABLE',
      'Web Crypto is not available: globalThis.crypto.subtle is undefined; use @plugnmeet-signing/signer/node',
    );
  }
  return candidate;
}

// Web Crypto's BufferSource wants an ArrayBuffer-backed view; a view over a
// SharedArrayBuffer (allowed in a Uint8Array) is copied rather than refused.
function arrayBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/**
 * A signer bound to one secret: the key is imported once and reused, which saves the
 * `importKey` round trip on every request.
 */
export interface Signer {
  /** Lowercase hex HMAC-SHA256 of `body`. */
  sign(body: BytesLike): Promise<string>;
  /** True only for the exact lowercase hex HMAC of `body`; false for anything else. */
  verify(body: BytesLike, signature: string): Promise<boolean>;
}

/**
 * Imports `secret` once and returns a {@link Signer} bound to it.
 *
 * @throws {SignerError} `ERR_SIGNER_EMPTY_SECRET`, `ERR_SIGNER_INVALID_ARGUMENT` or
 * `ERR_SIGNER_CRYPTO_UNAVAILABLE` (synchronously checked, reported as a rejection).
 * @example
 * ```ts
 * const signer = await createSigner(process.env.PLUGNMEET_API_SECRET!);
 * const signature = await signer.sign('{"room_id":"room01"}');
 * ```
 */
export async function createSigner(secret: BytesLike): Promise<Signer> {
  const key = await subtle().importKey(
    'raw',
    arrayBufferView(secretBytes(secret)),
    HMAC_SHA256,
    false,
    ['sign', 'verify'],
  );
  return {
    async sign(body) {
      const mac = await subtle().sign('HMAC', key, arrayBufferView(toBytes(body, 'body')));
      return toHex(new Uint8Array(mac));
    },
    async verify(body, signature) {
      const bytes = arrayBufferView(toBytes(body, 'body'));
      if (!isWellFormedSignature(signature)) return false;
      // subtle.verify compares in constant time inside the crypto library.
      return subtle().verify('HMAC', key, hexToBytes(signature), bytes);
    },
  };
}

/**
 * Signs a plugNmeet request body: lowercase hex HMAC-SHA256 of the exact body bytes,
 * keyed with the API secret. This is the `HASH-SIGNATURE` header value.
 *
 * @param body - The request body as sent: a string (UTF-8) or the raw bytes.
 * @param secret - The API secret: a string (UTF-8) or raw bytes; never empty.
 * @returns 64 lowercase hex digits.
 * @throws {SignerError} `ERR_SIGNER_EMPTY_SECRET` for an empty secret,
 * `ERR_SIGNER_INVALID_ARGUMENT` for a body or secret that is neither string nor Uint8Array,
 * `ERR_SIGNER_CRYPTO_UNAVAILABLE` without Web Crypto.
 * @example
 * ```ts
 * import { sign } from '@plugnmeet-signing/signer';
 * const signature = await sign('{"room_id":"room01"}', 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
 * // '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5'
 * ```
 */
export async function sign(body: BytesLike, secret: BytesLike): Promise<string> {
  const bytes = toBytes(body, 'body');
  return (await createSigner(secret)).sign(bytes);
}

/**
 * Verifies a presented `HASH-SIGNATURE` exactly as the plugNmeet server does: true only
 * for the lowercase hex HMAC-SHA256 of exactly these bytes, compared in constant time.
 * Uppercase, truncated, empty, non-hex or over-long signatures give false, never an error.
 *
 * @param body - The raw body bytes as received (or the string they decode from).
 * @param signature - The header text as presented.
 * @param secret - The API secret; never empty.
 * @throws {SignerError} `ERR_SIGNER_EMPTY_SECRET` or `ERR_SIGNER_INVALID_ARGUMENT` for bad
 * arguments (a signature that is not a string is a programming error, not a bad signature).
 * @example
 * ```ts
 * import { verify } from '@plugnmeet-signing/signer';
 * const ok = await verify(rawBody, request.headers.get('hash-signature') ?? '', secret);
 * ```
 */
export async function verify(
  body: BytesLike,
  signature: string,
  secret: BytesLike,
): Promise<boolean> {
  const bytes = toBytes(body, 'body');
  const signer = await createSigner(secret);
  return signer.verify(bytes, signature);
}
