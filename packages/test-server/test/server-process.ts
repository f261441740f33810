import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { post, sign } from './helpers.js';

/** The bin as users run it (its shebang starts node: the PID is the server's). */
export const bin = fileURLToPath(new URL('../bin/pnm-test-server.js', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export const apiKey = 'hostile-key';
export const secret = 'hostile-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** The budget every hostile case holds the emulator's peak resident memory to. */
export const PEAK_BUDGET_BYTES = 1024 ** 3;

const hasProcStatus = existsSync('/proc/self/status');

/**
 * Stops a test that measures peak memory where `/proc/<pid>/status` cannot be read (not
 * Linux): a failure naming it under CI=true, skipped with the reason otherwise.
 */
export function requireProcStatus(context: { skip(note?: string): never }): void {
  requireSubject(
    context,
    hasProcStatus ? undefined : '/proc/<pid>/status is not readable (Linux only): no peak memory',
  );
}

/** Peak resident memory of `pid` so far (`VmHWM`), in bytes. */
export function peakMemory(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kib) * 1024;
}

/** A running `pnm-test-server`, its stdout lines as they come, and how to stop it. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Every stdout line read so far, parsed. */
  readonly lines: Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string | null>;
  /** Waits until a stdout line matches. */
  waitFor(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stderr(): string;
}

/**
 * Starts the bin with the test credentials and `args`, and resolves once it printed its
 * `listening` line. `pauseAfterListening` makes this harness stop reading stdout from then on
 * (call `child.stdout.resume()` to read again).
 */
export async function startServerProcess(
  args: readonly string[] = [],
  { pauseAfterListening = false } = {},
): Promise<ServerProcess> {
  if (!existsSync(built)) throw new Error(`build the test server first: ${built} is missing`);
  const child = spawn(bin, ['--port', '0', '--api-key', apiKey, '--secret', secret, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Infinity }).on(
    'line',
    (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      lines.push(parsed);
      if (pauseAfterListening && parsed.type === 'listening') child.stdout?.pause();
      for (const wake of [...waiters]) wake();
    },
  );
  async function waitFor(match: (line: Record<string, unknown>) => boolean) {
    let ended = false;
    exited.then(() => {
      ended = true;
    });
    while (true) {
      const found = lines.find(match);
      if (found) return found;
      if (ended) throw new Error(`pnm-test-server exited first: ${stderr}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        exited.then(wake);
      });
    }
  }
  const listening = await waitFor((line) => line.type === 'listening');
  return {
    child,
    pid: child.pid as number,
    url: String(listening.url),
    lines,
    exited,
    waitFor,
    stderr: () => stderr,
  };
}

/** A signed call the server must still answer after a hostile one. */
export async function stillAnswers(url: string): Promise<unknown> {
  const body = '{"room_id":"after-hostile"}';
  const answer = await post(`${url}/auth/room/isRoomActive`, body, {
    'API-KEY': apiKey,
    'HASH-SIGNATURE': sign(body, secret),
    'Content-Type': 'application/json',
  });
  return { status: answer.status, json: answer.json };
}

/**
 * The exit a clean stop reports: 0. Deno's child_process reports a signalled child as
 * (null, signal) even when it exited by itself (see bin.test.ts); there the `stopped` line,
 * which every test also checks, proves the clean stop.
 */
export const CLEAN_EXITS: readonly (number | string)[] =
  process.env.PNM_TEST_RUNTIME === 'deno' ? [0, 'SIGTERM'] : [0];

/** Stops the server with SIGTERM and resolves with its exit code (see {@link CLEAN_EXITS}). */
export async function stopServerProcess(server: ServerProcess): Promise<number | string | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}
