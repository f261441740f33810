/**
 * A webhook verifier written after the upstream `webhook.VerifyRequest` (HS256 keyed with the
 * secret, `iss` the API key, `exp`/`nbf` with a minute of leeway, `sha256` exactly the padded
 * standard base64 of SHA-256 of the body bytes), and the same verifier made lenient in
 * exactly one way, as real verifiers are: each lenience is one mistake found in the wild or
 * one step away from it. The forgeries are judged by which of them they tell apart.
 *
 * @module
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { webhookBody } from '@plugnmeet-signing/test-server';
import type { WebhookDelivery } from '../src/cases.js';

/** One way a verifier is more lenient than the upstream one. */
export type Lenience =
  /** Takes `alg: none` at its word and checks no signature. */
  | 'accepts-alg-none'
  /** Verifies whatever HMAC the header names (HS384, HS512), keyed with the secret. */
  | 'any-hmac-alg'
  /** Takes a token signed with the secret or with the API key (the key sent in every request). */
  | 'secret-or-api-key'
  | 'ignores-exp'
  | 'ignores-nbf'
  /** Two minutes of leeway instead of the server's one. */
  | 'lax-leeway'
  | 'ignores-iss'
  /** Checks `iss` only when the token has one. */
  | 'iss-if-present'
  | 'ignores-body-hash'
  /** Checks the body hash only when the token has a `sha256` claim. */
  | 'hash-if-present'
  /** Takes the hash as hex too (what a verifier written from a hex-signing example expects). */
  | 'hex-or-base64-hash'
  /** Decodes the claim like PHP's `base64_decode`: characters outside the alphabet skipped, no padding needed. */
  | 'php-base64-decode'
  /** Decodes the claim like Node's `Buffer.from(claim, 'base64')`: both alphabets, padding optional. */
  | 'any-base64-alphabet'
  /** Hashes the body as the sender would write it again (parsed, then re-encoded), not the bytes received. */
  | 're-encodes-body'
  /** Lets a delivery without a token through, as middleware that verifies only what is signed. */
  | 'optional-token';

export const LENIENCES: readonly Lenience[] = [
  'accepts-alg-none',
  'any-hmac-alg',
  'secret-or-api-key',
  'ignores-exp',
  'ignores-nbf',
  'lax-leeway',
  'ignores-iss',
  'iss-if-present',
  'ignores-body-hash',
  'hash-if-present',
  'hex-or-base64-hash',
  'php-base64-decode',
  'any-base64-alphabet',
  're-encodes-body',
  'optional-token',
];

const HMAC = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** PHP's non-strict `base64_decode`: every character outside the alphabet is skipped. */
export function phpBase64Decode(text: string): Uint8Array {
  const bytes: number[] = [];
  let bits = 0;
  let count = 0;
  for (const c of text) {
    const value = ALPHABET.indexOf(c);
    if (value < 0) continue;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push((bits >> count) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function decodeSegment(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Whether the `sha256` claim matches `body` under the rule `lenience` allows. */
function hashMatches(claim: string, body: Uint8Array, lenience: Lenience | undefined): boolean {
  const digest = createHash('sha256').update(body).digest();
  switch (lenience) {
    case 'hex-or-base64-hash':
      return claim === digest.toString('base64') || claim === digest.toString('hex');
    case 'php-base64-decode':
      return sameBytes(phpBase64Decode(claim), digest);
    case 'any-base64-alphabet':
      return sameBytes(Buffer.from(claim, 'base64'), digest);
    case 're-encodes-body': {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>;
      } catch {
        return false;
      }
      return [false, true].some(
        (spaced) =>
          createHash('sha256').update(webhookBody(event, spaced)).digest('base64') === claim,
      );
    }
    default:
      return claim === digest.toString('base64');
  }
}

/** The token the receiver reads: `Authorization`, or `Hash-Token` when it is missing or empty. */
function tokenOf(delivery: WebhookDelivery): string {
  const header = (name: string) =>
    Object.entries(delivery.headers).find(([n]) => n.toLowerCase() === name)?.[1] ?? '';
  return header('authorization') || header('hash-token');
}

/**
 * Whether a verifier with the upstream rules, but for `lenience`, accepts `delivery`.
 *
 * @param now Seconds since the epoch.
 * @throws Never: a token it cannot read is refused.
 * @example
 * ```ts
 * verifies(forged, { apiKey, secret, now: Date.now() / 1000 }, 'accepts-alg-none');
 * ```
 */
export function verifies(
  delivery: WebhookDelivery,
  keys: { apiKey: string; secret: string; now: number },
  lenience?: Lenience,
): boolean {
  const token = tokenOf(delivery);
  if (token === '') return lenience === 'optional-token';
  const [head = '', payload = '', signature, ...rest] = token.split('.');
  if (signature === undefined || rest.length > 0) return false;
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    [header, claims] = [decodeSegment(head), decodeSegment(payload)];
  } catch {
    return false;
  }
  const alg = String(header.alg);
  const unsigned = alg === 'none' && lenience === 'accepts-alg-none' && signature === '';
  if (!unsigned) {
    if (alg !== 'HS256' && !(lenience === 'any-hmac-alg' && alg in HMAC)) return false;
    const keysTried = lenience === 'secret-or-api-key' ? [keys.secret, keys.apiKey] : [keys.secret];
    const given = Buffer.from(signature, 'base64url');
    const signed = keysTried.some((key) =>
      sameBytes(
        createHmac(HMAC[alg as keyof typeof HMAC], key)
          .update(`${head}.${payload}`)
          .digest(),
        given,
      ),
    );
    if (!signed) return false;
  }
  const checkIss = !(
    lenience === 'ignores-iss' ||
    (lenience === 'iss-if-present' && claims.iss === undefined)
  );
  if (checkIss && claims.iss !== keys.apiKey) return false;
  const leeway = lenience === 'lax-leeway' ? 120 : 60;
  if (
    lenience !== 'ignores-exp' &&
    !(typeof claims.exp === 'number' && keys.now <= claims.exp + leeway)
  )
    return false;
  if (
    lenience !== 'ignores-nbf' &&
    typeof claims.nbf === 'number' &&
    keys.now + leeway < claims.nbf
  )
    return false;
  if (lenience === 'ignores-body-hash') return true;
  if (claims.sha256 === undefined && lenience === 'hash-if-present') return true;
  return typeof claims.sha256 === 'string' && hashMatches(claims.sha256, delivery.body, lenience);
}
