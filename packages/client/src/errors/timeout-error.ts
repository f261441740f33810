/**
 * A call that took too long.
 *
 * @module
 */
import { PlugNmeetError } from './base.js';

/**
 * Thrown when a call (request and response body) takes longer than `timeoutMs`. The
 * runtime's abort reason is the `cause`. Never retried: the server may have acted.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof PlugNmeetTimeoutError) console.error(`gave up after ${error.timeoutMs} ms`);
 * }
 * ```
 */
export class PlugNmeetTimeoutError extends PlugNmeetError {
  override name = 'PlugNmeetTimeoutError' as const;
  readonly path: string;
  readonly timeoutMs: number;

  constructor(init: { path: string; timeoutMs: number }, options: { cause: unknown }) {
    super('ERR_PNM_TIMEOUT', `${init.path} timed out after ${init.timeoutMs} ms`, options);
    this.path = init.path;
    this.timeoutMs = init.timeoutMs;
  }
}
