/**
 * Known answers kept inline, independent of the shared vector files: the plugNmeet doc's
 * table (plugnmeet-api.md §1.6) and the full-length RFC 4231 HMAC-SHA-256 cases.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, test } from 'vitest';
import { createSigner } from '../src/index.js';
import { prepareMultipartRequestSync } from '../src/node.js';
import { hex, paths, SAMPLE_SECRET } from './helpers.js';

interface KnownAnswer {
  name: string;
  body: string | Uint8Array;
  secret: string | Uint8Array;
  signature: string;
}

const doc: KnownAnswer[] = [
  {
    name: 'doc: {"room_id":"room01"}',
    body: '{"room_id":"room01"}',
    secret: SAMPLE_SECRET,
    signature: '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
  },
  {
    name: 'doc: {"roomId":"room01"}',
    body: '{"roomId":"room01"}',
    secret: SAMPLE_SECRET,
    signature: '496fdc50f71f8990b97827dcefd81ce6114e74e810c436a1fad74cc9b5d0321b',
  },
  {
    name: 'doc: {}',
    body: '{}',
    secret: SAMPLE_SECRET,
    signature: 'd2a7003d22b6b6f94519230776f45e19d2086b20d1711a8eae6b0ee24d51cfeb',
  },
  {
    name: 'doc: empty body',
    body: '',
    secret: SAMPLE_SECRET,
    signature: '2ae261611f37f61d3aa5f83dbadfeaa0a299b4c9c6cb142cfd9675388e422ab7',
  },
  {
    name: 'doc: multipart Room-Id room01',
    body: 'room01',
    secret: SAMPLE_SECRET,
    signature: 'aef1a8b4b83362eff743c6a33d8767c80530ce9043e54659ed1042cb19a58709',
  },
  {
    name: 'doc: non-ASCII room title',
    body: '{"room_title":"Café – 会议"}',
    secret: SAMPLE_SECRET,
    signature: '4c215d3c78c7ba7386ebeefb93ec78b7967d5030396cdf979fe77ebf45e9d13c',
  },
];

const rfc4231: KnownAnswer[] = [
  {
    name: 'RFC 4231 case 1',
    body: 'Hi There',
    secret: hex('0b'.repeat(20)),
    signature: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'RFC 4231 case 2',
    body: 'what do ya want for nothing?',
    secret: 'Jefe',
    signature: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'RFC 4231 case 3',
    body: hex('dd'.repeat(50)),
    secret: hex('aa'.repeat(20)),
    signature: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: 'RFC 4231 case 4',
    body: hex('cd'.repeat(50)),
    secret: hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    signature: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'RFC 4231 case 6 (key longer than the block)',
    body: 'Test Using Larger Than Block-Size Key - Hash Key First',
    secret: hex('aa'.repeat(131)),
    signature: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'RFC 4231 case 7 (key and data longer than the block)',
    body:
      'This is a test using a larger than block-size key and a larger than block-size data. ' +
      'The key needs to be hashed before being used by the HMAC algorithm.',
    secret: hex('aa'.repeat(131)),
    signature: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe.each(paths)('$name path', (path) => {
  test.each([...doc, ...rfc4231])('$name', async ({ body, secret, signature }) => {
    expect(await path.sign(body, secret)).toBe(signature);
    expect(await path.verify(body, signature, secret)).toBe(true);
    expect(await path.verify(body, signature.toUpperCase(), secret)).toBe(false);
  });
});

test('createSigner reuses one imported key for many bodies', async () => {
  const signer = await createSigner(SAMPLE_SECRET);
  for (const { body, signature } of doc) {
    expect(await signer.sign(body)).toBe(signature);
    expect(await signer.verify(body, signature)).toBe(true);
  }
});

test('a Buffer is signed as the bytes it holds, like any Uint8Array', async () => {
  const body = Buffer.from('{"room_id":"room01"}');
  for (const path of paths) {
    expect(await path.sign(body, Buffer.from(SAMPLE_SECRET))).toBe(doc[0]?.signature);
  }
  // A view into the middle of a larger buffer covers only the viewed bytes.
  const framed = new TextEncoder().encode('xx{"room_id":"room01"}yy');
  const view = framed.subarray(2, framed.length - 2);
  for (const path of paths) expect(await path.sign(view, SAMPLE_SECRET)).toBe(doc[0]?.signature);
});

test('the multipart doc vector through prepareMultipartRequestSync', () => {
  const { headers } = prepareMultipartRequestSync({
    apiKey: 'plugnmeet',
    secret: SAMPLE_SECRET,
    roomId: 'room01',
  });
  expect(headers['HASH-SIGNATURE']).toBe(
    'aef1a8b4b83362eff743c6a33d8767c80530ce9043e54659ed1042cb19a58709',
  );
});
