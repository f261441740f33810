/**
 * Sign and verify plugNmeet API requests with Web Crypto (async): Node 20+, Deno, Bun,
 * browsers and edge runtimes. For the synchronous node:crypto path import
 * `@plugnmeet-signing/signer/node`.
 *
 * @module
 */
import { createSigner } from './webcrypto.js';
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

export { SignerError, isSignerError, type SignerErrorCode } from './errors.js';
export type { BytesLike } from './bytes.js';
export { sign, verify, createSigner, type Signer } from './webcrypto.js';
export { isWellFormedSignature, SIGNATURE_HEX_LENGTH } from './signature-format.js';
export { serializeBody } from './request.js';
export type {
  MultipartRequestInit,
  PreparedMultipartRequest,
  PreparedRequest,
  SignedRequestInit,
} from './request.js';

/**
 * Builds a JSON request: serializes the body once and signs exactly the string it
 * returns, so the bytes sent are the bytes signed. Send `body` as it is.
 *
 * @throws {SignerError} `ERR_SIGNER_EMPTY_SECRET`, `ERR_SIGNER_INVALID_ARGUMENT`
 * (bad apiKey, secret or body) or `ERR_SIGNER_SERIALIZE` (the object cannot be serialized).
 * @example
 * ```ts
 * import { prepareRequest } from '@plugnmeet-signing/signer';
 * const { body, headers } = await prepareRequest({ apiKey, secret, body: { room_id: 'room01' } });
 * await fetch(`${server}/auth/room/isRoomActive`, { method: 'POST', body, headers });
 * ```
 */
export async function prepareRequest(init: SignedRequestInit): Promise<PreparedRequest> {
  const body = serializeBody(init.body);
  const signature = await (await createSigner(init.secret)).sign(body);
  return { body, headers: requestHeaders(init.apiKey, signature) };
}

/**
 * Builds the headers of a multipart request (only `/auth/room/uploadWhiteboardFile`),
 * where the server signs the `Room-Id` header value instead of the body.
 *
 * @throws {SignerError} `ERR_SIGNER_EMPTY_SECRET` or `ERR_SIGNER_INVALID_ARGUMENT`.
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
  const roomId = checkRoomId(init.roomId);
  const signature = await (await createSigner(init.secret)).sign(roomId);
  return { headers: multipartHeaders(init.apiKey, roomId, signature) };
}
