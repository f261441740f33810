/**
 * Checking a webhook timeout before it reaches `AbortSignal.timeout`, which throws a raw
 * `ERR_OUT_OF_RANGE` for a negative, fractional-out-of-range or huge value (or a string) only
 * when the first delivery is sent, and aborts every delivery at once for 0.
 *
 * @module
 */
import { TestServerError } from '../errors.js';

/** The longest timeout a timer takes (2^31 - 1 ms, about 24.8 days). */
export const MAX_WEBHOOK_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Returns `value` when it is a whole number of milliseconds from 1 to 2^31 - 1.
 *
 * @throws {TestServerError} `USAGE` naming `where` and what was expected otherwise.
 * @example
 * ```ts
 * checkWebhookTimeout(2000, 'webhookTimeoutMs'); // 2000
 * checkWebhookTimeout(0, 'webhookTimeoutMs'); // throws USAGE: expected an integer from 1 to 2147483647 ms
 * ```
 */
export function checkWebhookTimeout(value: unknown, where: string): number {
  if (
    Number.isInteger(value) &&
    (value as number) >= 1 &&
    (value as number) <= MAX_WEBHOOK_TIMEOUT_MS
  ) {
    return value as number;
  }
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new TestServerError(
    'USAGE',
    `${where} must be an integer number of milliseconds from 1 to ${MAX_WEBHOOK_TIMEOUT_MS}; got ${shown}`,
  );
}
