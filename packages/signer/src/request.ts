/**
 * Turning "call this endpoint with this body" into the exact text and headers to send.
 *
 * @module
 */
import { type BytesLike, describe } from './bytes.js';
import { SignerError } from './errors.js';

/** What a JSON request is made from. */
export interface SignedRequestInit {
  /** The plugNmeet API key, sent as `API-KEY`. */
  apiKey: string;
  /** The plugNmeet API secret; never sent, only used to sign. */
  secret: BytesLike;
  /**
   * The body: a string is sent and signed as it is; anything else is serialized once with
   * `JSON.stringify` and that exact text is both signed and returned.
   */
  body: string | object;
}

/** What a multipart request (`/auth/room/uploadWhiteboardFile`) is made from. */
export interface MultipartRequestInit {
  apiKey: string;
  secret: BytesLike;
  /** The room id, sent as the `Room-Id` header: for multipart requests the server signs this. */
  roomId: string;
}

/** A JSON request ready for `fetch`: send `body` as it is, with these headers. */
export interface PreparedRequest {
  body: string;
  headers: {
    'API-KEY': string;
    'HASH-SIGNATURE': string;
    'Content-Type': 'application/json';
  };
}

/**
 * Headers of a multipart request. No `Content-Type` on purpose: the HTTP library must add
 * it with the multipart boundary it chose.
 */
export interface PreparedMultipartRequest {
  headers: {
    'API-KEY': string;
    'HASH-SIGNATURE': string;
    'Room-Id': string;
  };
}

// Visible ASCII with inner spaces: what an HTTP header carries byte for byte. HTTP strips
// leading and trailing whitespace, clients send header text as Latin-1 (or refuse it), and
// the server signs the header bytes it received, so anything else would be signed as bytes
// other than the ones the server sees.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function headerValue(value: unknown, name: string): string {
  if (typeof value === 'string' && HEADER_SAFE.test(value)) return value;
  const got =
    typeof value === 'string' && value.length > 0
      ? 'a string with leading/trailing whitespace, control or non-ASCII characters'
      : describe(value);
  throw new SignerError(
    'ERR_SIGNER_INVALID_ARGUMENT',
    `"${name}" expected a non-empty string of visible ASCII (it is sent as an HTTP header), got ${got}`,
  );
}

function checkInit(init: unknown): Record<string, unknown> {
  if (typeof init === 'object' && init !== null && !Array.isArray(init)) {
    return init as Record<string, unknown>;
  }
  throw new SignerError(
    'ERR_SIGNER_INVALID_ARGUMENT',
    `"init" expected an object, got ${describe(init)}`,
  );
}

/**
 * The exact text to send: a string as it is, an object serialized once.
 *
 * @throws {SignerError} `ERR_SIGNER_SERIALIZE` when `JSON.stringify` fails or yields
 * nothing; `ERR_SIGNER_INVALID_ARGUMENT` for a body that is neither string nor object.
 */
export function serializeBody(body: unknown): string {
  if (typeof body === 'string') return body;
  if (
    typeof body !== 'object' ||
    body === null ||
    // Binary data would serialize to '{}' or an index map: never what was meant.
    ArrayBuffer.isView(body) ||
    body instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && body instanceof SharedArrayBuffer)
  ) {
    throw new SignerError(
      'ERR_SIGNER_INVALID_ARGUMENT',
      `"body" expected a string or a JSON-serializable object, got ${describe(body)}`,
    );
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (cause) {
    throw new SignerError('ERR_SIGNER_SERIALIZE', `"body" could not be serialized to JSON`, {
      cause,
    });
  }
  if (typeof text !== 'string') {
    throw new SignerError('ERR_SIGNER_SERIALIZE', `"body" serialized to nothing`);
  }
  return text;
}

/**
 * @internal Checks a JSON request's parts before anything is signed: `init`, then `apiKey`,
 * then the body (serialized once). The secret is checked by the signing path itself.
 */
export function jsonRequestParts(init: SignedRequestInit): {
  apiKey: string;
  body: string;
  secret: BytesLike;
} {
  const fields = checkInit(init);
  const apiKey = headerValue(fields.apiKey, 'apiKey');
  const body = serializeBody(fields.body);
  return { apiKey, body, secret: fields.secret as BytesLike };
}

/** @internal Checks a multipart request's `init`, `apiKey` and `roomId` before signing. */
export function multipartRequestParts(init: MultipartRequestInit): {
  apiKey: string;
  roomId: string;
  secret: BytesLike;
} {
  const fields = checkInit(init);
  const apiKey = headerValue(fields.apiKey, 'apiKey');
  const roomId = headerValue(fields.roomId, 'roomId');
  return { apiKey, roomId, secret: fields.secret as BytesLike };
}

/** @internal The headers of a signed JSON request. */
export function requestHeaders(apiKey: string, signature: string): PreparedRequest['headers'] {
  return { 'API-KEY': apiKey, 'HASH-SIGNATURE': signature, 'Content-Type': 'application/json' };
}

/** @internal The headers of a signed multipart request. */
export function multipartHeaders(
  apiKey: string,
  roomId: string,
  signature: string,
): PreparedMultipartRequest['headers'] {
  return { 'API-KEY': apiKey, 'HASH-SIGNATURE': signature, 'Room-Id': roomId };
}
