import { sign } from '@plugnmeet-signing/signer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodySigner } from '../src/hmac.js';

describe('the client HMAC paths', () => {
  it('node:crypto (when present) and Web Crypto agree with the signer for any secret and body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, unit: 'binary' }),
        fc.uint8Array(),
        async (secret, body) => {
          const reference = await sign(body, secret);
          expect(await (await bodySigner(secret))(body)).toBe(reference);
          expect(await (await bodySigner(secret, 'webcrypto'))(body)).toBe(reference);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('matches the documented vector', async () => {
    const signer = await bodySigner('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
    expect(await signer(new TextEncoder().encode('{"room_id":"room01"}'))).toBe(
      '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
    );
  });

  it('uses node:crypto synchronously on node, deno and bun', async () => {
    const signer = await bodySigner('secret');
    expect(typeof signer(new Uint8Array())).toBe('string');
  });
});
