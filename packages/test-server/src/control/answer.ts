/**
 * A scripted answer as the control API writes it (snake_case JSON, bodies as text or
 * base64) and the library's `TestResponse` it stands for.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { answerMessage } from '../protocol/encode-answer.js';
import { encodeProtoJson } from '../protojson.js';
import type { TestResponse } from '../types.js';
import { badInput, integer, type JsonObject, objectWith, text } from './input.js';

const KEYS = [
  'status',
  'headers',
  'json',
  'message',
  'body_text',
  'body_base64',
  'delay_ms',
  'hang_up',
] as const;

/** The longest delay a control call may script: long enough for any client timeout. */
export const MAX_DELAY_MS = 600_000;

/**
 * The statuses an answer may have. 1xx are interim answers node:http cannot send as a final
 * one (the client would wait for the real answer forever), so they are refused here.
 */
export const MIN_STATUS = 200;
/** The highest status an answer may have. */
export const MAX_STATUS = 599;
// node:http never sends a body with these: a scripted one would be logged yet never arrive.
const BODYLESS_STATUSES = new Set([204, 304]);

// RFC 9110 token characters; values without CR, LF or NUL (node:http would throw on them
// mid-answer, long after the control call said yes).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;
// The server computes these itself; a scripted one would desynchronize the connection.
const RESERVED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

function headers(value: unknown, where: string): Record<string, string> {
  const record = objectWith(value, where, Object.keys(value ?? {}));
  // No prototype: a header named __proto__ is a header like any other, not a prototype write.
  const out: Record<string, string> = Object.create(null);
  for (const [name, headerValue] of Object.entries(record)) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw badInput(
        `${where} name`,
        'an HTTP header name (not Content-Length, Transfer-Encoding or Connection)',
        name,
      );
    }
    // An empty value is a valid header; only the bytes that would break the answer are refused.
    if (typeof headerValue !== 'string' || !HEADER_VALUE.test(headerValue)) {
      throw badInput(`${where}.${name}`, 'a string without CR, LF or NUL', headerValue);
    }
    out[name] = headerValue;
  }
  return out;
}

function base64Body(value: unknown, where: string): Uint8Array {
  if (
    typeof value !== 'string' ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(value) ||
    value.length % 4 !== 0
  ) {
    throw badInput(where, 'standard padded base64', value);
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/**
 * Encodes `json` as the server will when it answers, so an answer it cannot send is a 400
 * for this call rather than a 500 for every /auth call that takes it.
 */
function trialEncode(json: unknown, message: string | undefined, where: string): void {
  try {
    encodeProtoJson(message ? answerMessage(message, json) : json, false);
  } catch (error) {
    throw badInput(where, `JSON the server can send (${(error as Error).message})`, json);
  }
}

/**
 * Reads one answer: `{status?, headers?, json? | body_text? | body_base64?, message?,
 * delay_ms?, hang_up?}`. With `message` (an upstream response message such as
 * `plugnmeet.CommonResponse`) the `json` is checked against it now, so a bad answer is a
 * 400 for this call rather than a 500 for the SDK under test later.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` saying which field is wrong and what it must be.
 * @example
 * ```ts
 * readAnswer({ status: 502, body_text: '<html>bad gateway</html>' }, 'answers[0]');
 * ```
 */
export function readAnswer(value: unknown, where: string): TestResponse {
  const spec = objectWith(value, where, KEYS);
  const bodies = (['json', 'body_text', 'body_base64'] as const).filter((k) => k in spec);
  if (bodies.length > 1) {
    throw badInput(where, 'an answer with at most one of json, body_text, body_base64', bodies);
  }
  const answer: TestResponse = {};
  if ('status' in spec)
    answer.status = integer(spec.status, `${where}.status`, MIN_STATUS, MAX_STATUS);
  const hasBody =
    'json' in spec ||
    (typeof spec.body_text === 'string' && spec.body_text !== '') ||
    (typeof spec.body_base64 === 'string' && spec.body_base64 !== '');
  if (answer.status !== undefined && BODYLESS_STATUSES.has(answer.status) && hasBody) {
    throw badInput(
      where,
      `an answer without json, body_text or body_base64 when status is ${answer.status} (HTTP sends no body with it)`,
      bodies,
    );
  }
  if ('headers' in spec) answer.headers = headers(spec.headers, `${where}.headers`);
  if ('json' in spec) answer.json = spec.json;
  if ('body_text' in spec) {
    if (typeof spec.body_text !== 'string')
      throw badInput(`${where}.body_text`, 'a string', spec.body_text);
    answer.body = spec.body_text;
  }
  if ('body_base64' in spec) answer.body = base64Body(spec.body_base64, `${where}.body_base64`);
  if ('delay_ms' in spec)
    answer.delayMs = integer(spec.delay_ms, `${where}.delay_ms`, 0, MAX_DELAY_MS);
  if ('hang_up' in spec) {
    if (typeof spec.hang_up !== 'boolean')
      throw badInput(`${where}.hang_up`, 'true or false', spec.hang_up);
    answer.hangUp = spec.hang_up;
  }
  if ('message' in spec) {
    const message = text(
      spec.message,
      `${where}.message`,
      'an upstream message name such as plugnmeet.CommonResponse',
    );
    if (!('json' in spec))
      throw badInput(`${where}.json`, `present when message is given`, undefined);
    try {
      answerMessage(message, spec.json);
    } catch (error) {
      throw badInput(
        `${where}.json`,
        `an instance of ${message} (${(error as Error).message})`,
        spec.json,
      );
    }
    answer.message = message;
  }
  if ('json' in spec) trialEncode(spec.json, answer.message, `${where}.json`);
  return answer;
}

/**
 * An answer back in the control API's JSON form (for listing what is queued).
 *
 * @throws Never.
 * @example
 * ```ts
 * answerJson({ status: 401, body: 'no' }); // { status: 401, body_text: 'no' }
 * ```
 */
export function answerJson(answer: TestResponse): JsonObject {
  const body =
    answer.json !== undefined
      ? { json: answer.json }
      : typeof answer.body === 'string'
        ? { body_text: answer.body }
        : answer.body instanceof Uint8Array
          ? { body_base64: Buffer.from(answer.body).toString('base64') }
          : {};
  return {
    ...(answer.status === undefined ? {} : { status: answer.status }),
    ...(answer.headers === undefined ? {} : { headers: answer.headers }),
    ...body,
    ...(answer.message === undefined ? {} : { message: answer.message }),
    ...(answer.delayMs === undefined ? {} : { delay_ms: answer.delayMs }),
    ...(answer.hangUp === undefined ? {} : { hang_up: answer.hangUp }),
  };
}
