/**
 * The plugNmeet `/auth` middleware (`HandleAuthHeaderCheck`), check for check.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthFailure, AuthVerdict } from './types.js';

/** The credentials the server is configured with (`client.api_key`, `client.secret`). */
export interface Credentials {
  apiKey: string;
  secret: string;
}

/** The parts of a request the check reads. Header names must be lowercase. */
export interface AuthInput {
  headers: Readonly<Record<string, string | undefined>>;
  /** The body as the handler will see it (after any Content-Encoding was undone). */
  body: Uint8Array;
}

/** The 401 messages of the current server (commit 1a7a64ce and later). */
export const AUTH_MESSAGES: Readonly<Record<AuthFailure, { msg: string; statusCode: string }>> = {
  MISSING_API_KEY: { msg: 'Missing API-KEY header.', statusCode: 'MISSING_REQUIRED_PARAMETER' },
  INVALID_API_KEY: { msg: 'Invalid API key provided.', statusCode: 'INVALID_API_KEY' },
  MISSING_HASH_SIGNATURE: {
    msg: 'Missing HASH-SIGNATURE header.',
    statusCode: 'MISSING_REQUIRED_PARAMETER',
  },
  MISSING_ROOM_ID: {
    msg: 'Missing Room-Id header for multipart request.',
    statusCode: 'MISSING_REQUIRED_PARAMETER',
  },
  SIGNATURE_MISMATCH: {
    msg: 'Failed to verify provided authentication details.',
    statusCode: 'INVALID_TOKEN_OR_SIGNATURE',
  },
};

const utf8 = new TextEncoder();

function refuse(reason: AuthFailure, extra: Partial<AuthVerdict> = {}): AuthVerdict {
  return { ok: false, reason, ...AUTH_MESSAGES[reason], ...extra } as AuthVerdict;
}

/**
 * Runs the server's header check in its order (§1.2): API-KEY present, API-KEY equal,
 * HASH-SIGNATURE present, then the lowercase-hex HMAC-SHA256 over the raw body (or over the
 * `Room-Id` header when the Content-Type contains `multipart/form-data`), compared in
 * constant time.
 *
 * @returns The verdict, with the signed input and expected signature once computed.
 * @throws Never for well-formed input.
 * @example
 * ```ts
 * const verdict = checkAuth(
 *   { headers: { 'api-key': 'plugnmeet', 'hash-signature': sig }, body: bytes },
 *   { apiKey: 'plugnmeet', secret },
 * );
 * if (!verdict.ok) console.log(verdict.msg);
 * ```
 */
export function checkAuth(input: AuthInput, credentials: Credentials): AuthVerdict {
  const apiKey = input.headers['api-key'] ?? '';
  const presented = input.headers['hash-signature'] ?? '';
  if (apiKey === '') return refuse('MISSING_API_KEY');
  // The real server uses plain inequality here, not a constant-time compare: so do we.
  if (apiKey !== credentials.apiKey) return refuse('INVALID_API_KEY');
  if (presented === '') return refuse('MISSING_HASH_SIGNATURE');

  const multipart = (input.headers['content-type'] ?? '').includes('multipart/form-data');
  let signedInput: Uint8Array;
  if (multipart) {
    const roomId = input.headers['room-id'] ?? '';
    if (roomId === '') return refuse('MISSING_ROOM_ID', { mode: 'room-id' });
    signedInput = utf8.encode(roomId);
  } else {
    signedInput = input.body;
  }
  const mode = multipart ? 'room-id' : 'body';
  const expectedSignature = createHmac('sha256', utf8.encode(credentials.secret))
    .update(signedInput)
    .digest('hex');
  if (!constantTimeEqual(expectedSignature, presented)) {
    return refuse('SIGNATURE_MISMATCH', { mode, signedInput, expectedSignature });
  }
  return { ok: true, mode, signedInput, expectedSignature };
}

// Go's subtle.ConstantTimeCompare: different lengths are unequal at once (length is not
// secret), equal lengths are compared without an early exit. No case folding: uppercase
// hex of the right MAC is a wrong signature.
function constantTimeEqual(expected: string, presented: string): boolean {
  const a = utf8.encode(expected);
  const b = utf8.encode(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
