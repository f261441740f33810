/**
 * The synchronous path on node:crypto (also available on Deno and Bun). Import it as
 * `@plugnmeet-signing/signer/node`, so browser bundles never see `node:crypto`.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type BytesLike, secretBytes, toBytes } from './bytes.js';
import {
  type MultipartRequestInit,
  type PreparedMultipartRequest,
  type PreparedRequest,
  type SignedRequestInit,
  checkRoomId,
  multipartHeaders,
  requestHeaders,
  serializeBody,
} from './request.js';
import { isWellFormedSignature } from './signature-format.js';

export { SignerError, isSignerError, type SignerErrorCode } from './errors.js';
export type { BytesLike } from './bytes.js';
export type {
  MultipartRequestInit,
  PreparedMultipartRequest,
  PreparedRequest,
  SignedRequestInit,
} from './request.js';

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
  const bytes = toBytes(body, 'body');
  return createHmac('sha256', secretBytes(secret)).update(bytes).digest('hex');
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
  const bytes = toBytes(body, 'body');
  const key = secretBytes(secret);
  if (!isWellFormedSignature(signature)) return false;
  const expected = createHmac('sha256', key).update(bytes).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/**
 * Builds a JSON request synchronously: serializes the body once and signs exactly the
 * string it returns, so the bytes sent are the bytes signed.
 *
 * @throws {SignerError} see {@link signSync}; `ERR_SIGNER_SERIALIZE` when the body object
 * cannot be serialized.
 * @example
 * ```ts
 * const { body, headers } = prepareRequestSync({ apiKey, secret, body: { room_id: 'room01' } });
 * await fetch(`${server}/auth/room/isRoomActive`, { method: 'POST', body, headers });
 * ```
 */
export function prepareRequestSync(init: SignedRequestInit): PreparedRequest {
  const body = serializeBody(init.body);
  return { body, headers: requestHeaders(init.apiKey, signSync(body, init.secret)) };
}

/**
 * Builds the headers of a multipart request synchronously (only
 * `/auth/room/uploadWhiteboardFile`): the signature covers the `Room-Id` header value.
 *
 * @throws {SignerError} see {@link signSync}.
 * @example
 * ```ts
 * const { headers } = prepareMultipartRequestSync({ apiKey, secret, roomId: 'room01' });
 * ```
 */
export function prepareMultipartRequestSync(init: MultipartRequestInit): PreparedMultipartRequest {
  return {
    headers: multipartHeaders(init.apiKey, init.roomId, signSync(checkRoomId(init.roomId), init.secret)),
  };
}
