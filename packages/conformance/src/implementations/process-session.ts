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
import type {
  CallAnswer,
  CallFailure,
  CallInput,
  CaseInput,
  SignAnswer,
  VerifyAnswer,
  WebhookAnswer,
  WebhookInput,
} from '../model.js';
import { sameBytes } from '../values/bytes.js';
import { type ExactJson, parseExactJson } from '../values/exact-json.js';
import { Broken, Connection, type LaunchSpec } from './connection.js';
import { isStopped } from './process-tracker.js';
import {
  failureProblem,
  type HelloReply,
  helloProblem,
  PROTOCOL_VERSION,
  type Reply,
  type RequestOp,
  replyProblem,
  toBase64,
} from './protocol.js';

export type { LaunchSpec } from './connection.js';

export interface ProcessSessionOptions {
  /** Per-case time limit in ms. */
  caseTimeoutMs: number;
  /** Time limit for start-up and hello in ms. */
  startTimeoutMs: number;
  /** Restarts allowed after a broken answer before every further case is broken too. */
  maxRestarts: number;
  /** Longest stdout line accepted, in bytes; a longer one is a protocol error. */
  maxReplyBytes: number;
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
  maxReplyBytes: 1024 * 1024,
  fileTransport: false,
};

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
    let connection: Connection;
    try {
      connection = new Connection(this.#spec, this.#options.maxReplyBytes);
    } catch (error) {
      throw new Error(`${this.#spec.command} failed to start: ${(error as Error).message}`);
    }
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

  /** Ids already answered, to tell a second answer to an old request from one out of order. */
  readonly #answered = new Set<string>();

  async #exchange(
    request: Record<string, unknown> & { id: string; op: RequestOp },
  ): Promise<Reply | Broken> {
    if (isStopped()) return new Broken('interrupted: the run was stopped');
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
      const problem = replyProblem(reply, request.id, this.#answered, request.op);
      if (problem) throw new Broken(problem);
      this.#answered.add(request.id);
      if (request.op === 'call' && 'result' in (reply as object)) {
        // JSON.parse has rounded any int64 above 2^53: read the result again, digit for digit.
        const exact = parseExactJson(connection.lastLine) as { result: ExactJson };
        return { id: request.id, result: exact.result };
      }
      if (request.op === 'webhook' && 'event' in (reply as object)) {
        const exact = parseExactJson(connection.lastLine) as { event: ExactJson };
        return { ...(reply as object), id: request.id, event: exact.event } as Reply;
      }
      return reply as Reply;
    } catch (error) {
      // Whatever went wrong, this process can no longer be trusted to stay in step.
      connection.kill();
      this.#connection = undefined;
      this.#restarts += 1;
      const broken = error instanceof Broken ? error : new Broken(String(error));
      broken.stderrTail = connection.stderr.toString();
      if (this.#restarts > this.#options.maxRestarts) {
        // The cause travels with the verdict: the terminal and Markdown show only this line.
        this.#fatal = `gave up after ${this.#options.maxRestarts} restarts; the last cause: ${broken.message}`;
      }
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

  /** Protocol v2: asks the SDK to make one call against the emulator. Never throws. */
  async call(input: CallInput): Promise<CallAnswer> {
    const reply = await this.#exchange({ op: 'call', ...input });
    if (reply instanceof Broken) return brokenAnswer(reply);
    if ('result' in reply) return { kind: 'result', result: reply.result as ExactJson };
    if ('failure' in reply) {
      const problem = failureProblem(reply);
      if (problem) return { kind: 'broken', message: problem, stderrTail: '' };
      return { kind: 'failure', failure: reply.failure as unknown as CallFailure };
    }
    if ('error' in reply) return { kind: 'refused', message: reply.error };
    return { kind: 'broken', message: 'answered a call with something else', stderrTail: '' };
  }

  /** Protocol v2: asks the SDK's webhook handler about one delivery. Never throws. */
  async webhook(input: WebhookInput): Promise<WebhookAnswer> {
    const reply = await this.#exchange({
      op: 'webhook',
      id: input.id,
      apiKey: input.apiKey,
      secret: input.secret,
      body: toBase64(input.body),
      headers: input.headers,
    });
    if (reply instanceof Broken) return brokenAnswer(reply);
    if ('valid' in reply) {
      if (reply.valid)
        return { kind: 'verdict', valid: true, event: (reply.event ?? null) as ExactJson };
      return { kind: 'verdict', valid: false, reason: String(reply.reason ?? '') };
    }
    if ('error' in reply) return { kind: 'refused', message: reply.error };
    return { kind: 'broken', message: 'answered a webhook with something else', stderrTail: '' };
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
    const same = this.#secret !== undefined && sameBytes(this.#secret, input.secret);
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
  return { kind: 'broken', message: error.message, stderrTail: error.stderrTail };
}
