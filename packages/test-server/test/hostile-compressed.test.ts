import { Buffer } from 'node:buffer';
import { brotliCompressSync, constants, createBrotliCompress, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_TOO_LARGE_TEXT } from '../src/content-encoding.js';
import { startTestServer } from '../src/server.js';
import { post, sign } from './helpers.js';
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
