/**
 * Sign and verify plugNmeet API requests with Web Crypto (async): Node 20+, Deno, Bun,
 * browsers and edge runtimes. For the synchronous node:crypto path import
 * `@plugnmeet-signing/signer/node`.
 *
 * @module
 */
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
import { sign } from './webcrypto.js';

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
export { createSigner, type Signer, sign, verify } from './webcrypto.js';

/**
 * Builds a JSON request: serializes the body once and signs exactly the string it
 * returns, so the bytes sent are the bytes signed. Send `body` as it is.
 *
 * @throws {SignerError} (as a rejection) `ERR_SIGNER_EMPTY_SECRET`,
 * `ERR_SIGNER_INVALID_ARGUMENT` (bad init, apiKey, secret or body) or `ERR_SIGNER_SERIALIZE`
 * (the object cannot be serialized).
 * @example
 * ```ts
 * import { prepareRequest } from '@plugnmeet-signing/signer';
 * const { body, headers } = await prepareRequest({ apiKey, secret, body: { room_id: 'room01' } });
 * await fetch(`${server}/auth/room/isRoomActive`, { method: 'POST', body, headers });
 * ```
 */
export async function prepareRequest(init: SignedRequestInit): Promise<PreparedRequest> {
  const { apiKey, body, secret } = jsonRequestParts(init);
  return { body, headers: requestHeaders(apiKey, await sign(body, secret)) };
}

/**
 * Builds the headers of a multipart request (only `/auth/room/uploadWhiteboardFile`),
 * where the server signs the `Room-Id` header value instead of the body. `roomId` and
 * `apiKey` must be visible ASCII without leading or trailing spaces, the only header text
 * that reaches the server byte for byte.
 *
 * @throws {SignerError} (as a rejection) `ERR_SIGNER_EMPTY_SECRET` or
 * `ERR_SIGNER_INVALID_ARGUMENT`.
 * @example
 * ```ts
 * const { headers } = await prepareMultipartRequest({ apiKey, secret, roomId: 'room01' });
 * const form = new FormData();
 * form.set('file', new Blob([pdfBytes]), 'slides.pdf');
 * await fetch(`${server}/auth/room/uploadWhiteboardFile`, { method: 'POST', body: form, headers });
 * ```
 */
export async function prepareMultipartRequest(
  init: MultipartRequestInit,
): Promise<PreparedMultipartRequest> {
  const { apiKey, roomId, secret } = multipartRequestParts(init);
  return { headers: multipartHeaders(apiKey, roomId, await sign(roomId, secret)) };
}
