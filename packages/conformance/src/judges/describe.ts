/**
 * How a judge words what an implementation said, and a crash: shared by the sign, verify
 * and wire judges so that every level shows an answer the same way.
 *
 * @module
 */
import type { SignAnswer, VerifyAnswer } from '../model.js';
import type { Judgement } from './judgement.js';

/**
 * `answer` in the words a report shows.
 *
 * @throws Never.
 * @example
 * ```ts
 * describeAnswer({ kind: 'refused', message: 'empty secret' }); // 'refused: empty secret'
 * ```
 */
export function describeAnswer(answer: SignAnswer | VerifyAnswer): string {
  switch (answer.kind) {
    case 'signature':
      return answer.signature;
    case 'verdict':
      return answer.valid ? 'valid' : 'invalid';
    case 'refused':
      return `refused: ${answer.message}`;
    case 'unrepresentable':
      return `unrepresentable: ${answer.reason}`;
    case 'broken':
      return `broken: ${answer.message}`;
  }
}

/**
 * The judgement of an implementation that crashed, hung or broke the protocol.
 *
 * @throws Never.
 * @example
 * ```ts
 * brokenJudgement({ message: 'exit 1', stderrTail: '' }, 'refuse').cause; // 'broken'
 * ```
 */
export function brokenJudgement(
  answer: { message: string; stderrTail: string },
  expected: string,
): Judgement {
  const stderr = answer.stderrTail.trim();
  return {
    outcome: 'error',
    expected,
    actual: `broken: ${answer.message}`,
    detail: stderr ? `${answer.message}\nstderr: ${stderr.slice(-600)}` : answer.message,
    cause: 'broken',
    explanation: answer.message,
  };
}
