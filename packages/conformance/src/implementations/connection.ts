/**
 * One live implementation process: its stdin, its stdout read line by line with a size
 * limit, its stderr tail, and a kill that leaves nothing it started behind. Every wait has
 * a time limit: a process's exit is taken from its `exit` event, never from the end of its
 * output, because a helper that inherited stdout can keep that open forever.
 *
 * @module
 */
import { execa } from 'execa';
import { type Containment, contained } from './containment.js';
import { LineReader } from './line-reader.js';
import {
  isStopped,
  killTracked,
  newTrackedProcess,
  PROCESS_MARKER,
  type TrackedProcess,
  untrack,
} from './process-tracker.js';
import { StderrTail } from './stderr-tail.js';

/** How to start the process. */
export interface LaunchSpec {
  command: string;
  args: readonly string[];
  cwd?: string;
  /** The complete environment: nothing is inherited that is not listed here. */
  env: Record<string, string>;
  /**
   * How to contain it, as probed once for the run (containment.ts: a PID namespace, else a
   * cgroup of its own, else nothing more): for code the runner does not trust (`--impl`).
   * Unset: started plain. The documented snippets' workers are: they start no helpers, and
   * every JVM being PID 1 of its namespace makes concurrent JVMs share one
   * `/tmp/hsperfdata_<user>/1` file (a warning the JVM prints on stdout).
   */
  containment?: Containment;
}

/** A failure of the implementation (not of the runner), named for the report. */
export class Broken extends Error {
  stderrTail = '';
}

/** How long a process that closed stdout or exited gets to deliver its last words. */
const LAST_WORDS_MS = 500;

function spawn(spec: LaunchSpec, tracked: TrackedProcess) {
  const token = tracked.token;
  const cwd = spec.cwd ?? process.cwd();
  // An untrusted implementation, contained as the run's probe found possible.
  const launch = spec.containment
    ? contained(spec.containment, spec.command, spec.args, spec.env, cwd)
    : { file: spec.command, args: [...spec.args] };
  if (launch.cgroup !== undefined) tracked.cgroup = launch.cgroup;
  return execa(launch.file, launch.args, {
    cwd,
    env: { ...spec.env, [PROCESS_MARKER]: token },
    extendEnv: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
    // Own process group, so a kill reaches a shell wrapper's children too.
    detached: true,
    cleanup: true,
  });
}

/**
 * A started process speaking newline-delimited JSON.
 *
 * @throws {Broken} from the constructor when the run was interrupted (no new process starts).
 * @example
 * ```ts
 * const connection = new Connection({ command: 'python3', args: ['x.py'], env: {} }, 1 << 20);
 * connection.send({ op: 'hello', protocol: 1 });
 * const hello = await connection.receive(30_000);
 * await connection.close();
 * ```
 */
export class Connection {
  readonly #child: ReturnType<typeof spawn>;
  readonly #tracked: TrackedProcess;
  readonly #lines: LineReader;
  readonly stderr = new StderrTail();
  readonly #exit: Promise<string>;

  constructor(spec: LaunchSpec, maxLineBytes: number) {
    if (isStopped()) throw new Broken('not started: the run was interrupted');
    this.#tracked = newTrackedProcess();
    this.#child = spawn(spec, this.#tracked);
    this.#tracked.pid = this.#child.pid;
    // execa's own promise settles only when stdio closes, which a helper can prevent.
    this.#child.then(
      () => {},
      () => {},
    );
    this.#exit = new Promise<string>((resolve) => {
      this.#child.once('exit', (code, signal) =>
        resolve(signal ? `exited (signal ${signal})` : `exited (code ${String(code)})`),
      );
      this.#child.once('error', (error) =>
        resolve(`could not be started: ${(error as NodeJS.ErrnoException).message}`),
      );
    }).then((description) => {
      // Once reaped, the PID may be reused: walk children by it no more (the token remains).
      this.#tracked.pid = undefined;
      return description;
    });
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => this.stderr.push(chunk));
    this.#child.stderr?.on('error', () => {});
    this.#child.stdin?.on('error', () => {});
    const stdout = this.#child.stdout;
    if (!stdout) throw new Broken('no stdout');
    this.#lines = new LineReader(stdout, maxLineBytes);
  }

  /** The text of the last line received, for replies whose numbers must keep every digit. */
  lastLine = '';

  send(message: object): void {
    try {
      this.#child.stdin?.write(`${protocolLine(message)}\n`);
    } catch {}
  }

  /** The next stdout line parsed as JSON; Broken on exit, EOF, timeout, garbage or an over-long line. */
  async receive(timeoutMs: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Broken(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    // A process that exited cannot answer any more, even if a helper holds its stdout open.
    const exited = this.#exit.then(async (description) => {
      await delay(LAST_WORDS_MS);
      return { kind: 'exited' as const, description };
    });
    try {
      const next = await Promise.race([this.#lines.next(), exited, timeout]);
      if (next.kind === 'exited') throw new Broken(`ended before answering: ${next.description}`);
      if (next.kind === 'end') {
        const exit = await Promise.race([
          this.#exit,
          delay(LAST_WORDS_MS * 2).then(() => 'closed stdout'),
        ]);
        throw new Broken(`ended before answering: ${exit}`);
      }
      if (next.kind === 'overlong') {
        throw new Broken(
          `printed a line longer than the limit of ${next.limit} bytes (--max-reply-bytes): ${truncate(next.head)}`,
        );
      }
      this.lastLine = next.text;
      try {
        return JSON.parse(next.text);
      } catch {
        throw new Broken(`printed something that is not protocol v1: ${truncate(next.text)}`);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Says bye (EOF), waits up to `graceMs` for the exit, then kills whatever is left. */
  async close(graceMs = 2000): Promise<void> {
    try {
      this.#child.stdin?.end(`${JSON.stringify({ op: 'bye' })}\n`);
    } catch {}
    await Promise.race([this.#exit, delay(graceMs)]);
    // Even after a clean exit: helpers it started must not outlive it.
    this.kill();
  }

  /** Kills the process, its group and everything it started, and lets go of its pipes. */
  kill(): void {
    killTracked(this.#tracked);
    untrack(this.#tracked);
    this.#child.stdin?.destroy();
    this.#child.stdout?.destroy();
    this.#child.stderr?.destroy();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * One message as a protocol line. U+2028 and U+2029 are valid raw in JSON, but Bun's and
 * Deno's `readline` end a line there (Node's does not; measured with Bun 1.4.5 and Deno
 * 2.9.6): escaped, every line reader sees one message per line.
 */
export function protocolLine(message: object): string {
  return JSON.stringify(message).replace(
    /[\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
}
