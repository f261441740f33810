/**
 * No response at all.
 *
 * @module
 */
import { PlugNmeetError } from './base.js';

/**
 * Thrown when no response arrived: connection refused or reset, DNS failure, TLS error.
 * The runtime's own error is the `cause`. Read-only calls are retried on this error when
 * `retry` is set.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof PlugNmeetNetworkError) console.error('unreachable', error.cause);
 * }
 * ```
 */
export class PlugNmeetNetworkError extends PlugNmeetError {
  override name = 'PlugNmeetNetworkError' as const;
  readonly path: string;
  readonly url: string;
  /** How many attempts were made (1 without retries). */
  readonly attempts: number;

  constructor(init: { path: string; url: string; attempts: number }, options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      'ERR_PNM_NETWORK',
      `could not reach ${init.url} (${init.attempts} attempt(s)): ${reason}`,
      options,
    );
    this.path = init.path;
    this.url = init.url;
    this.attempts = init.attempts;
  }
}
