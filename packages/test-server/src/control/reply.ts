/**
 * The control API's answers: JSON bodies, and `{"error":{code,message,expected}}` refusals.
 *
 * @module
 */
import type { TestResponse } from '../types.js';

/** The `code` of a refused control call, stable across releases. */
export type ControlRefusal =
  /** The body, a query parameter or the route named in the path is not what was expected. */
  | 'BAD_CONTROL_INPUT'
  /** `--control-token` is set and the call did not carry it. */
  | 'CONTROL_UNAUTHORIZED'
  /** No control endpoint has this path. */
  | 'CONTROL_NOT_FOUND'
  /** The endpoint exists, not with this method. */
  | 'CONTROL_METHOD_NOT_ALLOWED'
  /** The body is over the control API's body limit (the message says the limit). */
  | 'CONTROL_BODY_TOO_LARGE'
  /** The call would take the queue, the replaced routes or the state past a bound. */
  | 'CONTROL_LIMIT_REACHED'
  /** The server was started without the control API. */
  | 'CONTROL_OFF'
  /** The control API itself failed (a bug: the message says where). */
  | 'CONTROL_FAILED';

/**
 * A JSON answer (plain `JSON.stringify`: the control API is not protojson).
 *
 * @throws Never.
 * @example
 * ```ts
 * jsonReply(200, { cleared: 3 });
 * ```
 */
export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): TestResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value),
  };
}

/**
 * A refusal saying what went wrong and what was expected instead.
 *
 * @throws Never.
 * @example
 * ```ts
 * refusal(400, 'BAD_CONTROL_INPUT', 'delay_ms is -1', 'an integer from 0 to 600000');
 * ```
 */
export function refusal(
  status: number,
  code: ControlRefusal,
  message: string,
  expected?: string,
  headers: Record<string, string> = {},
): TestResponse {
  return jsonReply(
    status,
    { error: { code, message, ...(expected === undefined ? {} : { expected }) } },
    headers,
  );
}
