/**
 * Building the answers the plugNmeet server gives.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import type { TestResponse } from './types.js';

/**
 * A `CommonResponse` (`{status, msg, status_code}`), the shape of every simple success,
 * every handler failure (HTTP 200, `status:false`) and every 401.
 *
 * @example
 * ```ts
 * server.enqueue('room/endRoom', commonResponse(false, 'room not found or not active', 'ROOM_NOT_FOUND'));
 * ```
 */
export function commonResponse(
  status: boolean,
  msg: string,
  statusCode: string,
  httpStatus = 200,
): TestResponse {
  // No `message`: a scripted CommonResponse may carry a status code from a future server.
  return { status: httpStatus, json: { status, msg, status_code: statusCode } };
}

/**
 * A success message: `{status:true, msg, status_code:"SUCCESS", ...fields}`.
 *
 * @example
 * ```ts
 * ok('room is active', { is_active: true });
 * ```
 */
export function ok(msg: string, fields: Record<string, unknown> = {}): TestResponse {
  return { json: { status: true, msg, status_code: 'SUCCESS', ...fields } };
}

/**
 * A handler failure as the server sends it (`SendCommonProtoJsonResponse`): HTTP 200 with a
 * `CommonResponse` `{status:false, msg, status_code}`, whatever the route's response message.
 *
 * @example
 * ```ts
 * fail('recording not found', 'NOT_FOUND');
 * ```
 */
export function fail(msg: string, statusCode: string): TestResponse {
  return {
    message: 'plugnmeet.CommonResponse',
    json: { status: false, msg, status_code: statusCode },
  };
}

/**
 * The 404 the catch-all route sends for unknown paths: plain text `not found`.
 *
 * @example
 * ```ts
 * server.enqueue('room/create', notFound());
 * ```
 */
export function notFound(): TestResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: 'not found',
  };
}

function base64url(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Mints an HS256 JWT like the server's join and download tokens (iss = API key, sub, nbf,
 * exp). Only for realism: the test server never verifies these.
 *
 * @example
 * ```ts
 * mintToken('plugnmeet', secret, 'user01', 600);
 * ```
 */
export function mintToken(
  apiKey: string,
  secret: string,
  subject: string,
  validForSeconds: number,
  claims: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ iss: apiKey, sub: subject, nbf: now, exp: now + validForSeconds, ...claims }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${base64url(signature)}`;
}
