/**
 * Per-case mode: a fresh protocol v1 process for every case, paying start-up each time.
 * Used to measure what the long-lived worker saves, and for implementations that only
 * make sense that way.
 *
 * @module
 */
import type { Session } from '../model.js';
import { type LaunchSpec, ProcessSession, type ProcessSessionOptions } from './process-session.js';

/** A session whose every call starts, uses and ends its own process. */
export function perCaseSession(
  spec: LaunchSpec,
  options: Partial<ProcessSessionOptions> = {},
): Session {
  async function once<T>(
    call: (session: ProcessSession) => Promise<T>,
    broken: (message: string) => T,
  ): Promise<T> {
    let session: ProcessSession;
    try {
      session = await ProcessSession.start(spec, { ...options, maxRestarts: 0 });
    } catch (error) {
      return broken((error as Error).message);
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
    async close() {},
  };
}
