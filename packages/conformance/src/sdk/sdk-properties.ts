/**
 * Protocol v2 in the property search: fast-check makes request objects (any Unicode,
 * JSON escapes, U+2028, control characters, the largest integers a field takes, nested
 * messages) and webhook events, each judged exactly like the fixed cases; a failure is
 * shrunk to a minimal one and shown ready to paste.
 *
 * @module
 */
import { AUTH_ROUTES, parseRequestBody, type TestServer } from '@plugnmeet-signing/test-server';
import fc from 'fast-check';
import { judgeCall } from '../judges/call.js';
import { atLevel, type LevelJudgement } from '../judges/judgement.js';
import { judgeWebhook } from '../judges/webhook.js';
import type { Session } from '../model.js';
import { CALL_SCENARIOS, CALL_TIMEOUT_MS } from './call-scenarios.js';
import { catchDeliveries } from './webhook-cases.js';
import { SEARCHED_SKEW_SECONDS, sentByClock } from './webhook-clock-skew.js';

/** Text a JSON layer can get wrong: escapes, separators, controls, astral characters. */
const hazard = fc.constantFrom(
  '\\',
  '"',
  '/',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u001f',
  '\t',
  '\r\n',
  'é',
  '🎉',
  '</script>',
  '\ufeff',
);
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 6 }), hazard), { maxLength: 6 })
  .map((parts) => parts.join(''));
const roomId = fc.stringMatching(/^[a-zA-Z0-9_-]{1,24}$/);
const uint32 = fc.oneof(fc.constant(4294967295), fc.nat());

/** Generated requests, per route, as `[endpoint, request]`. */
const requests = fc.oneof(
  fc.tuple(
    fc.constant('room/create'),
    fc.record({
      room_id: roomId,
      max_participants: uint32,
      empty_timeout: uint32,
      metadata: fc.record({
        room_title: text.filter((t) => t.length > 0),
        welcome_message: text,
        room_features: fc.record({ allow_webcams: fc.boolean(), mute_on_start: fc.boolean() }),
      }),
    }),
  ),
  fc.tuple(
    fc.constant('recording/updateMetadata'),
    fc.record({
      record_id: fc.constant('RM_seed01-1755684001'),
      metadata: fc.record({
        title: text,
        description: text,
        extra_data: fc.dictionary(text, text, { maxKeys: 3 }),
      }),
    }),
  ),
  fc.tuple(
    fc.constant('room/fetchPastRooms'),
    fc.record({
      room_ids: fc.array(roomId, { maxLength: 3 }),
      from: uint32,
      limit: fc.integer({ min: 1, max: 100 }),
      order_by: fc.constantFrom('ASC', 'DESC'),
    }),
  ),
);

/** A generated event with text and int64 values where the server puts them. */
const events = fc.record({
  event: fc.constantFrom('room_started', 'room_finished', 'participant_joined', 'session_ended'),
  room: fc.record({
    sid: fc.constant('RM_pnm01'),
    room_id: roomId,
    creation_time: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
    metadata: text,
  }),
  id: fc.uuid(),
  created_at: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
});

/**
 * A generated event and how far its sender's clock is off, in seconds: never beyond the
 * upstream verifier's leeway, so every one of them is genuine (shrinks toward no skew).
 */
const skewedEvents = fc.tuple(
  events,
  fc.integer({ min: -SEARCHED_SKEW_SECONDS, max: SEARCHED_SKEW_SECONDS }),
);

const ANSWER = CALL_SCENARIOS.find((s) => s.id === 'answer') as (typeof CALL_SCENARIOS)[number];

export interface SdkPropertyResult {
  id: 'call-property' | 'webhook-property';
  runs: number;
  /** Every level's judgement of the minimal failing case (a pass when none failed). */
  judgements: LevelJudgement[];
}

const failing = (j: LevelJudgement) => j.outcome === 'fail' || j.outcome === 'error';

function summary(
  id: SdkPropertyResult['id'],
  runs: number,
  failure: unknown,
  details: readonly LevelJudgement[] | undefined,
): SdkPropertyResult {
  const level = id === 'call-property' ? 'request' : 'webhook';
  if (!details || failure === undefined) {
    const detail = `${runs} generated cases`;
    return {
      id,
      runs,
      judgements: [atLevel(level, { outcome: 'pass', expected: '', actual: '', detail })],
    };
  }
  // The shrunk counterexample, as JSON to paste into a bug report or a fixed case.
  const minimal = `; minimal: ${JSON.stringify(failure)}`;
  return {
    id,
    runs,
    judgements: details.filter(failing).map((j) => ({ ...j, detail: `${j.detail}${minimal}` })),
  };
}

/**
 * Runs `runs` generated calls and webhook events (as the capabilities allow) against
 * `server`, judged like the fixed cases, shrinking the first failure.
 *
 * @throws Never for anything the SDK does.
 * @example
 * ```ts
 * const [calls, webhooks] = await searchSdk(session, server, { calls: true, webhooks: true, runs: 100, seed: 1 });
 * ```
 */
export async function searchSdk(
  session: Session,
  server: TestServer,
  options: { calls: boolean; webhooks: boolean; runs: number; seed: number; signal?: AbortSignal },
): Promise<SdkPropertyResult[]> {
  const results: SdkPropertyResult[] = [];
  let n = 0;
  const judgeRequest = async ([endpoint, request]: [string, Record<string, unknown>]) => {
    const route = AUTH_ROUTES.find((r) => r.path === `/auth/${endpoint}`);
    if (!route?.request || !session.call) return undefined;
    server.clear();
    const input = {
      id: `call-property-${n++}`,
      server: { url: server.url, apiKey: server.apiKey, secret: server.secret },
      endpoint,
      request,
      timeoutMs: CALL_TIMEOUT_MS,
    };
    const answer = await session.call(input);
    const requests = [...server.requests];
    return judgeCall({ input, route, scenario: ANSWER, requests, answer, secret: server.secret });
  };
  const judgeEvent = async ([event, skew]: [Record<string, unknown>, number]) => {
    const [caught] = await catchDeliveries(server, [{ id: 'generated', event }]);
    if (!caught || !session.webhook) return undefined;
    const senderNow = Date.now() / 1000 + skew;
    const delivery =
      skew === 0
        ? caught.delivery
        : sentByClock(caught.delivery, { secret: server.secret, senderNow });
    const id = `webhook-property-${n++}`;
    const description =
      skew === 0
        ? 'a generated event'
        : `a generated event from a sender ${Math.abs(skew)} s ${skew > 0 ? 'ahead' : 'behind'} (within the upstream leeway)`;
    const testCase = { id, description, delivery, valid: true };
    const answer = await session.webhook({
      id,
      apiKey: server.apiKey,
      secret: server.secret,
      ...delivery,
    });
    return [atLevel('webhook', judgeWebhook(testCase, answer))];
  };
  if (options.calls && session.call) {
    results.push(
      await search('call-property', requests, judgeRequest, options, ([endpoint, request]) => {
        // Only requests the server accepts: whether the SDK sends what it was given is the
        // question, not whether a generated title may be empty.
        const route = AUTH_ROUTES.find((r) => r.path === `/auth/${endpoint}`);
        return (
          route?.request !== undefined &&
          parseRequestBody(route.request, JSON.stringify(request)).verdict.verdict === 'ok'
        );
      }),
    );
  }
  if (options.webhooks && session.webhook) {
    results.push(await search('webhook-property', skewedEvents, judgeEvent, options));
  }
  return results;
}

const failed = (judgements: readonly LevelJudgement[] | undefined) =>
  judgements?.some(failing) === true;

/**
 * One fast-check search over `arbitrary`, judged by `judge`; fast-check shrinks a failure,
 * and the shrunk case is judged once more so that the verdict shown is its own.
 */
async function search<T>(
  id: SdkPropertyResult['id'],
  arbitrary: fc.Arbitrary<T>,
  judge: (value: T) => Promise<LevelJudgement[] | undefined>,
  options: { runs: number; seed: number; signal?: AbortSignal },
  accept: (value: T) => boolean = () => true,
): Promise<SdkPropertyResult> {
  let lastFailure: { value: T; judgements: LevelJudgement[] } | undefined;
  const outcome = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      if (options.signal?.aborted) return true;
      fc.pre(accept(value));
      const judgements = await judge(value);
      if (judgements && failed(judgements)) lastFailure = { value, judgements };
      return !failed(judgements);
    }),
    { numRuns: options.runs, seed: options.seed },
  );
  const shrunk = outcome.failed ? outcome.counterexample?.[0] : undefined;
  if (shrunk === undefined || !lastFailure)
    return summary(id, outcome.numRuns, undefined, undefined);
  const again = await judge(shrunk);
  if (again && failed(again)) return summary(id, outcome.numRuns, shrunk, again);
  // The shrunk case passed when judged again (the emulator's spacing is drawn per answer):
  // show the last case that failed, and say that it did not fail every time.
  const { value, judgements } = lastFailure;
  return summary(
    id,
    outcome.numRuns,
    value,
    judgements.map((j) => ({ ...j, detail: `${j.detail} (not every time)` })),
  );
}
