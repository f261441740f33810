/**
 * Sessions over a snippet worker: one long-lived process (`worker`), a fresh process per case
 * (`per-case`), or a fixed answer when the snippet cannot run at all (it does not compile).
 *
 * @module
 */
import type { CaseInput, ExecutionMode, Session, SignAnswer, SigningSession } from '../model.js';
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
 * A snippet's process session (a long-lived worker, or a fresh process per case) behind the
 * snippet's precheck and ids. The worker sees ids `c1`, `c2`, … only: the runner's ids may
 * hold any text, and the shell and Java workers read requests with plain string matching.
 */
class SnippetSession implements Session {
  readonly #process: SigningSession;
  readonly #precheck: Precheck | undefined;
  #next = 0;

  constructor(process: SigningSession, precheck: Precheck | undefined) {
    this.#process = process;
    this.#precheck = precheck;
  }

  async sign(input: CaseInput): Promise<SignAnswer> {
    const reason = this.#precheck?.(input);
    if (reason !== undefined) return { kind: 'unrepresentable', reason };
    this.#next += 1;
    return this.#process.sign({ ...input, id: `c${this.#next}` });
  }

  close(): Promise<void> {
    return this.#process.close();
  }
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
): Promise<SigningSession> {
  if (mode === 'per-case') {
    return new SnippetSession(perCaseSession(launch.spec, launch.options), launch.precheck);
  }
  try {
    const worker = await ProcessSession.start(launch.spec, launch.options);
    return new SnippetSession(worker, launch.precheck);
  } catch (error) {
    return new FixedBrokenSession(`failed to start: ${(error as Error).message}`);
  }
}
