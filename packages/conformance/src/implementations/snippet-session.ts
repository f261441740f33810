/**
 * Sessions over a snippet worker: one long-lived process (`worker`), a fresh process per case
 * (`per-case`), or a fixed answer when the snippet cannot run at all (it does not compile).
 *
 * @module
 */
import type { CaseInput, ExecutionMode, Session, SignAnswer } from '../model.js';
import { perCaseSession } from './per-case-session.js';
import { type LaunchSpec, ProcessSession, type ProcessSessionOptions } from './process-session.js';

/** Why an input cannot reach the snippet at all, decided before it is sent; else undefined. */
export type Precheck = (input: CaseInput) => string | undefined;

export interface SnippetLaunch {
  spec: LaunchSpec;
  precheck?: Precheck;
  options?: Partial<ProcessSessionOptions>;
}

/**
 * The worker sees ids `c1`, `c2`, … only: the runner's ids may hold any text, and the shell and
 * Java workers read requests with plain string matching.
 */
class IdMapping {
  #next = 0;
  map(input: CaseInput): CaseInput {
    this.#next += 1;
    return { ...input, id: `c${this.#next}` };
  }
}

class WorkerSession implements Session {
  readonly #process: ProcessSession;
  readonly #launch: SnippetLaunch;
  readonly #ids = new IdMapping();

  constructor(process: ProcessSession, launch: SnippetLaunch) {
    this.#process = process;
    this.#launch = launch;
  }

  async sign(input: CaseInput): Promise<SignAnswer> {
    const reason = this.#launch.precheck?.(input);
    if (reason !== undefined) return { kind: 'unrepresentable', reason };
    return this.#process.sign(this.#ids.map(input));
  }

  close(): Promise<void> {
    return this.#process.close();
  }
}

/** A fresh process per case ({@link perCaseSession}), behind the snippet's precheck and ids. */
class PerCaseSession implements Session {
  readonly #launch: SnippetLaunch;
  readonly #process: Session;
  readonly #ids = new IdMapping();

  constructor(launch: SnippetLaunch) {
    this.#launch = launch;
    this.#process = perCaseSession(launch.spec, launch.options);
  }

  async sign(input: CaseInput): Promise<SignAnswer> {
    const reason = this.#launch.precheck?.(input);
    if (reason !== undefined) return { kind: 'unrepresentable', reason };
    return this.#process.sign(this.#ids.map(input));
  }

  async close(): Promise<void> {}
}

/** Answers every case `broken` with the same message: the snippet cannot run here. */
export class FixedBrokenSession implements Session {
  readonly #message: string;
  readonly #stderrTail: string;

  constructor(message: string, stderrTail = '') {
    this.#message = message;
    this.#stderrTail = stderrTail;
  }

  async sign(input: CaseInput): Promise<SignAnswer> {
    void input;
    return { kind: 'broken', message: this.#message, stderrTail: this.#stderrTail };
  }

  async close(): Promise<void> {}
}

/**
 * Opens a session in `mode`. A worker that fails to start (for example the runtime rejects the
 * snippet's import) becomes a session that answers every case `broken` with the start-up error,
 * so the matrix shows it as a finding rather than losing the column.
 */
export async function openSnippetSession(
  launch: SnippetLaunch,
  mode: ExecutionMode,
): Promise<Session> {
  if (mode === 'per-case') return new PerCaseSession(launch);
  try {
    return new WorkerSession(await ProcessSession.start(launch.spec, launch.options), launch);
  } catch (error) {
    return new FixedBrokenSession(`failed to start: ${(error as Error).message}`);
  }
}
