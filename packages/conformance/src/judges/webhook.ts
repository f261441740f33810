/**
 * The verdict on one webhook delivery: a genuine one must be accepted with its event
 * intact (every value of the body, int64s exact), a forged one refused.
 *
 * @module
 */
import { messageSchema } from '@plugnmeet-signing/test-server';
import type { WebhookCase } from '../cases.js';
import type { WebhookAnswer } from '../model.js';
import { parseExactJson } from '../values/exact-json.js';
import type { Judgement } from './judgement.js';
import { lostValues } from './lost-values.js';
import { verdictFor } from './verdict.js';

/**
 * Judges the SDK's answer to one webhook case.
 *
 * @throws Never.
 * @example
 * ```ts
 * judgeWebhook(forged, { kind: 'verdict', valid: true, event: null }).cause; // 'accepted-forgery'
 * ```
 */
export function judgeWebhook(testCase: WebhookCase, answer: WebhookAnswer): Judgement {
  const expected = testCase.valid ? 'valid' : 'invalid';
  const actual =
    answer.kind === 'verdict'
      ? answer.valid
        ? 'valid'
        : `invalid: ${answer.reason}`
      : answer.kind === 'refused'
        ? `error: ${answer.message}`
        : `broken: ${answer.message}`;
  const made = verdictFor(expected, actual);
  const verdict: typeof made = (...args) => ({ ...made(...args), sent: testCase.delivery.body });
  if (answer.kind === 'broken') return verdict('error', 'broken', answer.message);
  if (answer.kind === 'refused') {
    return verdict(
      'fail',
      'webhook-error',
      `${testCase.description}: an error instead of a verdict`,
    );
  }
  if (!testCase.valid) {
    return answer.valid
      ? verdict('fail', 'accepted-forgery', `accepted a forged delivery: ${testCase.description}`)
      : verdict('pass', undefined, testCase.description);
  }
  if (!answer.valid)
    return verdict(
      'fail',
      'rejected-genuine',
      `refused a genuine delivery (${testCase.description}): ${answer.reason}`,
    );
  const sent = parseExactJson(new TextDecoder().decode(testCase.delivery.body));
  // The body is a CommonNotifyEvent, as the emulator's notifier (webhooks/deliver.ts) makes it.
  const lost = lostValues(sent, answer.event, messageSchema('plugnmeet.CommonNotifyEvent'));
  if (lost.length > 0) return verdict('fail', 'lost-values', lost.slice(0, 5).join('; '));
  return verdict('pass', undefined, testCase.description);
}
