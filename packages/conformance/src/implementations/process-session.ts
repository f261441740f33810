/**
 * A protocol v1 implementation running as a real process: requests go to its stdin one
 * line each, replies come back from its stdout in order. Crashes, hangs, replies out of
 * order and garbage are turned into `broken` answers that name the cause and carry the
 * stderr tail; the process is then restarted so the remaining cases still run.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { CaseInput, SignAnswer, VerifyAnswer } from '../model.js';
import {
  type HelloReply,
  helloProblem,
  PROTOCOL_VERSION,
  type Reply,
  replyProblem,
  toBase64,
} from './protocol.js';
import { StderrTail } from './stderr-tail.js';

/** How to start the process. */
export interface LaunchSpec {
  command: string;
  args: readonly string[];
  cwd?: string;
  /** The complete environment: nothing is inherited that is not listed here. */
  env: Record<string, string>;
}

export interface ProcessSessionOptions {
  /** Per-case time limit in ms. */
  caseTimeoutMs: number;
  /** Time limit for start-up and hello in ms. */
  startTimeoutMs: number;
  /** Restarts allowed after a broken answer before every further case is broken too. */
  maxRestarts: number;
  /**
   * Internal extension, not part of protocol v1: pass body and secret as files
   * (`bodyFile`, `secretFile` paths) instead of base64 fields. The shell worker needs it:
   * a POSIX shell reads a long line byte by byte and slices strings in quadratic time, so a
   * 1 MiB body inline would time out in the harness, not in the snippet.
   */
  fileTransport: boolean;
}

export const DEFAULT_SESSION_OPTIONS: ProcessSessionOptions = {
  caseTimeoutMs: 10_000,
  startTimeoutMs: 30_000,
  maxRestarts: 20,
  fileTransport: false,
};

class Broken extends Error {}

function spawn(spec: LaunchSpec) {
  return execa(spec.command, [...spec.args], {
    cwd: spec.cwd ?? process.cwd(),
    env: spec.env,
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

/** One live process and its line reader. */
class Connection {
  readonly #child: ReturnType<typeof spawn>;
  readonly #lines: AsyncIterator<string>;
  readonly stderr = new StderrTail();
  #exit: Promise<string>;

  constructor(spec: LaunchSpec) {
    this.#child = spawn(spec);
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => this.stderr.push(chunk));
    this.#child.stdin?.on('error', () => {});
    const stdout = this.#child.stdout;
    if (!stdout) throw new Broken('no stdout');
    this.#lines = createInterface({ input: stdout, crlfDelay: Number.POSITIVE_INFINITY })[
      Symbol.asyncIterator
    ]();
    this.#exit = this.#child.then(
      (result) =>
        `exited (${result.signal ? `signal ${result.signal}` : `code ${String(result.exitCode)}`})` +
        (result.failed && result.cause instanceof Error ? `: ${result.cause.message}` : ''),
    );
  }

  send(message: object): void {
    this.#child.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  /** The next stdout line parsed as JSON, or Broken on EOF, timeout or garbage. */
  async receive(timeoutMs: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Broken(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const next = await Promise.race([this.#lines.next(), timeout]);
      if (next.done) {
        const exit = await Promise.race([this.#exit, delay(1000).then(() => 'closed stdout')]);
        throw new Broken(`ended before answering: ${exit}`);
      }
      try {
        return JSON.parse(next.value);
      } catch {
        throw new Broken(`printed something that is not protocol v1: ${truncate(next.value)}`);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends stdin (EOF) and, after a grace period, kills the process group. */
  async close(graceMs = 2000): Promise<void> {
    try {
      this.#child.stdin?.end(`${JSON.stringify({ op: 'bye' })}\n`);
    } catch {}
    const exited = await Promise.race([
      this.#exit.then(() => true),
      delay(graceMs).then(() => false),
    ]);
    if (!exited) this.kill();
    await this.#exit.catch(() => {});
  }

  kill(): void {
    const pid = this.#child.pid;
    try {
      if (pid !== undefined) process.kill(-pid, 'SIGKILL');
    } catch {
      this.#child.kill('SIGKILL');
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A restartable protocol v1 session over one process at a time.
 *
 * @example
 * ```ts
 * const session = await ProcessSession.start({ command: 'python3', args: ['impl.py'], env: {} });
 * const answer = await session.sign({ id: 'x', body: bytes, secret });
 * await session.close();
 * ```
 */
export class ProcessSession {
  readonly #spec: LaunchSpec;
  readonly #options: ProcessSessionOptions;
  #connection: Connection | undefined;
  #hello: HelloReply | undefined;
  #restarts = 0;
  #fatal: string | undefined;

  private constructor(spec: LaunchSpec, options: ProcessSessionOptions) {
    this.#spec = spec;
    this.#options = options;
  }

  /** Starts the process and exchanges hello. Throws a plain Error naming the problem. */
  static async start(
    spec: LaunchSpec,
    options: Partial<ProcessSessionOptions> = {},
  ): Promise<ProcessSession> {
    const session = new ProcessSession(spec, { ...DEFAULT_SESSION_OPTIONS, ...options });
    await session.#connect();
    return session;
  }

  /** The implementation's hello reply. */
  get hello(): HelloReply | undefined {
    return this.#hello;
  }

  async #connect(): Promise<Connection> {
    const connection = new Connection(this.#spec);
    this.#connection = connection;
    try {
      connection.send({ op: 'hello', protocol: PROTOCOL_VERSION });
      const reply = await connection.receive(this.#options.startTimeoutMs);
      const problem = helloProblem(reply);
      if (problem) throw new Broken(problem);
      this.#hello = reply as HelloReply;
      return connection;
    } catch (error) {
      connection.kill();
      this.#connection = undefined;
      const stderr = connection.stderr.toString().trim();
      throw new Error(
        `${this.#spec.command} failed to start: ${(error as Error).message}${stderr ? `\n${stderr}` : ''}`,
      );
    }
  }

  async #exchange(request: Record<string, unknown> & { id: string }): Promise<Reply | Broken> {
    if (this.#fatal) return new Broken(this.#fatal);
    let connection = this.#connection;
    if (!connection) {
      try {
        connection = await this.#connect();
      } catch (error) {
        this.#fatal = `could not be restarted: ${(error as Error).message}`;
        return new Broken(this.#fatal);
      }
    }
    try {
      connection.send(request);
      const reply = await connection.receive(this.#options.caseTimeoutMs);
      const problem = replyProblem(reply, request.id);
      if (problem) throw new Broken(problem);
      return reply as Reply;
    } catch (error) {
      // Whatever went wrong, this process can no longer be trusted to stay in step.
      connection.kill();
      this.#connection = undefined;
      this.#restarts += 1;
      if (this.#restarts > this.#options.maxRestarts) {
        this.#fatal = `gave up after ${this.#options.maxRestarts} restarts`;
      }
      const broken = error instanceof Broken ? error : new Broken(String(error));
      (broken as Broken & { stderrTail?: string }).stderrTail = connection.stderr.toString();
      return broken;
    }
  }

  /** Asks the implementation to sign one case. Never throws. */
  async sign(input: CaseInput): Promise<SignAnswer> {
    const reply = await this.#exchange({ op: 'sign', id: input.id, ...this.#payload(input) });
    if (reply instanceof Broken) return brokenAnswer(reply);
    if ('signature' in reply) return { kind: 'signature', signature: reply.signature };
    if ('error' in reply) return { kind: 'refused', message: reply.error };
    if ('unrepresentable' in reply)
      return { kind: 'unrepresentable', reason: reply.unrepresentable };
    return { kind: 'broken', message: 'answered a sign request with a verdict', stderrTail: '' };
  }

  /** Asks the implementation to verify a presented signature. Never throws. */
  async verify(input: CaseInput, presented: string): Promise<VerifyAnswer> {
    const reply = await this.#exchange({
      op: 'verify',
      id: input.id,
      ...this.#payload(input),
      signature: presented,
    });
    if (reply instanceof Broken) return brokenAnswer(reply);
    if ('valid' in reply) return { kind: 'verdict', valid: reply.valid };
    if ('error' in reply) return { kind: 'refused', message: reply.error };
    if ('unrepresentable' in reply)
      return { kind: 'unrepresentable', reason: reply.unrepresentable };
    return {
      kind: 'broken',
      message: 'answered a verify request with a signature',
      stderrTail: '',
    };
  }

  #files: FileTransport | undefined;

  #payload(input: CaseInput): Record<string, string> {
    if (!this.#options.fileTransport) {
      return { body: toBase64(input.body), secret: toBase64(input.secret) };
    }
    this.#files ??= new FileTransport();
    return this.#files.write(input);
  }

  /** Says bye, waits briefly, then kills. Never throws. */
  async close(): Promise<void> {
    await this.#connection?.close();
    this.#connection = undefined;
    this.#files?.remove();
  }
}

/**
 * Body and secret as files in a private temporary directory. Cases of one session are
 * sequential, so one body file is rewritten per case; a secret gets a new file only when it
 * changes, so a worker can cache what it read by path.
 */
class FileTransport {
  readonly #dir = mkdtempSync(join(tmpdir(), 'pnm-case-'));
  #secret: Uint8Array | undefined;
  #secretPath = '';
  #secrets = 0;

  write(input: CaseInput): Record<string, string> {
    const bodyFile = join(this.#dir, 'body');
    writeFileSync(bodyFile, input.body);
    const same =
      this.#secret !== undefined &&
      this.#secret.length === input.secret.length &&
      this.#secret.every((byte, i) => byte === input.secret[i]);
    if (!same) {
      this.#secrets += 1;
      this.#secretPath = join(this.#dir, `secret-${this.#secrets}`);
      writeFileSync(this.#secretPath, input.secret);
      this.#secret = input.secret.slice();
    }
    return { bodyFile, secretFile: this.#secretPath };
  }

  remove(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

function brokenAnswer(error: Broken): { kind: 'broken'; message: string; stderrTail: string } {
  return {
    kind: 'broken',
    message: error.message,
    stderrTail: (error as Broken & { stderrTail?: string }).stderrTail ?? '',
  };
}
