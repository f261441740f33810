/**
 * The server answered, well-formed, and said no.
 *
 * @module
 */
import type { StatusCode } from '../types/common.js';
import { PlugNmeetError } from './base.js';

/** Where a failed call went and what the server said. */
export interface ServerRefusal {
  /** The endpoint path, e.g. `/auth/room/endRoom`. */
  path: string;
  /** The HTTP status (200 for ordinary handler failures, 4xx/5xx for uploads). */
  httpStatus: number;
  /** The server's `msg`, as sent. */
  msg: string;
  /** The server's `status_code` name; `undefined` from old servers that omit it. */
  statusCode: StatusCode | undefined;
  /** The whole parsed response body, unknown fields included. */
  response: Readonly<Record<string, unknown>>;
}

/**
 * Thrown when the server answers `status: false`: bad parameters, not found, conflict…
 * Usually HTTP 200 (`httpStatus`); whiteboard uploads use 400/409/413/500. List calls do not
 * throw for `NOT_FOUND`: they return an empty list.
 *
 * @example
 * ```ts
 * try {
 *   await client.deleteRecording({ record_id: 'nope' });
 * } catch (error) {
 *   if (error instanceof PlugNmeetApiError && error.statusCode === 'NOT_FOUND') return;
 *   throw error;
 * }
 * ```
 */
export class PlugNmeetApiError extends PlugNmeetError {
  override name = 'PlugNmeetApiError' as const;
  readonly path: string;
  readonly httpStatus: number;
  /** The server's `msg`. */
  readonly msg: string;
  /** The server's `status_code`. */
  readonly statusCode: StatusCode | undefined;
  readonly response: Readonly<Record<string, unknown>>;

  constructor(refusal: ServerRefusal) {
    super(
      'ERR_PNM_API',
      `plugNmeet refused ${refusal.path}: ${refusal.msg} (${refusal.statusCode ?? 'no status_code'})`,
    );
    this.path = refusal.path;
    this.httpStatus = refusal.httpStatus;
    this.msg = refusal.msg;
    this.statusCode = refusal.statusCode;
    this.response = refusal.response;
  }
}
