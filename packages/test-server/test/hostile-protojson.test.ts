import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { parseRequestBody } from '../src/protocol/parse-request.js';
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
import { hasGo, runUpstream } from './upstream-go.js';

const MESSAGE = 'plugnmeet.IsRoomActiveReq';
const messageOf = (c: { readonly message?: string }) => c.message ?? MESSAGE;
const pathOf = (c: { readonly message?: string }) =>
  c.message === 'plugnmeet.CreateRoomReq' ? 'room/create' : 'room/isRoomActive';
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))),
  );

/** A body JSON.parse takes and Go's protojson refuses, with the upstream module's own text. */
interface RefusalCase {
  readonly name: string;
  readonly body: Uint8Array<ArrayBuffer>;
  readonly error: string;
  /** The request message; default IsRoomActiveReq. */
  readonly message?: string;
}

const cases: readonly RefusalCase[] = [
  {
    name: 'a duplicate key',
    body: bytes('{"room_id":"a","room_id":"b"}'),
    error: 'proto: (line 1:16): duplicate field "room_id"',
  },
  {
    name: 'one field under both its names, on a second line',
    body: bytes('{"room_id":"a",\n  "roomId":"b"}'),
    error: 'proto: (line 2:3): duplicate field "roomId"',
  },
  {
    name: 'invalid UTF-8 inside a string',
    body: bytes('{"é":1,"room_id":"a', [0xff], 'b"}'),
    error: 'proto: syntax error (line 1:18): invalid UTF-8 in string',
  },
  {
    name: 'a UTF-16 surrogate encoded as UTF-8 in an unknown field',
    body: bytes('{"x":"', [0xed, 0xa0, 0x80], '","room_id":"r"}'),
    error: 'proto: syntax error (line 1:6): invalid UTF-8 in string',
  },
  {
    name: 'an unknown field nested 100,000 levels deep',
    body: bytes(`{"room_id":"r","x":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`),
    error: 'proto: exceeded max recursion depth',
  },
  {
    name: 'an unknown field nested one level past the limit (10,000 arrays)',
    body: bytes(`{"room_id":"r","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    error: 'proto: exceeded max recursion depth',
  },
  // More bodies JSON.parse takes: it merges duplicates, so a wrong type before one would hide.
  {
    name: 'a duplicate spelled with an escape',
    body: bytes('{"room_id":"a","room\\u005fid":"b"}'),
    error: 'proto: (line 1:16): duplicate field "room\\u005fid"',
  },
  {
    name: 'a duplicate map key in a nested message',
    body: bytes('{"room_id":"r","metadata":{"room_title":"T","extra_data":{"k":"1","k":"2"}}}'),
    error: 'proto: (line 1:67): duplicate map key "k"',
    message: 'plugnmeet.CreateRoomReq',
  },
  {
    name: 'a wrong type hidden by a later duplicate',
    body: bytes('{"room_id":1,"room_id":"b"}'),
    error: 'proto: (line 1:12): invalid value for string field roomId: 1',
  },
  {
    name: 'a lone UTF-16 surrogate escape',
    body: bytes('{"room_id":"é\\ud800","x":"y"}'),
    error: 'proto: syntax error (line 1:12): invalid escape code "\\",\\"x\\":" in string',
  },
  {
    name: 'a raw control character in a string (refused by both; in Go words)',
    body: bytes('{"room_id":"a', [0x00], 'b"}'),
    error: "proto: syntax error (line 1:12): invalid character '\\x00' in string",
  },
  {
    name: 'a leading byte order mark',
    body: bytes([0xef, 0xbb, 0xbf], '{"room_id":"a"}'),
    error: 'proto: syntax error (line 1:1): invalid value \ufeff',
  },
];

/** Nested as deep as the limit allows: accepted by both. */
const deepestAccepted = bytes(`{"room_id":"r","x":${'['.repeat(9_999)}${']'.repeat(9_999)}}`);

describe('the refusals of Go protojson that JSON.parse does not make', () => {
  it.each(cases)('$name: the upstream module text', (c) => {
    expect(parseRequestBody(messageOf(c), c.body).verdict).toMatchObject({
      verdict: 'parse error',
      error: c.error,
    });
  });

  it('accepts an unknown field nested exactly to the recursion limit', () => {
    expect(parseRequestBody(MESSAGE, deepestAccepted).verdict).toMatchObject({
      verdict: 'ok',
      dropped_fields: ['x'],
    });
  });
});

describe('the refusals through the bin', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  // Whatever happened, nothing is left running (a no-op once it stopped).
  afterAll(() => server?.child.kill('SIGKILL'));

  it.for(cases)(
    '$name: status false with the parse error, like the server',
    {
      timeout: 30_000,
    },
    async (c, ctx) => {
      requireProcStatus(ctx);
      const { body, error } = c;
      const answer = await post(`${server.url}/auth/${pathOf(c)}`, body, {
        'API-KEY': apiKey,
        'HASH-SIGNATURE': sign(body, secret),
        'Content-Type': 'application/json',
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ status: false, msg: error, status_code: 'INVALID_PARAMETERS' });
      expect(peakMemory(server.pid)).toBeLessThan(PEAK_BUDGET_BYTES);
      expect(await stillAnswers(server.url)).toMatchObject({ status: 200 });
    },
  );

  it('stops cleanly afterwards, leaving nothing running', { timeout: 30_000 }, async () => {
    expect(CLEAN_EXITS).toContain(await stopServerProcess(server));
    expect(server.lines.at(-1)).toEqual({ type: 'stopped', signal: 'SIGTERM' });
  });
});

describe('the same bodies through the pinned upstream Go module', () => {
  it('refuses each with the text the emulator gives', { timeout: 600_000 }, async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const inputs = [...cases, { body: deepestAccepted } as RefusalCase].map((c) => ({
      op: 'parse',
      message: messageOf(c),
      body_base64: Buffer.from(c.body).toString('base64'),
    }));
    const upstream = await runUpstream(inputs);
    // Go's errors start with "proto:" and a space or, in some builds, a no-break space.
    const normalized = upstream.map((r) => ({
      ...r,
      error: String(r.error ?? '').replace(/^proto:\u00a0/, 'proto: '),
    }));
    expect(normalized).toEqual([
      ...cases.map((c) => ({ verdict: 'parse error', error: c.error })),
      { verdict: 'ok', error: '', normalized: { room_id: 'r' } },
    ]);
  });
});
