import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_API_KEY, SAMPLE_SECRET, startTestServer, type TestServer } from '../src/index.js';
import { rawPost, sign } from './helpers.js';

// What the server's check does not look at, as measured against the real middleware on
// Fiber v3.5.0 / fasthttp v1.73.0 (docs §7.1). Each row: headers, body bytes, status.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ commaSpace: 'never' });
});
afterAll(() => server.close());

const body = '{"room_id":"room01"}';
const mac = sign(body, SAMPLE_SECRET);
const utf8 = (text: string) => new TextEncoder().encode(text);

const rows: [string, [string, string][], Uint8Array, number, 'body' | 'room-id' | undefined][] = [
  [
    'no Content-Type at all',
    [
      ['API-KEY', SAMPLE_API_KEY],
      ['HASH-SIGNATURE', mac],
    ],
    utf8(body),
    200,
    'body',
  ],
  [
    'spaces and tabs around the values',
    [
      ['API-KEY', ` \t${SAMPLE_API_KEY}\t `],
      ['HASH-SIGNATURE', `\t ${mac} \t`],
    ],
    utf8(body),
    200,
    'body',
  ],
  [
    'two HASH-SIGNATURE headers, the right one first',
    [
      ['API-KEY', SAMPLE_API_KEY],
      ['HASH-SIGNATURE', mac],
      ['HASH-SIGNATURE', '0'.repeat(64)],
    ],
    utf8(body),
    200,
    'body',
  ],
  [
    'two HASH-SIGNATURE headers, the right one second',
    [
      ['API-KEY', SAMPLE_API_KEY],
      ['HASH-SIGNATURE', '0'.repeat(64)],
      ['HASH-SIGNATURE', mac],
    ],
    utf8(body),
    401,
    'body',
  ],
  [
    'gzip, signed over the decompressed JSON',
    [
      ['API-KEY', SAMPLE_API_KEY],
      ['HASH-SIGNATURE', mac],
      ['Content-Encoding', 'gzip'],
    ],
    new Uint8Array(gzipSync(body)),
    200,
    'body',
  ],
  [
    'gzip, signed over the compressed bytes',
    [
      ['API-KEY', SAMPLE_API_KEY],
      ['HASH-SIGNATURE', sign(gzipSync(body), SAMPLE_SECRET)],
      ['Content-Encoding', 'gzip'],
    ],
    new Uint8Array(gzipSync(body)),
    401,
    'body',
  ],
  [
    'a Content-Type that merely contains multipart/form-data, any body',
    [
      ['API-KEY', SAMPLE_API_KEY],
      ['HASH-SIGNATURE', sign('r1', SAMPLE_SECRET)],
      ['Content-Type', 'text/plain; multipart/form-data'],
      ['Room-Id', 'r1'],
    ],
    utf8('{"room_id":"anything at all"}'),
    200,
    'room-id',
  ],
];

describe('what the /auth check does not check (§7.1)', () => {
  it.each(rows)('%s', async (_name, headers, bytes, status, mode) => {
    const res = await rawPost(`${server.url}/auth/room/isRoomActive`, headers, bytes);
    expect(res.status).toBe(status);
    expect(server.lastRequest?.auth?.mode).toBe(mode);
  });
});
