/**
 * The one error class of webhook verification.
 *
 * @module
 */
import { PlugNmeetError, type PlugNmeetErrorCode } from '../errors/base.js';

/** The codes a {@link WebhookVerificationError} can carry. */
export type WebhookErrorCode = Extract<PlugNmeetErrorCode, `ERR_WEBHOOK_${string}`>;

/**
 * Thrown when a webhook is refused. Answer 401 and drop the event; `code` says why
 * (`ERR_WEBHOOK_EXPIRED`, `ERR_WEBHOOK_BODY_MISMATCH`, `ERR_WEBHOOK_ALGORITHM`…), and
 * `cause` holds jose's own error where there is one.
 *
 * @example
 * ```ts
 * try {
 *   await verifier.verify(rawBody, headers);
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) log.warn(error.code);
 * }
 * ```
 */
export class WebhookVerificationError extends PlugNmeetError {
  override name = 'WebhookVerificationError' as const;
  declare readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
