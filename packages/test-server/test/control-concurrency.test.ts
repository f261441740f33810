/**
 * The control API and /auth under concurrent use, through the real `pnm-test-server`
 * process: many connections at once (one per request), then a count of every answer, every
 * queued answer taken and every log line, none lost and none twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOnce as call } from './control-helpers.js';
import { sign } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/pnm-test-server.js', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const apiKey = 'load-key';
const secret = 'load-secret';
const token = 'load-control-token';

let child: ChildProcess;
const lines: Record<string, unknown>[] = [];
let url = '';
let stderr = '';
let exited: Promise<number | null>;

beforeAll(async () => {
  if (!existsSync(built)) throw new Error(`build the test server first: ${built} is missing`);
  child = spawn(
    bin,
    ['--port', '0', '--api-key', apiKey, '--secret', secret, '--control-token', token],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Collected, so the check below reads what the process really wrote there.
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      lines.push(record);
      if (record.type === 'listening') resolve(String(record.url));
    });
  });
  url = await Promise.race([
    listening,
    exited.then((code) => {
      throw new Error(`pnm-test-server exited early (${code})`);
    }),
  ]);
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

const controlHeaders = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const signedCall = (path: string, body: string) =>
  call(`${url}/auth/${path}`, 'POST', body, {
    'API-KEY': apiKey,
    'HASH-SIGNATURE': sign(body, secret),
    'Content-Type': 'application/json',
  });

describe('many connections at once', () => {
  it('every answer, queued answer and log line arrives exactly once', async () => {
    const QUEUED = 40;
    const OTHER = 80;
    const UNSIGNED = 20;
    const markers = Array.from({ length: QUEUED }, (_, i) => `marker-${i}`);

    // Phase 1: queue one answer per control call while other /auth traffic and control
    // reads run on their own connections.
    const phase1 = await Promise.all([
      ...markers.map((marker) =>
        call(
          `${url}/__control/answers`,
          'POST',
          JSON.stringify({ path: 'room/isRoomActive', answers: [{ body_text: marker }] }),
          controlHeaders,
        ),
      ),
      ...Array.from({ length: OTHER / 2 }, (_, i) =>
        signedCall('room/fetchPastRooms', JSON.stringify({ room_ids: [`p1-${i}`] })),
      ),
      ...Array.from({ length: 10 }, () =>
        call(`${url}/__control/requests`, 'GET', undefined, controlHeaders),
      ),
    ]);
    expect(phase1.map((a) => a.status)).toEqual(Array(phase1.length).fill(200));
    const queued = JSON.parse(
      (await call(`${url}/__control/answers`, 'GET', undefined, controlHeaders)).text,
    );
    const queuedMarkers = queued.queued['/auth/room/isRoomActive'].map(
      (a: { body_text: string }) => a.body_text,
    );
    expect(queuedMarkers.slice().sort()).toEqual(markers.slice().sort());

    // Phase 2: the queued route, more traffic, refused calls and control reads, all at once.
    const taking = markers.map((_, i) =>
      signedCall('room/isRoomActive', JSON.stringify({ room_id: `q-${i}` })),
    );
    const others = Array.from({ length: OTHER / 2 }, (_, i) =>
      signedCall('room/fetchPastRooms', JSON.stringify({ room_ids: [`p2-${i}`] })),
    );
    const unsigned = Array.from({ length: UNSIGNED }, (_, i) =>
      call(`${url}/auth/room/isRoomActive`, 'POST', JSON.stringify({ room_id: `u-${i}` }), {
        'API-KEY': apiKey,
      }),
    );
    const reads = Array.from({ length: 10 }, () =>
      call(`${url}/__control/state`, 'GET', undefined, controlHeaders),
    );
    const [took, other, refused, read] = await Promise.all([
      Promise.all(taking),
      Promise.all(others),
      Promise.all(unsigned),
      Promise.all(reads),
    ]);
    // Each queued answer went to exactly one request; the refused ones took none.
    expect(took.map((a) => a.status)).toEqual(Array(QUEUED).fill(200));
    expect(took.map((a) => a.text).sort()).toEqual(markers.slice().sort());
    expect(other.map((a) => a.status)).toEqual(Array(OTHER / 2).fill(200));
    expect(refused.map((a) => a.status)).toEqual(Array(UNSIGNED).fill(401));
    expect(read.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(
      JSON.parse((await call(`${url}/__control/answers`, 'GET', undefined, controlHeaders)).text),
    ).toEqual({
      queued: {},
    });

    const listed = JSON.parse(
      (await call(`${url}/__control/requests`, 'GET', undefined, controlHeaders)).text,
    ) as { requests: Record<string, unknown>[]; dropped: number };

    child.kill('SIGTERM');
    await exited;
    const logged = lines.filter((line) => line.type === 'request');
    const total = QUEUED + OTHER + UNSIGNED;
    // Every /auth request is one log line, indices 0..total-1 each once, no control call.
    expect(logged).toHaveLength(total);
    expect(logged.map((l) => l.index).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: total }, (_, i) => i),
    );
    expect(logged.filter((l) => String(l.url).startsWith('/__control'))).toEqual([]);
    const sent = [
      ...markers.map((_, i) => JSON.stringify({ room_id: `q-${i}` })),
      ...Array.from({ length: OTHER / 2 }, (_, i) => JSON.stringify({ room_ids: [`p1-${i}`] })),
      ...Array.from({ length: OTHER / 2 }, (_, i) => JSON.stringify({ room_ids: [`p2-${i}`] })),
      ...Array.from({ length: UNSIGNED }, (_, i) => JSON.stringify({ room_id: `u-${i}` })),
    ];
    expect(logged.map((l) => l.body_text).sort()).toEqual(sent.sort());
    // The control API listed the same records the log lines carry.
    expect(listed.dropped).toBe(0);
    expect(listed.requests).toEqual(
      logged.slice().sort((a, b) => Number(a.index) - Number(b.index)),
    );
    expect(lines.at(-1)).toEqual({ type: 'stopped', signal: 'SIGTERM' });
    // The control token and the API secret are written nowhere (and stderr was read: it has
    // the human-readable listening line).
    expect(stderr).toContain('pnm-test-server: listening on');
    for (const output of [JSON.stringify(lines), stderr]) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(secret);
    }
  });
});
