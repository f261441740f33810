/**
 * Webhook deliveries from a sender whose clock is not the receiver's. The upstream verifier
 * (`webhook.VerifyRequest`, go-jose's `Claims.Validate`) allows a minute of leeway on `nbf`
 * and `exp`, so a delivery signed by a server 45 s ahead or 45 s behind is genuine and must
 * be accepted, while 90 s is beyond the leeway and must be refused. A verifier with no
 * leeway (php-jwt's default) refuses genuine deliveries whenever the clocks drift.
 *
 * @module
 */
import type { WebhookCase, WebhookDelivery } from '../cases.js';
import { deliveryToken, jwtClaims, signJwt, withToken } from './webhook-forgeries.js';

/** go-jose's `DefaultLeeway`, which the upstream verifier uses: one minute. */
export const UPSTREAM_LEEWAY_SECONDS = 60;

/** Well inside the leeway and well beyond it, so that seconds of run time change nothing. */
const WITHIN = 45;
const BEYOND = 90;

/**
 * The widest skew the property search draws: inside the leeway with ten seconds to spare
 * for the time between signing and verifying.
 */
export const SEARCHED_SKEW_SECONDS = 50;

/** How long the notifier's tokens live (`exp` = `nbf` + 5 minutes). */
const TOKEN_LIFETIME_SECONDS = 300;

/**
 * `genuine` as a sender whose clock reads `senderNow` would have signed it: its token's
 * `nbf` is that time and its `exp` five minutes later, re-signed with the secret.
 *
 * @throws {SyntaxError} When the genuine delivery's token is not a JWT.
 * @example
 * ```ts
 * sentByClock(genuine, { secret: 'S', senderNow: Date.now() / 1000 + 30 }); // 30 s ahead
 * ```
 */
export function sentByClock(
  genuine: WebhookDelivery,
  keys: { secret: string; senderNow: number },
): WebhookDelivery {
  const nbf = Math.floor(keys.senderNow);
  return withToken(
    genuine,
    signJwt(
      { alg: 'HS256', typ: 'JWT' },
      { ...jwtClaims(deliveryToken(genuine)), nbf, exp: nbf + TOKEN_LIFETIME_SECONDS },
      keys.secret,
    ),
  );
}

/**
 * The clock-skew cases of `genuine`: its token re-signed with the secret as a sender whose
 * clock is `WITHIN` or `BEYOND` seconds ahead (`nbf` in the receiver's future) or behind
 * (`exp` in its past), with the verdict the upstream verifier gives each.
 *
 * @param now Seconds since the epoch, as the verifier will see them.
 * @throws {SyntaxError} When the genuine delivery's token is not a JWT.
 * @example
 * ```ts
 * clockSkewCases(genuine, { secret: 'S', now: Date.now() / 1000 }); // 4 cases, 2 valid
 * ```
 */
export function clockSkewCases(
  genuine: WebhookDelivery,
  keys: { secret: string; now: number },
): WebhookCase[] {
  const now = Math.floor(keys.now);
  const sentAt = (senderNow: number) => sentByClock(genuine, { secret: keys.secret, senderNow });
  const skew = (id: string, description: string, senderNow: number, valid: boolean) => ({
    id: `webhook-clock-${id}`,
    description,
    delivery: sentAt(senderNow),
    valid,
  });
  const expiredAt = (seconds: number) => now - TOKEN_LIFETIME_SECONDS - seconds;
  return [
    skew(
      `ahead-${WITHIN}s`,
      `the sender's clock is ${WITHIN} s ahead: nbf in the future, within the upstream leeway (${UPSTREAM_LEEWAY_SECONDS} s)`,
      now + WITHIN,
      true,
    ),
    skew(
      `behind-${WITHIN}s`,
      `the token expired ${WITHIN} s ago by the receiver's clock, within the upstream leeway (${UPSTREAM_LEEWAY_SECONDS} s)`,
      expiredAt(WITHIN),
      true,
    ),
    skew(
      `ahead-${BEYOND}s`,
      `the sender's clock is ${BEYOND} s ahead: nbf beyond the upstream leeway (${UPSTREAM_LEEWAY_SECONDS} s)`,
      now + BEYOND,
      false,
    ),
    skew(
      `behind-${BEYOND}s`,
      `the token expired ${BEYOND} s ago by the receiver's clock, beyond the upstream leeway (${UPSTREAM_LEEWAY_SECONDS} s)`,
      expiredAt(BEYOND),
      false,
    ),
  ];
}
