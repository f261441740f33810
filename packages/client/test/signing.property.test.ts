import type { RecordedRequest, TestServer } from '@plugnmeet-signing/test-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingRequest, PlugNmeet } from '../src/index.js';
import { setup } from './helpers.js';

let server: TestServer;
let client: PlugNmeet;
const sent: OutgoingRequest[] = [];

beforeAll(async () => {
  ({ server, client } = await setup(
    { handlers: { 'test/echo': { json: { status: true, msg: 'ok', status_code: 'SUCCESS' } } } },
    { onRequest: (request) => sent.push(request) },
  ));
});
afterAll(() => server.close());

const runs = { numRuns: 60 };

/** Request objects: any JSON object, keys and strings from all of UTF-16 (lone surrogates too). */
const requestObject = fc.dictionary(
  fc.string({ unit: 'binary' }),
  fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
  { maxKeys: 6 },
);

async function sendOnce(
  body: object | string | Uint8Array,
): Promise<{ out: OutgoingRequest; seen: RecordedRequest }> {
  sent.length = 0;
  server.clear();
  await client.request('test/echo', body);
  expect(sent).toHaveLength(1);
  expect(server.requests).toHaveLength(1);
  return { out: sent[0] as OutgoingRequest, seen: server.requests[0] as RecordedRequest };
}

describe('bytes sent = bytes signed', () => {
  it('for any request object, the server-side check of what was sent succeeds', async () => {
    await fc.assert(
      fc.asyncProperty(requestObject, async (body) => {
        const { out, seen } = await sendOnce(body);
        expect(seen.auth?.ok).toBe(true);
        expect(seen.body).toEqual(out.body);
        expect(seen.headers['hash-signature']).toBe(out.signature);
        // Serialized once with JSON.stringify, nothing added or normalized.
        expect(seen.text).toBe(JSON.stringify(body));
      }),
      runs,
    );
  });

  it('for any string body (sent as is) and any raw bytes, too', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 64 })),
        async (body) => {
          const { out, seen } = await sendOnce(body);
          expect(seen.auth?.ok).toBe(true);
          expect(seen.body).toEqual(out.body);
          if (body instanceof Uint8Array) expect(seen.body).toEqual(body);
        },
      ),
      runs,
    );
  });
});

describe('any change in transit is refused', () => {
  async function replay(seen: RecordedRequest, body: Uint8Array, signature: string) {
    const response = await fetch(`${server.url}${seen.path}`, {
      method: 'POST',
      headers: {
        'API-KEY': server.apiKey,
        'HASH-SIGNATURE': signature,
        'Content-Type': 'application/json',
      },
      body: body as Uint8Array<ArrayBuffer>,
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it('flipping any bit of the body gives 401 INVALID_TOKEN_OR_SIGNATURE', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestObject,
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async (body, at, bit) => {
          const { seen } = await sendOnce(body);
          const tampered = new Uint8Array(seen.body);
          const index = at % tampered.length;
          tampered[index] = (tampered[index] as number) ^ (1 << bit);
          const reply = await replay(seen, tampered, seen.headers['hash-signature'] as string);
          expect(reply.status).toBe(401);
          expect(reply.json.status_code).toBe('INVALID_TOKEN_OR_SIGNATURE');
          // The untouched replay still passes: the refusal is due to the change alone.
          expect(
            (await replay(seen, seen.body, seen.headers['hash-signature'] as string)).status,
          ).toBe(200);
        },
      ),
      runs,
    );
  });

  it('adding or removing a byte gives 401', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestObject,
        fc.boolean(),
        fc.integer({ min: 0, max: 255 }),
        async (body, drop, extra) => {
          const { seen } = await sendOnce(body);
          const changed = drop ? seen.body.slice(0, -1) : new Uint8Array([...seen.body, extra]);
          expect(
            (await replay(seen, changed, seen.headers['hash-signature'] as string)).status,
          ).toBe(401);
        },
      ),
      runs,
    );
  });

  it('changing any character of the signature gives 401, uppercase included', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestObject,
        fc.integer({ min: 0, max: 63 }),
        fc.constantFrom(...'0123456789abcdefABCDEF'),
        async (body, at, char) => {
          const { seen } = await sendOnce(body);
          const signature = seen.headers['hash-signature'] as string;
          fc.pre(signature[at] !== char);
          const forged = `${signature.slice(0, at)}${char}${signature.slice(at + 1)}`;
          expect((await replay(seen, seen.body, forged)).status).toBe(401);
        },
      ),
      runs,
    );
  });
});
