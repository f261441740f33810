/**
 * Every forgery tells apart the verifiers it exists to catch, not by luck: for each forged
 * delivery the generators make (`webhookForgeries`, the clock-skew cases beyond the leeway), a
 * verifier lenient in exactly that way accepts it, while the strict verifier (this project's
 * client verifier, and the upstream rules written out in the test) refuses it; and each
 * lenient verifier still accepts every genuine delivery, so it is a working verifier, wrong
 * in one way only. The upstream Go verifier's own verdicts on the same cases are checked in
 * upstream-webhook-verdicts.test.ts.
 *
 * Starts the emulator (loopback) for genuine deliveries; spawns nothing else.
 */
import { createHash } from 'node:crypto';
import { createWebhookVerifier } from '@plugnmeet-signing/client/webhooks';
import { startTestServer } from '@plugnmeet-signing/test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebhookCase } from '../src/cases.js';
import { webhookCases } from '../src/sdk/webhook-cases.js';
import {
  bodyHashClaim,
  deliveryToken,
  jwtClaims,
  webhookForgeries,
} from '../src/sdk/webhook-forgeries.js';
import {
  LENIENCES,
  type Lenience,
  phpBase64Decode,
  verifies,
} from './lenient-webhook-verifiers.js';

const apiKey = 'pnm-forgery-kinds';
const secret = 'a-secret-of-at-least-32-bytes-for-jwt';
let server: Awaited<ReturnType<typeof startTestServer>>;
let cases: WebhookCase[];

beforeAll(async () => {
  server = await startTestServer({ apiKey, secret });
  cases = await webhookCases(server);
});
afterAll(() => server.close());

const keys = () => ({ apiKey, secret, now: Date.now() / 1000 });
const forged = () => cases.filter((c) => !c.valid);
const short = (id: string) => id.replace(/^webhook-(forged|clock)-/, '');

/**
 * The forgeries each lenient verifier must accept, and no other: the kind each forgery is
 * made to catch. A forgery accepted by a verifier it was not meant for, or by none, shows here.
 */
const CATCHES: Record<Lenience, readonly string[]> = {
  'accepts-alg-none': ['alg-none'],
  'any-hmac-alg': ['hs384'],
  'secret-or-api-key': ['signed-with-api-key'],
  'ignores-exp': ['expired', 'behind-90s'],
  'ignores-nbf': ['not-yet-valid', 'ahead-90s'],
  'lax-leeway': ['ahead-90s', 'behind-90s'],
  'ignores-iss': ['wrong-issuer', 'no-issuer'],
  'iss-if-present': ['no-issuer'],
  'ignores-body-hash': [
    'tampered-body',
    'reserialized-body',
    'sha256-hex',
    'sha256-base64url-unpadded',
    'sha256-base64url',
    'no-sha256',
  ],
  'hash-if-present': ['no-sha256'],
  'hex-or-base64-hash': ['sha256-hex'],
  'php-base64-decode': ['sha256-base64url-unpadded'],
  'any-base64-alphabet': ['sha256-base64url-unpadded', 'sha256-base64url'],
  're-encodes-body': ['reserialized-body'],
  'optional-token': ['no-token'],
};

describe('the strict verifiers', () => {
  test('the client verifier accepts exactly the genuine cases', async () => {
    const verifier = createWebhookVerifier({ apiKey, apiSecret: secret });
    const verdicts = await Promise.all(
      cases.map((c) =>
        verifier.verify(c.delivery.body, c.delivery.headers).then(
          () => true,
          () => false,
        ),
      ),
    );
    expect(cases.map((c, i) => ({ id: c.id, valid: verdicts[i] }))).toEqual(
      cases.map((c) => ({ id: c.id, valid: c.valid })),
    );
    expect(forged().length).toBeGreaterThanOrEqual(15);
  });

  test('the upstream rules written out here agree: no lenience accepts exactly the genuine cases', () => {
    expect(cases.map((c) => ({ id: c.id, valid: verifies(c.delivery, keys()) }))).toEqual(
      cases.map((c) => ({ id: c.id, valid: c.valid })),
    );
  });
});

describe('each forgery is accepted by the lenient verifier it exists to catch', () => {
  test.each(LENIENCES)(
    '%s accepts every genuine delivery and exactly its forgeries',
    (lenience) => {
      const genuine = cases.filter((c) => c.valid);
      expect(
        genuine.filter((c) => !verifies(c.delivery, keys(), lenience)).map((c) => c.id),
      ).toEqual([]);
      const accepted = forged()
        .filter((c) => verifies(c.delivery, keys(), lenience))
        .map((c) => short(c.id));
      expect(accepted.sort()).toEqual([...CATCHES[lenience]].sort());
    },
  );

  test('every forgery the generators make has a lenient verifier that accepts it', () => {
    const uncaught = forged().filter(
      (c) => !LENIENCES.some((lenience) => verifies(c.delivery, keys(), lenience)),
    );
    // A forgery no lenient verifier accepts tells no verifier apart: a finding, not a pass.
    expect(uncaught.map((c) => c.id)).toEqual([]);
  });
});

describe('the two base64url hash claims are not left to luck', () => {
  const find = (id: string) => {
    const found = forged().find((c) => c.id === `webhook-forged-${id}`);
    if (!found) throw new Error(`no case ${id}`);
    return found;
  };

  test('one body whose base64 hash has no + or /: the claim differs only by its padding', () => {
    const { delivery } = find('sha256-base64url-unpadded');
    const claim = String(jwtClaims(deliveryToken(delivery)).sha256);
    const strict = bodyHashClaim(delivery.body);
    expect(strict).not.toMatch(/[+/]/);
    expect(`${claim}=`).toBe(strict);
    // PHP's decoder reads it as the digest; the server's string compare does not.
    expect(Buffer.from(phpBase64Decode(claim))).toEqual(
      createHash('sha256').update(delivery.body).digest(),
    );
  });

  test('one body whose base64 hash has + or /: the alphabet differs too', () => {
    const { delivery } = find('sha256-base64url');
    const claim = String(jwtClaims(deliveryToken(delivery)).sha256);
    const strict = bodyHashClaim(delivery.body);
    expect(strict).toMatch(/[+/]/);
    expect(claim).toMatch(/[-_]/);
    expect(claim).toBe(strict.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
  });

  test('both are made deterministically from the genuine body: trailing spaces, the same each time', () => {
    const [genuine] = cases;
    if (!genuine) throw new Error('no genuine case');
    const ids = ['sha256-base64url-unpadded', 'sha256-base64url'].map(
      (id) => `webhook-forged-${id}`,
    );
    const bodies = () =>
      webhookForgeries(genuine.delivery, keys())
        .filter((c) => ids.includes(c.id))
        .map((c) => Buffer.from(c.delivery.body).toString('utf8'));
    const first = bodies();
    expect(first).toHaveLength(2);
    expect(bodies()).toEqual(first);
    const text = Buffer.from(genuine.delivery.body).toString('utf8');
    for (const body of first) expect(body.trimEnd()).toBe(text);
  });
});
