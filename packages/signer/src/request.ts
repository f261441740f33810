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

function nonEmptyString(value: unknown, name: string): string {
  if (typeof value === 'string' && value.length > 0) return value;
  throw new SignerError(
    'ERR_SIGNER_INVALID_ARGUMENT',
    `"${name}" expected a non-empty string, got ${describe(value)}`,
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
  if (typeof body !== 'object' || body === null || body instanceof Uint8Array) {
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

/** @internal The headers of a signed JSON request. */
export function requestHeaders(apiKey: string, signature: string): PreparedRequest['headers'] {
  return {
    'API-KEY': nonEmptyString(apiKey, 'apiKey'),
    'HASH-SIGNATURE': signature,
    'Content-Type': 'application/json',
  };
}

/** @internal The headers of a signed multipart request. */
export function multipartHeaders(
  apiKey: string,
  roomId: string,
  signature: string,
): PreparedMultipartRequest['headers'] {
  return {
    'API-KEY': nonEmptyString(apiKey, 'apiKey'),
    'HASH-SIGNATURE': signature,
    'Room-Id': nonEmptyString(roomId, 'roomId'),
  };
}

/** @internal Checks `roomId` before it is signed. */
export function checkRoomId(roomId: unknown): string {
  return nonEmptyString(roomId, 'roomId');
}
