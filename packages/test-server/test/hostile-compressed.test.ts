import { Buffer } from 'node:buffer';
import * as zlib from 'node:zlib';
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  deflateSync,
  gzipSync,
} from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_TOO_LARGE_TEXT } from '../src/content-encoding.js';
import { startTestServer } from '../src/server.js';
import { post, rawPost, sign } from './helpers.js';
import {
  apiKey,
  CLEAN_EXITS,
  PEAK_BUDGET_BYTES,
  peakMemory,
  requireProcStatus,
  type ServerProcess,
  secret,
  startServerProcess,
  stillAnswers,
  stopServerProcess,
} from './server-process.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** 1 GiB of zeros as ~1 MB of gzip: 1,024 members of 1 MiB each (gunzip reads them all). */
function gzipBomb(): Uint8Array<ArrayBuffer> {
  const member = gzipSync(Buffer.alloc(MIB), { level: 9 });
  return new Uint8Array(Buffer.concat(Array.from({ length: GIB / MIB }, () => member)));
}

/** 1 GiB of zeros as under a kilobyte of brotli, compressed as a stream (about a second). */
async function brotliBomb(): Promise<Uint8Array<ArrayBuffer>> {
  const stream = createBrotliCompress({
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  const zeros = Buffer.alloc(MIB);
  for (let i = 0; i < GIB / MIB; i++) {
    if (!stream.write(zeros)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

const signedOverInflated = (encoding: string, signature: string) => ({
  'API-KEY': apiKey,
  'HASH-SIGNATURE': signature,
  'Content-Encoding': encoding,
  'Content-Type': 'application/json',
});

describe('compressed bombs against the bin', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  // Whatever happened, nothing is left running (a no-op once it stopped).
  afterAll(() => server?.child.kill('SIGKILL'));

  it.for([
    ['gzip', async () => gzipBomb()],
    ['br', brotliBomb],
  ] as const)(
    'inflates a 1 GiB %s bomb only up to the body limit: 401 like Fiber, memory bounded',
    {
      timeout: 120_000,
    },
    async ([encoding, make], ctx) => {
      requireProcStatus(ctx);
      const bomb = await make();
      expect(bomb.length).toBeLessThan(2 * MIB);
      // Whatever the client signed, the server signs Fiber's error text: the MAC cannot match.
      const answer = await post(
        `${server.url}/auth/room/isRoomActive`,
        bomb,
        signedOverInflated(encoding, sign('{"room_id":"r"}', secret)),
      );
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ status_code: 'INVALID_TOKEN_OR_SIGNATURE' });
      const logged = await server.waitFor(
        (line) =>
          line.type === 'request' && (line.headers as string[][]).some(([, v]) => v === encoding),
      );
      expect(logged.auth).toMatchObject({ ok: false, reason: 'SIGNATURE_MISMATCH' });
      expect(peakMemory(server.pid)).toBeLessThan(PEAK_BUDGET_BYTES);
      expect(await stillAnswers(server.url)).toMatchObject({ status: 200 });
    },
  );

  it('answers 413 when the bomb is signed over the error text the server signs', {
    timeout: 60_000,
  }, async (ctx) => {
    requireProcStatus(ctx);
    const answer = await post(
      `${server.url}/auth/room/isRoomActive`,
      gzipBomb(),
      signedOverInflated('gzip', sign(BODY_TOO_LARGE_TEXT, secret)),
    );
    expect(answer).toMatchObject({ status: 413, text: 'Request Entity Too Large' });
    expect(peakMemory(server.pid)).toBeLessThan(PEAK_BUDGET_BYTES);
    expect(await stillAnswers(server.url)).toMatchObject({ status: 200 });
  });

  it('stops cleanly afterwards, leaving nothing running', { timeout: 30_000 }, async () => {
    expect(CLEAN_EXITS).toContain(await stopServerProcess(server));
    expect(server.lines.at(-1)).toEqual({ type: 'stopped', signal: 'SIGTERM' });
  });
});

describe('the body limit applies to the inflated bytes (fasthttp: exactly the limit passes)', () => {
  const limit = 1024;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ apiKey, secret, bodyLimitBytes: limit });
  });
  afterAll(() => server.close());

  /** A JSON body of exactly `size` bytes. */
  const bodyOf = (size: number) => {
    const head = '{"room_id":"r1","pad":"';
    return `${head}${'x'.repeat(size - head.length - 2)}"}`;
  };

  it.each([
    ['gzip', (b: string) => gzipSync(b)],
    ['br', (b: string) => brotliCompressSync(b)],
  ] as const)(
    '%s: exactly the limit passes, one byte more is refused',
    async (encoding, compress) => {
      const atLimit = bodyOf(limit);
      const ok = await post(
        `${server.url}/auth/room/isRoomActive`,
        new Uint8Array(compress(atLimit)),
        signedOverInflated(encoding, sign(atLimit, secret)),
      );
      expect(ok.status).toBe(200);
      expect(server.lastRequest?.auth?.ok).toBe(true);
      const over = bodyOf(limit + 1);
      const refused = await post(
        `${server.url}/auth/room/isRoomActive`,
        new Uint8Array(compress(over)),
        signedOverInflated(encoding, sign(over, secret)),
      );
      expect(refused.status).toBe(401);
      expect(Buffer.from(server.lastRequest?.auth?.signedInput ?? []).toString()).toBe(
        BODY_TOO_LARGE_TEXT,
      );
    },
  );
});

describe('Content-Encoding is a list, undone like Fiber v3.5.0 (measured on the real Fiber)', () => {
  const limit = 1024;
  const json = '{"room_id":"r"}';
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ apiKey, secret, bodyLimitBytes: limit });
  });
  afterAll(() => server.close());

  const send = (lines: readonly string[], body: Uint8Array, signedOver: string | Uint8Array) =>
    rawPost(
      `${server.url}/auth/room/isRoomActive`,
      [
        ['API-KEY', apiKey],
        ['HASH-SIGNATURE', sign(signedOver, secret)],
        ['Content-Type', 'application/json'],
        ...lines.map((line) => ['Content-Encoding', line] as const),
      ],
      body,
    );
  const gz = (data: string | Uint8Array) => new Uint8Array(gzipSync(data));
  const signedInput = () => Buffer.from(server.lastRequest?.auth?.signedInput ?? []).toString();

  it.each([
    ['gzip, identity', ['gzip, identity'], gz(json)],
    ['identity, gzip', ['identity, gzip'], gz(json)],
    ['gzip, (an empty element)', ['gzip,'], gz(json)],
    ['gzip, gzip (nested)', ['gzip, gzip'], gz(gz(json))],
    ['two gzip field lines (nested)', ['gzip', 'gzip'], gz(gz(json))],
    ['GZIP (case)', ['GZIP'], gz(json)],
    ['tab-padded gzip', ['\tgzip\t'], gz(json)],
    ['x-gzip', ['x-gzip'], gz(json)],
    ['brotli', ['brotli'], new Uint8Array(brotliCompressSync(json))],
    ['deflate', ['deflate'], new Uint8Array(deflateSync(json))],
    ['only empty elements', [' , '], new TextEncoder().encode(json)],
  ] as const)('%s: decoded, so a signature over the JSON passes (200)', async (_, lines, body) => {
    const answer = await send(lines, body, json);
    expect(answer.status).toBe(200);
    expect(server.lastRequest?.auth?.ok).toBe(true);
    expect(signedInput()).toBe(json);
  });

  const raw = new TextEncoder().encode(json);
  const gzipped = gz(json);
  const badChecksum = Uint8Array.from(gzipped);
  badChecksum[badChecksum.length - 8] = (badChecksum[badChecksum.length - 8] as number) ^ 1;
  it.each([
    ['zstd over plain JSON', ['zstd'], raw, 'invalid input: magic number mismatch', 200],
    ['zstd under 4 bytes', ['zstd'], raw.subarray(0, 2), 'unexpected EOF', 200],
    ['an unknown coding', ['foo'], raw, 'Unsupported Media Type', 415],
    ['an unknown coding, listed first', ['foo, gzip'], gzipped, 'Unsupported Media Type', 415],
    ['compress', ['compress'], raw, 'Not Implemented', 501],
    ['x-compress after gzip', ['gzip, x-compress'], raw, 'Not Implemented', 501],
    ['gzip over plain JSON', ['gzip'], raw, 'gzip: invalid header', 200],
    ['an empty gzip body', ['gzip'], new Uint8Array(0), 'EOF', 200],
    [
      'a truncated gzip body',
      ['gzip'],
      gzipped.subarray(0, gzipped.length - 4),
      'unexpected EOF',
      200,
    ],
    ['a gzip checksum mismatch', ['gzip'], badChecksum, 'gzip: invalid checksum', 200],
    ['deflate over plain JSON', ['deflate'], raw, 'zlib: invalid header', 200],
    ['an empty deflate body', ['deflate'], new Uint8Array(0), 'unexpected EOF', 200],
    ['br over plain JSON', ['br'], raw, 'brotli: PADDING_2', 200],
    [
      'nested gzip whose inner stage passes the limit',
      ['gzip, gzip'],
      gz(gz('a'.repeat(limit + 1))),
      BODY_TOO_LARGE_TEXT,
      413,
    ],
  ] as const)(
    '%s: c.Body() is the error text, the MAC is checked over it',
    async (_, lines, body, text, status) => {
      // Signed over the JSON: the server's MAC is over the error text, so 401.
      expect((await send(lines, body, json)).status).toBe(401);
      if (process.env.PNM_TEST_RUNTIME === 'deno' && text.startsWith('brotli: ')) {
        // Deno's node:zlib brotli decoder returns nothing for a corrupt stream instead of
        // failing (README, "Not emulated"): the emulator on Deno reads an empty body.
        expect(signedInput()).toBe('');
        return;
      }
      expect(signedInput()).toBe(text);
      // Signed over the text: Fiber's status, or (none set) the handler's refusal of the text.
      const answer = await send(lines, body, text);
      expect(server.lastRequest?.auth?.ok).toBe(true);
      expect(answer.status).toBe(status);
      if (status === 200) expect(answer.text).toContain('"status":false');
    },
  );

  it('every stage is limited: an outer gzip whose output passes the limit is 413', async () => {
    // A stored (level 0) inner gzip stays as large as its input, and the outer one shrinks it:
    // the outer stage's output (the inner gzip) is over the limit, the request is not.
    const inner = new Uint8Array(gzipSync('a'.repeat(2 * limit), { level: 0 }));
    expect(inner.length).toBeGreaterThan(limit);
    expect((await send(['gzip, gzip'], gz(inner), BODY_TOO_LARGE_TEXT)).status).toBe(413);
    expect(signedInput()).toBe(BODY_TOO_LARGE_TEXT);
  });

  it('a zstd frame: decoded where Node has zstd, else a refusal that says why', async () => {
    const zstdCompressSync = (zlib as { zstdCompressSync?: (input: string) => Buffer })
      .zstdCompressSync;
    if (zstdCompressSync) {
      const answer = await send(['zstd'], new Uint8Array(zstdCompressSync(json)), json);
      expect(answer.status).toBe(200);
      expect(signedInput()).toBe(json);
    } else {
      const frame = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x01, 0x09, 0x00, 0x00, 0x7b]);
      const answer = await send(['zstd'], frame, json);
      expect(answer.status).toBe(501);
      expect(answer.text).toContain(`cannot be decoded on Node ${process.versions.node}`);
      expect(server.lastRequest?.auth).toBeUndefined();
    }
  });

  it('hands out a fresh signedInput per request (no shared buffer)', async () => {
    const over = gz('a'.repeat(limit + 1));
    await send(['gzip'], over, json);
    const first = server.lastRequest?.auth?.signedInput as Uint8Array;
    first.fill(0);
    await send(['gzip'], over, json);
    expect(signedInput()).toBe(BODY_TOO_LARGE_TEXT);
  });
});
