import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  bodyHash,
  createWebhookVerifier,
  nodeWebhookListener,
  verifyWebhook,
  type WebhookEvent,
  WebhookVerificationError,
  webhookHandler,
} from '../src/webhooks/index.js';

const apiKey = 'plugnmeet';
const apiSecret = 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';
const verifier = createWebhookVerifier({ apiKey, apiSecret });
const body =
  '{"event":"room_started","room":{"sid":"RM_x","room_id":"room01"}, "id":"e1","created_at":"1755684000"}';
const now = () => Math.floor(Date.now() / 1000);
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs like the server: HS256, iss = API key, nbf, exp = now + 5 min, sha256 claim. */
function token(
  options: {
    payload?: Record<string, unknown>;
    alg?: string;
    secret?: string;
    iss?: string;
    nbf?: number;
    exp?: number;
    forBody?: string;
  } = {},
) {
  const hash = b64(
    createHash('sha256')
      .update(options.forBody ?? body)
      .digest(),
  );
  return new SignJWT({ sha256: hash, ...options.payload })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .setIssuer(options.iss ?? apiKey)
    .setNotBefore(options.nbf ?? now())
    .setExpirationTime(options.exp ?? now() + 300)
    .sign(new TextEncoder().encode(options.secret ?? apiSecret));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).code;
}

describe('body hash', () => {
  it('matches the documented samples', async () => {
    expect(
      await bodyHash(
        new TextEncoder().encode(
          '{"event":"room_started","room":{"sid":"RM_x","room_id":"room01"}}',
        ),
      ),
    ).toBe('xHlt6CPw5FjAsloNDMpNRKgdv8Pgb56mA8Ih2eFEp/Q=');
    expect(await bodyHash(new Uint8Array())).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });
});

describe('valid webhooks', () => {
  it('are accepted from Authorization, Hash-Token, with Bearer, and as raw bytes', async () => {
    const jwt = await token();
    const expected = {
      event: 'room_started',
      room: { room_id: 'room01' },
      created_at: '1755684000',
    };
    expect(await verifier.verify(body, { authorization: jwt })).toMatchObject(expected);
    expect(await verifier.verify(body, { 'Hash-Token': jwt })).toMatchObject(expected);
    expect(
      await verifier.verify(body, new Headers({ Authorization: `Bearer ${jwt}` })),
    ).toMatchObject(expected);
    expect(await verifier.verify(new TextEncoder().encode(body), jwt)).toMatchObject(expected);
    expect(await verifyWebhook({ apiKey, apiSecret }, body, { 'hash-token': [jwt] })).toMatchObject(
      expected,
    );
  });

  it('accept the docs’ createdAt and keep unknown fields', async () => {
    const docsBody =
      '{"event":"artifact_created","createdAt":1755684000,"room_artifact":{"type":2},"new_field":{"x":1}}';
    const event: WebhookEvent = await verifier.verify(docsBody, await token({ forBody: docsBody }));
    expect(event).toMatchObject({
      created_at: '1755684000',
      createdAt: 1755684000,
      new_field: { x: 1 },
      room_artifact: { type: 2 },
    });
  });

  it('allow the clock skew the server’s own verifier allows (go-jose: one minute)', async () => {
    expect(await verifier.verify(body, await token({ exp: now() - 45 }))).toMatchObject({
      event: 'room_started',
    });
    expect(await verifier.verify(body, await token({ nbf: now() + 45 }))).toMatchObject({
      event: 'room_started',
    });
    expect(
      await refusal(verifier.verify(body, await token({ nbf: now() + 90, exp: now() + 390 }))),
    ).toBe('ERR_WEBHOOK_NOT_YET_VALID');
    expect(await refusal(verifier.verify(body, await token({ exp: now() - 90 })))).toBe(
      'ERR_WEBHOOK_EXPIRED',
    );
  });

  it('an empty Authorization beside a valid Hash-Token: the token is read from Hash-Token', async () => {
    const genuine = await token({});
    expect(await verifier.verify(body, { Authorization: '', 'Hash-Token': genuine })).toMatchObject(
      { event: 'room_started' },
    );
  });
});

describe('refused webhooks, each with its code', () => {
  it('no token', async () => {
    expect(await refusal(verifier.verify(body, {}))).toBe('ERR_WEBHOOK_MISSING_TOKEN');
    expect(await refusal(verifier.verify(body, new Headers({ authorization: '' })))).toBe(
      'ERR_WEBHOOK_MISSING_TOKEN',
    );
  });

  it('alg none (crafted by hand: jose will not sign it)', async () => {
    const hash = b64(createHash('sha256').update(body).digest());
    const claims = { iss: apiKey, nbf: now(), exp: now() + 300, sha256: hash };
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    expect(await refusal(verifier.verify(body, unsigned))).toBe('ERR_WEBHOOK_ALGORITHM');
    // Also with a bogus signature part appended.
    expect(await refusal(verifier.verify(body, `${unsigned}AAAA`))).toBe('ERR_WEBHOOK_ALGORITHM');
  });

  it('other algorithms: HS384, HS512', async () => {
    expect(await refusal(verifier.verify(body, await token({ alg: 'HS384' })))).toBe(
      'ERR_WEBHOOK_ALGORITHM',
    );
    expect(await refusal(verifier.verify(body, await token({ alg: 'HS512' })))).toBe(
      'ERR_WEBHOOK_ALGORITHM',
    );
  });

  it('a token signed with another secret', async () => {
    expect(await refusal(verifier.verify(body, await token({ secret: 'another-secret' })))).toBe(
      'ERR_WEBHOOK_SIGNATURE',
    );
  });

  it('a wrong issuer', async () => {
    expect(await refusal(verifier.verify(body, await token({ iss: 'someone-else' })))).toBe(
      'ERR_WEBHOOK_ISSUER',
    );
  });

  it('an expired token, and one not valid yet', async () => {
    expect(
      await refusal(verifier.verify(body, await token({ nbf: now() - 900, exp: now() - 600 }))),
    ).toBe('ERR_WEBHOOK_EXPIRED');
    expect(
      await refusal(verifier.verify(body, await token({ nbf: now() + 600, exp: now() + 900 }))),
    ).toBe('ERR_WEBHOOK_NOT_YET_VALID');
  });

  it('a tampered body, a re-serialized body, a trailing newline', async () => {
    const jwt = await token();
    expect(await refusal(verifier.verify(body.replace('room01', 'room02'), jwt))).toBe(
      'ERR_WEBHOOK_BODY_MISMATCH',
    );
    expect(await refusal(verifier.verify(JSON.stringify(JSON.parse(body)), jwt))).toBe(
      'ERR_WEBHOOK_BODY_MISMATCH',
    );
    expect(await refusal(verifier.verify(`${body}\n`, jwt))).toBe('ERR_WEBHOOK_BODY_MISMATCH');
  });

  it('a token without sha256, garbage, a body that is not an event', async () => {
    const noHash = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(apiKey)
      .setExpirationTime(now() + 60)
      .sign(new TextEncoder().encode(apiSecret));
    expect(await refusal(verifier.verify(body, noHash))).toBe('ERR_WEBHOOK_MALFORMED_TOKEN');
    expect(await refusal(verifier.verify(body, 'not.a.jwt'))).toBe('ERR_WEBHOOK_MALFORMED_TOKEN');
    const array = '[1]';
    expect(await refusal(verifier.verify(array, await token({ forBody: array })))).toBe(
      'ERR_WEBHOOK_BAD_PAYLOAD',
    );
  });
});

describe('adapters', () => {
  it('webhookHandler answers Request-based runtimes', async () => {
    const events: WebhookEvent[] = [];
    const handler = webhookHandler({ apiKey, apiSecret }, (event) => {
      events.push(event);
    });
    const request = async (headers: Record<string, string>, method = 'POST') =>
      handler(
        new Request('http://localhost/webhook', {
          method,
          headers,
          ...(method === 'POST' ? { body } : {}),
        }),
      );
    expect(
      (await request({ authorization: await token(), 'content-type': 'application/webhook+json' }))
        .status,
    ).toBe(204);
    const refused = await request({ authorization: await token({ iss: 'x' }) });
    expect([refused.status, await refused.text()]).toEqual([401, 'ERR_WEBHOOK_ISSUER']);
    expect((await request({}, 'GET')).status).toBe(405);
    expect(events.map((e) => e.event)).toEqual(['room_started']);
  });

  it('nodeWebhookListener works on a real node:http server', async () => {
    const events: WebhookEvent[] = [];
    const server = createServer(
      nodeWebhookListener({ apiKey, apiSecret }, (event) => {
        events.push(event);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const jwt = await token();
      const ok = await fetch(url, {
        method: 'POST',
        body,
        headers: { Authorization: jwt, 'Hash-Token': jwt, 'Content-Type': 'application/json' },
      });
      expect(ok.status).toBe(204);
      const tampered = await fetch(url, {
        method: 'POST',
        body: `${body} `,
        headers: { 'Hash-Token': jwt },
      });
      expect([tampered.status, await tampered.text()]).toEqual([401, 'ERR_WEBHOOK_BODY_MISMATCH']);
      expect(events).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
