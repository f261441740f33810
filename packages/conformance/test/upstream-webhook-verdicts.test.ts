/**
 * The verdict every webhook case expects is the upstream verifier's own: each case's token
 * and body go through `webhook.VerifyRequest` of the pinned plugnmeet-protocol module (built
 * with Go at test time, as the emulator's cross-checks do), and its answer must be the case's
 * `valid`. This is where the clock-skew cases' leeway (45 s accepted, 90 s refused) and the
 * forgeries' refusals come from, not from this project's own verifier.
 */
import { startTestServer } from '@plugnmeet-signing/test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { hasGo, runUpstream } from '../../test-server/test/upstream-go.js';
import type { WebhookCase } from '../src/cases.js';
import { webhookCases } from '../src/sdk/webhook-cases.js';

const apiKey = 'pnm-upstream-check';
const secret = 'a-secret-of-at-least-32-bytes-for-jwt';
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ apiKey, secret });
});
afterAll(() => server.close());

/** The token the upstream receiver would read: Authorization, or Hash-Token when it is empty. */
function token(testCase: WebhookCase): string {
  const header = (name: string) =>
    Object.entries(testCase.delivery.headers).find(([n]) => n.toLowerCase() === name)?.[1] ?? '';
  return header('authorization') || header('hash-token');
}

describe('every webhook case against the upstream VerifyRequest', () => {
  test('accepts exactly the cases that expect valid', async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    // Cases without a token, or with one only a header rule can find, are the receiver's
    // reading of headers, not VerifyRequest's: they are judged elsewhere.
    const cases = (await webhookCases(server)).filter((c) => token(c) !== '');
    expect(cases.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'webhook-clock-ahead-45s',
        'webhook-clock-behind-45s',
        'webhook-clock-ahead-90s',
        'webhook-clock-behind-90s',
        'webhook-room-started-empty-authorization',
      ]),
    );
    const verdicts = await runUpstream(
      cases.map((c) => ({
        op: 'verify',
        body: Buffer.from(c.delivery.body).toString('utf8'),
        token: token(c),
        api_key: apiKey,
        secret,
      })),
    );
    const upstream = cases.map((c, i) => ({ id: c.id, valid: verdicts[i]?.verdict === 'ok' }));
    expect(upstream).toEqual(cases.map((c) => ({ id: c.id, valid: c.valid })));
  }, 600_000);
});
