/**
 * The base of every error this package throws, with a stable `code` to switch on.
 *
 * @module
 */

/** Every stable code a {@link PlugNmeetError} can carry. Switch on these, never on messages. */
export type PlugNmeetErrorCode =
  /** A bad argument or option (empty credentials, an unserializable body, …). */
  | 'ERR_PNM_INVALID_ARGUMENT'
  /** HTTP 401: the server refused the API key or signature ({@link PlugNmeetAuthError}). */
  | 'ERR_PNM_AUTH'
  /** The server answered `status:false` ({@link PlugNmeetApiError}). */
  | 'ERR_PNM_API'
  /** The response was not the JSON expected ({@link PlugNmeetResponseError}). */
  | 'ERR_PNM_BAD_RESPONSE'
  /** No response: connection refused, reset, DNS… ({@link PlugNmeetNetworkError}). */
  | 'ERR_PNM_NETWORK'
  /** The call took longer than its timeout ({@link PlugNmeetTimeoutError}). */
  | 'ERR_PNM_TIMEOUT'
  /** A webhook without a token in `Authorization` or `Hash-Token`. */
  | 'ERR_WEBHOOK_MISSING_TOKEN'
  /** A webhook token that is not a well-formed JWT or lacks a required claim. */
  | 'ERR_WEBHOOK_MALFORMED_TOKEN'
  /** A webhook token with `alg` other than HS256 (including `none`). */
  | 'ERR_WEBHOOK_ALGORITHM'
  /** A webhook token whose HS256 signature does not verify with the API secret. */
  | 'ERR_WEBHOOK_SIGNATURE'
  /** A webhook token whose `iss` is not the API key. */
  | 'ERR_WEBHOOK_ISSUER'
  /** A webhook token past its `exp` (beyond the clock tolerance). */
  | 'ERR_WEBHOOK_EXPIRED'
  /** A webhook token before its `nbf` (beyond the clock tolerance). */
  | 'ERR_WEBHOOK_NOT_YET_VALID'
  /** The body's SHA-256 does not match the token's `sha256` claim: the body was changed. */
  | 'ERR_WEBHOOK_BODY_MISMATCH'
  /** The authenticated body is not a JSON event object. */
  | 'ERR_WEBHOOK_BAD_PAYLOAD';

/**
 * The base class of every error this package throws. Catch it to handle them all, and
 * switch on `code` for the cause.
 *
 * @example
 * ```ts
 * try {
 *   await client.endRoom({ room_id: 'room01' });
 * } catch (error) {
 *   if (isPlugNmeetError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class PlugNmeetError extends Error {
  /** Stable machine-readable code. */
  readonly code: PlugNmeetErrorCode;
  override name = 'PlugNmeetError';

  constructor(code: PlugNmeetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Tells whether `value` is a {@link PlugNmeetError}, also across realms and duplicated
 * package copies, where `instanceof` fails.
 *
 * @example
 * ```ts
 * if (isPlugNmeetError(error) && error.code === 'ERR_PNM_AUTH') rotateCredentials();
 * ```
 */
export function isPlugNmeetError(value: unknown): value is PlugNmeetError {
  return (
    value instanceof PlugNmeetError ||
    (value instanceof Error &&
      /^PlugNmeet|^WebhookVerificationError$/.test(value.name) &&
      /^ERR_(PNM|WEBHOOK)_/.test(String((value as { code?: unknown }).code)))
  );
}
