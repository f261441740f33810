/**
 * One run of one vector case on a session: the seam between a subject and the judges.
 *
 * @module
 */
import type { CaseInput, Session, VectorTrace } from '../model.js';

/**
 * Runs `input` once on `session` and returns its trace: every level of a subject that
 * sends the request (`send`), else the signature it computed.
 *
 * @throws Never for anything the subject does (sessions turn failures into answers).
 * @example
 * ```ts
 * const { signed, sent } = await runCase(session, { id: 'v1', body, secret });
 * ```
 */
export async function runCase(session: Session, input: CaseInput): Promise<VectorTrace> {
  if (session.send) return session.send(input);
  return session.sign ? { signed: await session.sign(input) } : {};
}
