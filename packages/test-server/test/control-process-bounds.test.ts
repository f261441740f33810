/**
 * The control API's bounds seen from outside, through the real `pnm-test-server` process:
 * its peak memory (VmHWM from /proc) under 20 MB inputs, a SIGTERM while a webhook receiver
 * never answers, and the warning for an open control API on a non-loopback address.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/pnm-test-server.js', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const GiB = 1024 * 1024 * 1024;

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  /** The `type` of every stdout line so far (the lines themselves may be 27 MB each). */
  readonly types: string[];
}

const running: Running[] = [];
const receivers: Server[] = [];
// Destroyed after each test: a receiver that never answers keeps its connections open.
const receiverSockets: Socket[] = [];
afterEach(async () => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const socket of receiverSockets.splice(0)) socket.destroy();
  for (const receiver of receivers.splice(0)) {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

async function start(args: readonly string[]): Promise<Running> {
  if (!existsSync(built)) throw new Error(`build the test server first: ${built} is missing`);
  const child = spawn(bin, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  // stderr is its own pipe: its lines may come after stdout's listening line, so wait for both.
  const announced = new Promise<void>((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('listening on')) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const types: string[] = [];
  // Read every line to its end (the reader must keep up), keeping only its type.
  let partial = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const type = /^\{"type":"([a-z]+)"/.exec(line)?.[1] ?? 'unknown';
        types.push(type);
        if (type === 'listening') resolve(String(JSON.parse(line).url));
      }
    });
    exited.then((code) => reject(new Error(`exited early (${code}): ${stderr}`)));
  });
  const started: Running = { child, url: await url, stderr: () => stderr, exited, types };
  await announced;
  running.push(started);
  return started;
}

/** Peak resident memory of a live process, from /proc/PID/status (VmHWM, in bytes). */
function peakBytes(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kib) * 1024;
}

describe('peak memory under 20 MB inputs (VmHWM)', () => {
  it('eight 20 MB answers are refused at the control body limit; the queue stays bounded', async () => {
    const { child, url } = await start(['--control']);
    const answer = JSON.stringify({ answers: [{ body_text: 'a'.repeat(20 * 1000 * 1000) }] });
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${url}/__control/answers`, { method: 'POST', body: answer });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        error: { code: 'CONTROL_BODY_TOO_LARGE', message: expect.stringContaining('1 MiB') },
      });
    }
    // As much as fits: 1 MB answers until the 16 MiB bound says no.
    const fits = JSON.stringify({ answers: [{ body_text: 'b'.repeat(1000 * 1000) }] });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${url}/__control/answers`, { method: 'POST', body: fits });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(16);
    expect(statuses.at(-1)).toBe(409);
    const listed = await fetch(`${url}/__control/answers`);
    expect(listed.status).toBe(200);
    expect((await listed.arrayBuffer()).byteLength).toBeLessThan(17 * 1024 * 1024);
    expect(peakBytes(child.pid)).toBeLessThan(GiB);
  }, 120_000);

  it('twelve unsigned 20 MB /auth posts: GET /requests answers, bodies cut and their size said', async () => {
    const { child, url } = await start(['--control']);
    const body = Buffer.alloc(20 * 1000 * 1000, 0x7a);
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${url}/auth/room/create`, { method: 'POST', body });
      expect(response.status).toBe(401);
      await response.arrayBuffer();
    }
    const listed = await fetch(`${url}/__control/requests`);
    expect(listed.status).toBe(200);
    const json = (await listed.json()) as {
      requests: { body_text: string; body_bytes: number; body_truncated: boolean }[];
      dropped: number;
    };
    expect(json.requests.length + json.dropped).toBe(12);
    expect(json.requests.length).toBeGreaterThan(0);
    for (const record of json.requests) {
      expect(record).toMatchObject({ body_bytes: 20 * 1000 * 1000, body_truncated: true });
      expect(record.body_text.length).toBe(64 * 1024);
    }
    expect(peakBytes(child.pid)).toBeLessThan(GiB);
  }, 120_000);
});

describe('stopping while a webhook receiver never answers', () => {
  it('POST /webhooks answers within its wait, and SIGTERM still stops the process', async () => {
    let arrived = 0;
    const receiver = createServer((request) => {
      request.resume();
      request.on('end', () => arrived++);
    });
    receivers.push(receiver);
    receiver.on('connection', (socket: Socket) => receiverSockets.push(socket));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    const server = await start(['--control']);
    const sent = await fetch(`${server.url}/__control/webhooks`, {
      method: 'POST',
      body: JSON.stringify({ event: { event: 'room_started' }, urls: [hook], wait_ms: 200 }),
      signal: AbortSignal.timeout(30_000),
    });
    // 202 while the delivery is out; 200 once a delivery timeout of its own ended it.
    expect([200, 202]).toContain(sent.status);
    expect(arrived).toBe(1);
    server.child.kill('SIGTERM');
    const code = await Promise.race([
      server.exited,
      new Promise<string>((resolve) =>
        setTimeout(() => resolve('still running after 30 s'), 30_000),
      ),
    ]);
    expect(code).toBe(0);
    expect(server.types.at(-1)).toBe('stopped');
  }, 60_000);
});

describe('an open control API off loopback', () => {
  it('warns on stderr when --host is not loopback and there is no token', async () => {
    const open = await start(['--control', '--host', '0.0.0.0']);
    expect(open.stderr()).toMatch(
      /warning: the control API is open to anyone who can reach 0\.0\.0\.0/,
    );
    const guarded = await start(['--control-token', 'guarded', '--host', '0.0.0.0']);
    const local = await start(['--control']);
    expect(guarded.stderr()).not.toMatch(/warning/);
    expect(local.stderr()).not.toMatch(/warning/);
  });
});
