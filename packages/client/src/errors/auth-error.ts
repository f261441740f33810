/**
 * HTTP 401 from the `/auth` middleware.
 *
 * @module
 */
import type { StatusCode } from '../types/common.js';
import type { ServerRefusal } from './api-error.js';
import { PlugNmeetError } from './base.js';

/**
 * Thrown on HTTP 401: the server refused the API key or the signature. `msg` and
 * `statusCode` are the server's own, parsed from its JSON body (e.g. `INVALID_API_KEY`,
 * `INVALID_TOKEN_OR_SIGNATURE`, `MISSING_REQUIRED_PARAMETER`); old servers may omit the code.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof PlugNmeetAuthError) console.error(`check credentials: ${error.msg}`);
 * }
 * ```
 */
export class PlugNmeetAuthError extends PlugNmeetError {
  override name = 'PlugNmeetAuthError' as const;
  readonly path: string;
  /** Always 401. */
  readonly httpStatus: number;
  readonly msg: string;
  readonly statusCode: StatusCode | undefined;
  readonly response: Readonly<Record<string, unknown>>;

  constructor(refusal: ServerRefusal) {
    super(
      'ERR_PNM_AUTH',
      `plugNmeet refused the credentials for ${refusal.path}: ${refusal.msg} (${refusal.statusCode ?? 'no status_code'})`,
    );
    this.path = refusal.path;
    this.httpStatus = refusal.httpStatus;
    this.msg = refusal.msg;
    this.statusCode = refusal.statusCode;
    this.response = refusal.response;
  }
}
