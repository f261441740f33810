/**
 * The synchronous path on node:crypto (also available on Deno and Bun). Import it as
 * `@plugnmeet-signing/signer/node`, so browser bundles never see `node:crypto`.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type BytesLike, checkBytes, emptySecret } from './bytes.js';
import {
  jsonRequestParts,
  type MultipartRequestInit,
  multipartHeaders,
  multipartRequestParts,
  type PreparedMultipartRequest,
  type PreparedRequest,
  requestHeaders,
  type SignedRequestInit,
} from './request.js';
import { hexToBytes, isWellFormedSignature } from './signature-format.js';

export type { BytesLike } from './bytes.js';
export { isSignerError, SignerError, type SignerErrorCode } from './errors.js';
export type {
  MultipartRequestInit,
  PreparedMultipartRequest,
  PreparedRequest,
  SignedRequestInit,
} from './request.js';
export { serializeBody } from './request.js';
export { isWellFormedSignature, SIGNATURE_HEX_LENGTH } from './signature-format.js';

// Strings go to node:crypto as they are: it encodes them as UTF-8 natively (lone surrogates
// as U+FFFD, exactly the bytes TextEncoder gives the Web Crypto path) and skipping the JS
// TextEncoder copy keeps signSync within a few percent of a bare createHmac.
function hmacData(body: BytesLike): string | Uint8Array {
  return typeof body === 'string' ? body : checkBytes(body, 'body');
}

function hmacKey(secret: BytesLike): string | Uint8Array {
  const key = typeof secret === 'string' ? secret : checkBytes(secret, 'secret');
  // An empty string encodes to no bytes and a non-empty one to at least one.
  if (key.length === 0) throw emptySecret();
  return key;
}

/**
 * Signs a plugNmeet request body synchronously: lowercase hex HMAC-SHA256 of the exact
 * body bytes, keyed with the API secret.
 *
 * @param body - The request body as sent: a string (UTF-8) or the raw bytes.
 * @param secret - The API secret: a string (UTF-8) or raw bytes; never empty.
 * @returns 64 lowercase hex digits.
 * @throws {SignerError} `ERR_SIGNER_EMPTY_SECRET` for an empty secret (node:crypto would
 * accept it, Web Crypto would not: both paths refuse it so they agree everywhere),
 * `ERR_SIGNER_INVALID_ARGUMENT` for a body or secret of the wrong type.
 * @example
 * ```ts
 * import { signSync } from '@plugnmeet-signing/signer/node';
 * signSync('{"room_id":"room01"}', 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
 * // '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5'
 * ```
 */
export function signSync(body: BytesLike, secret: BytesLike): string {
  const data = hmacData(body);
  return createHmac('sha256', hmacKey(secret)).update(data).digest('hex');
}

/**
 * Verifies a presented `HASH-SIGNATURE` synchronously, exactly as the plugNmeet server
 * does: lowercase hex only, over exactly these bytes, compared in constant time.
 *
 * @returns true only for the exact signature; false for uppercase, truncated, empty,
 * non-hex or over-long text.
 * @throws {SignerError} `ERR_SIGNER_EMPTY_SECRET` or `ERR_SIGNER_INVALID_ARGUMENT` for bad
 * arguments.
 * @example
 * ```ts
 * import { verifySync } from '@plugnmeet-signing/signer/node';
 * if (!verifySync(rawBody, String(req.headers['hash-signature'] ?? ''), secret)) res.statusCode = 401;
 * ```
 */
export function verifySync(body: BytesLike, signature: string, secret: BytesLike): boolean {
  const data = hmacData(body);
  const key = hmacKey(secret);
  // The format check reads only the presented text, so it leaks nothing about the MAC.
  if (!isWellFormedSignature(signature)) return false;
  const expected = createHmac('sha256', key).update(data).digest();
  return timingSafeEqual(expected, hexToBytes(signature));
}

/**
 * Builds a JSON request synchronously: serializes the body once and signs exactly the
 * string it returns, so the bytes sent are the bytes signed.
 *
 * @throws {SignerError} see {@link signSync}; `ERR_SIGNER_INVALID_ARGUMENT` for a bad `init`,
 * `apiKey` or body; `ERR_SIGNER_SERIALIZE` when the body object cannot be serialized.
 * @example
 * ```ts
 * const { body, headers } = prepareRequestSync({ apiKey, secret, body: { room_id: 'room01' } });
 * await fetch(`${server}/auth/room/isRoomActive`, { method: 'POST', body, headers });
 * ```
 */
export function prepareRequestSync(init: SignedRequestInit): PreparedRequest {
  const { apiKey, body, secret } = jsonRequestParts(init);
  return { body, headers: requestHeaders(apiKey, signSync(body, secret)) };
}

/**
 * Builds the headers of a multipart request synchronously (only
 * `/auth/room/uploadWhiteboardFile`): the signature covers the `Room-Id` header value.
 * `roomId` and `apiKey` must be visible ASCII without leading or trailing spaces.
 *
 * @throws {SignerError} see {@link signSync}; `ERR_SIGNER_INVALID_ARGUMENT` for a bad
 * `init`, `apiKey` or `roomId`.
 * @example
 * ```ts
 * const { headers } = prepareMultipartRequestSync({ apiKey, secret, roomId: 'room01' });
 * ```
 */
export function prepareMultipartRequestSync(init: MultipartRequestInit): PreparedMultipartRequest {
  const { apiKey, roomId, secret } = multipartRequestParts(init);
  return { headers: multipartHeaders(apiKey, roomId, signSync(roomId, secret)) };
}
