import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, sign } from './helpers.js';

// The bin as users get it: the built file behind a node_modules/.bin symlink, run through
// its shebang. A main-module check comparing argv[1] with the module path would do nothing here.
const bin = fileURLToPath(new URL('../bin/pnm-test-server.js', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const runtime = process.env.PNM_TEST_RUNTIME ?? 'node';
const apiKey = 'bin-key';
const secret = 'bin-secret-0123456789abcdefghijklmnopqrstuvwxyz';

let dir: string;
let link: string;
beforeAll(async () => {
  if (!existsSync(built)) throw new Error(`build the test server first: ${built} is missing`);
  dir = await mkdtemp(join(tmpdir(), 'pnm-test-server-bin-'));
  await mkdir(join(dir, 'node_modules', '.bin'), { recursive: true });
  link = join(dir, 'node_modules', '.bin', 'pnm-test-server');
  await symlink(bin, link);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts the bin and yields its stdout JSON lines as they come. */
function start(args: string[]) {
  const child = spawn(link, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  async function line(n: number): Promise<Record<string, unknown>> {
    while (lines.length <= n) {
      await Promise.race([
        new Promise<void>((resolve) => waiters.push(resolve)),
        exited.then(() => {
          throw new Error(`pnm-test-server exited early: ${stderr}`);
        }),
      ]);
    }
    return JSON.parse(lines[n] as string) as Record<string, unknown>;
  }
  return { child, line, exited, stdout: () => lines.join('\n'), stderr: () => stderr };
}

function stop(child: ChildProcess, signal: NodeJS.Signals) {
  child.kill(signal);
}

describe('pnm-test-server through a node_modules/.bin symlink', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints its URL, judges and logs each request, and stops on %s',
    async (signal) => {
      const run = start(['--port', '0', '--api-key', apiKey, '--secret', secret]);
      const listening = await run.line(0);
      expect(listening.type).toBe('listening');
      const url = String(listening.url);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const body = '{"room_id":"room01"}';
      const good = await post(`${url}/auth/room/isRoomActive`, body, {
        'API-KEY': apiKey,
        'HASH-SIGNATURE': sign(body, secret),
      });
      expect(good.status).toBe(200);
      const tampered = await post(`${url}/auth/room/isRoomActive`, '{"room_id":"room02"}', {
        'API-KEY': apiKey,
        'HASH-SIGNATURE': sign(body, secret),
      });
      expect(tampered.status).toBe(401);
      expect(tampered.json).toMatchObject({ status_code: 'INVALID_TOKEN_OR_SIGNATURE' });

      const first = await run.line(1);
      expect(first).toMatchObject({ type: 'request', index: 0, method: 'POST' });
      expect(Buffer.from(String(first.body_base64), 'base64').toString()).toBe(body);
      expect(first.auth).toMatchObject({ ok: true, signed: 'body' });
      const second = await run.line(2);
      expect(second.auth).toMatchObject({ ok: false, reason: 'SIGNATURE_MISMATCH' });
      expect(second.response).toMatchObject({ status: 401 });

      stop(run.child, signal);
      const code = await run.exited;
      // Deno's child_process reports a signalled child as (null, signal) even when it exited
      // by itself; the stopped line below still proves the clean stop there.
      if (runtime !== 'deno') expect(code).toBe(0);
      expect(await run.line(3)).toEqual({ type: 'stopped', signal });
      expect(run.stderr()).toContain(`listening on ${url}`);
    },
  );

  it('exits 2 with the usage on an unknown option', async () => {
    const run = start(['--nope']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('Usage: pnm-test-server');
  });

  it('exits 0 with the usage for --help', async () => {
    const run = start(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('--api-key K');
  });
});
