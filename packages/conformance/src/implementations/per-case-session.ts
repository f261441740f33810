/**
 * Per-case mode: a fresh process for every case (signing, verifying, a call or a webhook),
 * paying start-up each time.
 * Used to measure what the long-lived worker saves, and for implementations that only
 * make sense that way.
 *
 * @module
 */
import type { SigningSession } from '../model.js';
import { type LaunchSpec, ProcessSession, type ProcessSessionOptions } from './process-session.js';

/**
 * A session whose every call starts, uses and ends its own process. Once a start fails,
 * the remaining cases report that failure without starting again: a process that hangs
 * before hello would otherwise cost the hello timeout once per case.
 *
 * @example
 * ```ts
 * const session = perCaseSession({ command: 'python3', args: ['x.py'], env: {} });
 * const answer = await session.sign({ id: 'a', body, secret });
 * ```
 */
export function perCaseSession(
  spec: LaunchSpec,
  options: Partial<ProcessSessionOptions> = {},
): SigningSession {
  let startFailure: string | undefined;
  async function once<T>(
    call: (session: ProcessSession) => Promise<T>,
    broken: (message: string) => T,
  ): Promise<T> {
    if (startFailure !== undefined) return broken(startFailure);
    let session: ProcessSession;
    try {
      session = await ProcessSession.start(spec, { ...options, maxRestarts: 0 });
    } catch (error) {
      startFailure = (error as Error).message;
      return broken(startFailure);
    }
    try {
      return await call(session);
    } finally {
      await session.close();
    }
  }
  return {
    sign: (input) =>
      once(
        (s) => s.sign(input),
        (message) => ({ kind: 'broken', message, stderrTail: '' }),
      ),
    verify: (input, presented) =>
      once(
        (s) => s.verify(input, presented),
        (message) => ({ kind: 'broken', message, stderrTail: '' }),
      ),
    // Calls and webhooks too, each in its own process: a mode that cannot run a case must
    // not drop it (the runner asks for them only when hello declared them).
    call: (input) =>
      once(
        (s) => s.call(input),
        (message) => ({ kind: 'broken', message, stderrTail: '' }),
      ),
    webhook: (input) =>
      once(
        (s) => s.webhook(input),
        (message) => ({ kind: 'broken', message, stderrTail: '' }),
      ),
    async close() {},
  };
}
