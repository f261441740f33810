/**
 * prepareRequest* and prepareMultipartRequest*: the body is serialized once and exactly the
 * returned text is signed (checked with an independent createHmac), strings pass through
 * untouched, unserializable bodies are refused, and multipart signs the Room-Id value.
 */
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type PreparedMultipartRequest,
  type PreparedRequest,
  prepareMultipartRequest,
  prepareRequest,
  type SignedRequestInit,
} from '../src/index.js';
import { prepareMultipartRequestSync, prepareRequestSync } from '../src/node.js';
import { anyString, caught, expectSignerError, SAMPLE_SECRET } from './helpers.js';

/** HMAC of the returned text, computed the way the server does: over its UTF-8 bytes. */
function serverSignature(text: string, secret: string | Uint8Array): string {
  return createHmac('sha256', secret).update(Buffer.from(text, 'utf8')).digest('hex');
}

const preparers: {
  name: string;
  prepare: (init: SignedRequestInit) => Promise<PreparedRequest>;
}[] = [
  { name: 'prepareRequest', prepare: prepareRequest },
  { name: 'prepareRequestSync', prepare: async (init) => prepareRequestSync(init) },
];

const multipartPreparers: {
  name: string;
  prepare: (init: {
    apiKey: string;
    secret: string | Uint8Array;
    roomId: string;
  }) => Promise<PreparedMultipartRequest>;
}[] = [
  { name: 'prepareMultipartRequest', prepare: prepareMultipartRequest },
  {
    name: 'prepareMultipartRequestSync',
    prepare: async (init) => prepareMultipartRequestSync(init),
  },
];

describe.each(preparers)('$name', ({ prepare }) => {
  test('the doc example: object body, exact text and headers', async () => {
    const prepared = await prepare({
      apiKey: 'plugnmeet',
      secret: SAMPLE_SECRET,
      body: { room_id: 'room01' },
    });
    expect(prepared).toEqual({
      body: '{"room_id":"room01"}',
      headers: {
        'API-KEY': 'plugnmeet',
        'HASH-SIGNATURE': '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
        'Content-Type': 'application/json',
      },
    });
  });

  test('any JSON object: the signature is the HMAC of exactly the returned text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.object(), fc.array(fc.jsonValue())),
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((s) => s.trim() === s && /^[ -~]+$/.test(s)),
        async (body, secret) => {
          const prepared = await prepare({ apiKey: 'key', secret, body });
          expect(prepared.body).toBe(JSON.stringify(body));
          expect(prepared.headers['HASH-SIGNATURE']).toBe(serverSignature(prepared.body, secret));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a string body is sent and signed as it is: whitespace, escapes, non-ASCII, lone surrogates', async () => {
    await fc.assert(
      fc.asyncProperty(anyString(200), async (body) => {
        const prepared = await prepare({ apiKey: 'key', secret: SAMPLE_SECRET, body });
        expect(prepared.body).toBe(body);
        // What fetch sends for this string: its UTF-8 encoding, lone surrogates as U+FFFD.
        expect(prepared.headers['HASH-SIGNATURE']).toBe(serverSignature(body, SAMPLE_SECRET));
      }),
      { numRuns: 100 },
    );
    for (const body of [
      ' {"room_id": "room01"}\n',
      '',
      '{"a":"\\u00e9"}',
      '\ufeff{}',
      '{"t":"会议 🎉"}\r\n',
    ]) {
      const prepared = await prepare({ apiKey: 'key', secret: SAMPLE_SECRET, body });
      expect(prepared.body).toBe(body);
      expect(prepared.headers['HASH-SIGNATURE']).toBe(serverSignature(body, SAMPLE_SECRET));
    }
  });

  test('an object and its JSON text give the same request', async () => {
    const body = { room_id: 'room01', metadata: { room_title: 'Café – 会议', max: 10, ok: true } };
    const fromObject = await prepare({ apiKey: 'key', secret: SAMPLE_SECRET, body });
    const fromText = await prepare({
      apiKey: 'key',
      secret: SAMPLE_SECRET,
      body: JSON.stringify(body),
    });
    expect(fromObject).toEqual(fromText);
    // Re-spaced text is other bytes, so another signature: nothing is normalised.
    const spaced = await prepare({
      apiKey: 'key',
      secret: SAMPLE_SECRET,
      body: JSON.stringify(body, null, 2),
    });
    expect(spaced.headers['HASH-SIGNATURE']).not.toBe(fromObject.headers['HASH-SIGNATURE']);
  });

  test('serializes once: a body that changes on every read is signed as returned', async () => {
    let reads = 0;
    const body = {
      get counter() {
        reads += 1;
        return reads;
      },
    };
    const prepared = await prepare({ apiKey: 'key', secret: SAMPLE_SECRET, body });
    expect(reads).toBe(1);
    expect(prepared.body).toBe('{"counter":1}');
    expect(prepared.headers['HASH-SIGNATURE']).toBe(
      serverSignature('{"counter":1}', SAMPLE_SECRET),
    );
  });

  test('toJSON is honoured, once', async () => {
    let calls = 0;
    const body = {
      toJSON() {
        calls += 1;
        return { room_id: `r${calls}` };
      },
    };
    const prepared = await prepare({ apiKey: 'key', secret: SAMPLE_SECRET, body });
    expect(calls).toBe(1);
    expect(prepared.body).toBe('{"room_id":"r1"}');
  });

  test('a byte secret is used as is', async () => {
    const secret = new Uint8Array([0, 255, 128, 10]);
    const prepared = await prepare({ apiKey: 'key', secret, body: { a: 1 } });
    expect(prepared.headers['HASH-SIGNATURE']).toBe(serverSignature('{"a":1}', secret));
  });

  test.each<[string, () => object]>([
    ['a BigInt', () => ({ n: 1n })],
    [
      'a cycle',
      () => {
        const body: Record<string, unknown> = {};
        body.self = body;
        return body;
      },
    ],
    [
      'a throwing toJSON',
      () => ({
        toJSON: () => {
          throw new Error('nope');
        },
      }),
    ],
    [
      'a throwing getter',
      () => ({
        get x() {
          throw new Error('nope');
        },
      }),
    ],
  ])('refuses %s with ERR_SIGNER_SERIALIZE, keeping the cause', async (_, make) => {
    const error = await caught(() =>
      prepare({ apiKey: 'key', secret: SAMPLE_SECRET, body: make() }),
    );
    expectSignerError(error, 'ERR_SIGNER_SERIALIZE', 'body');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  test('refuses a body whose toJSON yields nothing with ERR_SIGNER_SERIALIZE', async () => {
    const error = await caught(() =>
      prepare({ apiKey: 'key', secret: SAMPLE_SECRET, body: { toJSON: () => undefined } }),
    );
    expectSignerError(error, 'ERR_SIGNER_SERIALIZE', 'body');
  });

  test.each(['', ' plugnmeet', 'plugnmeet ', 'plug\nmeet', 'plügnmeet', '\t'])(
    'refuses apiKey %j (empty or not sendable as a header byte for byte)',
    async (apiKey) => {
      const error = await caught(() => prepare({ apiKey, secret: SAMPLE_SECRET, body: '{}' }));
      expectSignerError(error, 'ERR_SIGNER_INVALID_ARGUMENT', 'apiKey');
    },
  );

  test('checks apiKey before serializing or signing', async () => {
    const error = await caught(() => prepare({ apiKey: '', secret: '', body: { n: 1n } }));
    expectSignerError(error, 'ERR_SIGNER_INVALID_ARGUMENT', 'apiKey');
  });
});

describe.each(multipartPreparers)('$name', ({ prepare }) => {
  test('the doc vector: signs the Room-Id value room01', async () => {
    const prepared = await prepare({
      apiKey: 'plugnmeet',
      secret: SAMPLE_SECRET,
      roomId: 'room01',
    });
    expect(prepared).toEqual({
      headers: {
        'API-KEY': 'plugnmeet',
        'HASH-SIGNATURE': 'aef1a8b4b83362eff743c6a33d8767c80530ce9043e54659ed1042cb19a58709',
        'Room-Id': 'room01',
      },
    });
    // No Content-Type: the HTTP library must set it with its multipart boundary.
    expect(Object.keys(prepared.headers)).not.toContain('Content-Type');
  });

  test('any header-safe room id: the signature is the HMAC of the Room-Id value', async () => {
    const roomId = fc
      .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 })
      .filter((s) => s.trim() === s);
    await fc.assert(
      fc.asyncProperty(roomId, async (id) => {
        const prepared = await prepare({ apiKey: 'key', secret: SAMPLE_SECRET, roomId: id });
        expect(prepared.headers['Room-Id']).toBe(id);
        expect(prepared.headers['HASH-SIGNATURE']).toBe(serverSignature(id, SAMPLE_SECRET));
      }),
      { numRuns: 100 },
    );
  });

  test.each(['', ' room01', 'room01 ', 'room\r\n01', 'room\u000001', 'salle-été', '会议'])(
    'refuses roomId %j (empty or not sendable as a header byte for byte)',
    async (roomId) => {
      const error = await caught(() => prepare({ apiKey: 'key', secret: SAMPLE_SECRET, roomId }));
      expectSignerError(error, 'ERR_SIGNER_INVALID_ARGUMENT', 'roomId');
    },
  );

  test('refuses an empty apiKey', async () => {
    const error = await caught(() =>
      prepare({ apiKey: '', secret: SAMPLE_SECRET, roomId: 'room01' }),
    );
    expectSignerError(error, 'ERR_SIGNER_INVALID_ARGUMENT', 'apiKey');
  });
});

test('sync and async preparers agree', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.object(), anyString(100)), async (body) => {
      const init = { apiKey: 'plugnmeet', secret: SAMPLE_SECRET, body };
      expect(await prepareRequest(init)).toEqual(prepareRequestSync(init));
    }),
    { numRuns: 100 },
  );
});
