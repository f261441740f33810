/**
 * Turning an HTTP response into a plugNmeet message or the right error.
 *
 * @module
 */
import { PlugNmeetApiError } from './errors/api-error.js';
import { PlugNmeetAuthError } from './errors/auth-error.js';
import { PlugNmeetResponseError } from './errors/response-error.js';
import type { StatusCode } from './types/common.js';

/** A parsed body with a boolean `status`, as every `/auth` answer has. */
export type ResponseMessage = Record<string, unknown> & { status: boolean };

/** What the response interpreter needs to know about the reply. */
export interface RawReply {
  path: string;
  httpStatus: number;
  contentType: string | undefined;
  body: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function refusal(reply: RawReply, message: Record<string, unknown>) {
  const code = message.status_code;
  return {
    path: reply.path,
    httpStatus: reply.httpStatus,
    msg: typeof message.msg === 'string' ? message.msg : '',
    statusCode: typeof code === 'string' ? (code as StatusCode) : undefined,
    response: message,
  };
}

/**
 * Parses a reply: the message on success, a {@link PlugNmeetApiError} (returned, not thrown,
 * so list calls can turn `NOT_FOUND` into an empty list) for `status:false`.
 *
 * @throws {PlugNmeetAuthError} on HTTP 401 with the server's JSON body.
 * @throws {PlugNmeetResponseError} when the body is not a JSON object with a boolean
 * `status`, or a non-2xx status comes with `status:true`.
 * @example
 * ```ts
 * const result = interpret({ path, httpStatus: 200, contentType, body: text });
 * if (result instanceof PlugNmeetApiError) throw result;
 * ```
 */
export function interpret(reply: RawReply): ResponseMessage | PlugNmeetApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.body);
  } catch (cause) {
    throw new PlugNmeetResponseError({ ...reply, reason: 'the body is not JSON' }, { cause });
  }
  if (!isRecord(parsed)) {
    throw new PlugNmeetResponseError({ ...reply, reason: 'the body is not a JSON object' });
  }
  if (reply.httpStatus === 401) throw new PlugNmeetAuthError(refusal(reply, parsed));
  if (typeof parsed.status !== 'boolean') {
    throw new PlugNmeetResponseError({ ...reply, reason: 'the body has no boolean "status"' });
  }
  if (!parsed.status) return new PlugNmeetApiError(refusal(reply, parsed));
  if (reply.httpStatus < 200 || reply.httpStatus > 299) {
    throw new PlugNmeetResponseError({
      ...reply,
      reason: 'status:true with a non-2xx HTTP status',
    });
  }
  return parsed as ResponseMessage;
}
