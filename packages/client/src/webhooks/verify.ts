/**
 * Verifying a plugNmeet webhook: HS256 JWT with the API secret, `iss` = API key, validity
 * window, then the body hash. Only then is the body parsed.
 *
 * @module
 */
import { errors, jwtVerify } from 'jose';
import { PlugNmeetError } from '../errors/base.js';
import { bodyHash, constantTimeEqual } from './body-hash.js';
import { WebhookVerificationError } from './errors.js';
import type { WebhookEvent } from './events.js';
import { type HeadersLike, webhookToken } from './headers.js';

/** Options of {@link createWebhookVerifier}. */
export interface WebhookVerifierOptions {
  /** The plugNmeet API key: the token's `iss` must equal it. */
  apiKey: string;
  /** The plugNmeet API secret: the HS256 key. */
  apiSecret: string;
  /**
   * Allowed clock difference for `nbf`/`exp`, in seconds; default 60, the leeway of the
   * server's own verifier (go-jose's `DefaultLeeway` in `webhook.VerifyRequest`), so that a
   * delivery the server would accept is never refused here.
   */
  clockToleranceSec?: number;
  /** The time to check against; default now. For tests and replays of stored webhooks. */
  currentDate?: () => Date;
}

/** A verifier bound to one API key and secret. */
export interface WebhookVerifier {
  /**
   * Verifies a webhook and returns its event.
   *
   * @param body - The raw body bytes, exactly as received (a string is UTF-8 encoded).
   * @param headers - The request headers, or the token itself.
   */
  verify(body: Uint8Array | string, headers: HeadersLike | string): Promise<WebhookEvent>;
}

const utf8 = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function mapJoseError(error: unknown): WebhookVerificationError {
  const wrap = (code: ConstructorParameters<typeof WebhookVerificationError>[0], message: string) =>
    new WebhookVerificationError(code, message, { cause: error });
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return wrap('ERR_WEBHOOK_ALGORITHM', 'webhook token is not signed with HS256');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return wrap('ERR_WEBHOOK_SIGNATURE', 'webhook token signature does not match the API secret');
  }
  if (error instanceof errors.JWTExpired)
    return wrap('ERR_WEBHOOK_EXPIRED', 'webhook token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss')
      return wrap('ERR_WEBHOOK_ISSUER', 'webhook token was not issued for this API key');
    if (error.claim === 'nbf')
      return wrap('ERR_WEBHOOK_NOT_YET_VALID', 'webhook token is not valid yet');
    return wrap(
      'ERR_WEBHOOK_MALFORMED_TOKEN',
      `webhook token claim "${error.claim}" is invalid: ${error.reason}`,
    );
  }
  return wrap(
    'ERR_WEBHOOK_MALFORMED_TOKEN',
    `webhook token is malformed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function parseEvent(bytes: Uint8Array): WebhookEvent {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new WebhookVerificationError(
      'ERR_WEBHOOK_BAD_PAYLOAD',
      'webhook body is not UTF-8 JSON',
      { cause },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WebhookVerificationError(
      'ERR_WEBHOOK_BAD_PAYLOAD',
      'webhook body is not a JSON object',
    );
  }
  const event = value as Record<string, unknown>;
  if (typeof event.event !== 'string') {
    throw new WebhookVerificationError(
      'ERR_WEBHOOK_BAD_PAYLOAD',
      'webhook body has no "event" name',
    );
  }
  // The docs spell it createdAt; the server sends created_at (int64, so a string).
  if (
    event.created_at === undefined &&
    (typeof event.createdAt === 'string' || typeof event.createdAt === 'number')
  ) {
    event.created_at = String(event.createdAt);
  } else if (typeof event.created_at === 'number') {
    event.created_at = String(event.created_at);
  }
  return event as WebhookEvent;
}

/**
 * Creates a webhook verifier. For each webhook it takes the JWT from `Authorization`
 * (or `Hash-Token`), verifies it with jose as HS256 only (so `alg: none` and every other
 * algorithm are refused) keyed with the API secret, requires `iss` = API key and a valid
 * `nbf`/`exp` window within the clock tolerance, then compares base64(SHA-256(raw body))
 * with the `sha256` claim in constant time, and only then parses the body.
 *
 * @throws {PlugNmeetError} `ERR_PNM_INVALID_ARGUMENT` for an empty key or secret.
 * @example
 * ```ts
 * import { createWebhookVerifier } from '@plugnmeet-signing/client/webhooks';
 * const verifier = createWebhookVerifier({ apiKey: 'plugnmeet', apiSecret });
 * const event = await verifier.verify(rawBody, request.headers);
 * if (event.event === 'room_finished') console.log(event.room?.room_id);
 * ```
 */
export function createWebhookVerifier(options: WebhookVerifierOptions): WebhookVerifier {
  for (const name of ['apiKey', 'apiSecret'] as const) {
    if (typeof options?.[name] !== 'string' || options[name] === '') {
      throw new PlugNmeetError('ERR_PNM_INVALID_ARGUMENT', `"${name}" expected a non-empty string`);
    }
  }
  const key = utf8.encode(options.apiSecret);
  const tolerance = options.clockToleranceSec ?? 60;
  return {
    async verify(body, headers) {
      const token = typeof headers === 'string' ? headers : webhookToken(headers);
      if (!token) {
        throw new WebhookVerificationError(
          'ERR_WEBHOOK_MISSING_TOKEN',
          'webhook has no token in Authorization or Hash-Token',
        );
      }
      const bytes = typeof body === 'string' ? utf8.encode(body) : body;
      if (!(bytes instanceof Uint8Array)) {
        throw new PlugNmeetError(
          'ERR_PNM_INVALID_ARGUMENT',
          '"body" expected the raw body as a Uint8Array or string',
        );
      }
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: options.apiKey,
          clockTolerance: tolerance,
          requiredClaims: ['iss', 'exp'],
          ...(options.currentDate ? { currentDate: options.currentDate() } : {}),
        }));
      } catch (error) {
        throw mapJoseError(error);
      }
      const claim = payload.sha256;
      if (typeof claim !== 'string') {
        throw new WebhookVerificationError(
          'ERR_WEBHOOK_MALFORMED_TOKEN',
          'webhook token has no "sha256" claim',
        );
      }
      if (!constantTimeEqual(await bodyHash(bytes), claim)) {
        throw new WebhookVerificationError(
          'ERR_WEBHOOK_BODY_MISMATCH',
          'webhook body does not match the token: it was changed or re-serialized',
        );
      }
      return parseEvent(bytes);
    },
  };
}

/**
 * Verifies one webhook; see {@link createWebhookVerifier} to reuse the options.
 *
 * @throws {WebhookVerificationError} with a code for every refusal.
 * @example
 * ```ts
 * const event = await verifyWebhook({ apiKey, apiSecret }, rawBody, headers);
 * ```
 */
export function verifyWebhook(
  options: WebhookVerifierOptions,
  body: Uint8Array | string,
  headers: HeadersLike | string,
): Promise<WebhookEvent> {
  return createWebhookVerifier(options).verify(body, headers);
}
