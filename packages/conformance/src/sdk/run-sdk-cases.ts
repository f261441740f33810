/**
 * Protocol v2's levels for one column: every route × scenario as a real call of the SDK
 * against an emulator started for the column, and every webhook case through its verifier.
 * Each case becomes a cell of the matrix like a vector does, in the groups `calls` and
 * `webhooks`.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { AUTH_ROUTES, startTestServer } from '@plugnmeet-signing/test-server';
import { judgeCall } from '../judges/call.js';
import { atLevel, type LevelJudgement } from '../judges/judgement.js';
import { judgeWebhook } from '../judges/webhook.js';
import type { Capability, SdkCaseRef, Session } from '../model.js';
import { CALL_SCENARIOS, runsOn, timeoutFor } from './call-scenarios.js';
import { SAMPLE_REQUESTS } from './sample-requests.js';
import { searchSdk } from './sdk-properties.js';
import { webhookCases } from './webhook-cases.js';
import { clockSkewCases } from './webhook-clock-skew.js';
import { signJwt, webhookForgeries } from './webhook-forgeries.js';

/** One judged protocol v2 case, shaped like a vector's cell. */
export interface SdkCaseResult {
  /** The case: its id for expectations files, and what it is made of, as values. */
  case: SdkCaseRef;
  group: 'calls' | 'webhooks';
  tags: string[];
  /** Every level's judgement of the case (a call: its request, then its answer). */
  judgements: LevelJudgement[];
  /** The secret the SDK was handed for the case, which its finding shows. */
  secret: string;
}

/**
 * The case id of `endpoint` in `scenario` (`call-room-isRoomActive-hang-up`), the name an
 * expectations file uses; a report also keeps the endpoint and the scenario as values.
 */
const callId = (endpoint: string, scenario: string) =>
  `call-${endpoint.replace('/', '-')}-${scenario}`;

/**
 * The ids of every protocol v2 case, for expectations files (which may name them like
 * vector ids). Computed from the same tables and functions the run uses.
 *
 * @throws Never.
 * @example
 * ```ts
 * sdkCaseIds().includes('call-room-isRoomActive-hang-up'); // true
 * ```
 */
export function sdkCaseIds(): string[] {
  return sdkCases().map((ref) => ref.id);
}

/**
 * Every protocol v2 case, as the values it is made of: a call's endpoint and scenario, a
 * webhook case's id, the two property searches.
 *
 * @throws Never.
 * @example
 * ```ts
 * sdkCases().find((c) => c.source === 'call')?.scenario; // 'answer'
 * ```
 */
export function sdkCases(): SdkCaseRef[] {
  const calls = SAMPLE_REQUESTS.flatMap((s) =>
    CALL_SCENARIOS.filter((c) => runsOn(c, s.endpoint)).map(
      (c): SdkCaseRef => ({
        source: 'call',
        id: callId(s.endpoint, c.id),
        endpoint: s.endpoint,
        scenario: c.id,
      }),
    ),
  );
  const events = ['room-started', 'participant-joined', 'session-ended'];
  const genuine = events.flatMap((e) => [
    `webhook-${e}`,
    `webhook-${e}-authorization-only`,
    `webhook-${e}-hash-token-only`,
  ]);
  const dummy = {
    body: new TextEncoder().encode('{"event":"x"}'),
    headers: { Authorization: signJwt({ alg: 'HS256' }, {}, 'k') },
  };
  const forged = webhookForgeries(dummy, { apiKey: 'k', secret: 's', now: 0 }).map((f) => f.id);
  const skewed = clockSkewCases(dummy, { secret: 's', now: 0 }).map((c) => c.id);
  const blanked = `webhook-${events[0]}-empty-authorization`;
  const webhooks = [...genuine, blanked, ...skewed, ...forged].map(
    (id): SdkCaseRef => ({ source: 'webhook', id }),
  );
  return [
    ...calls,
    ...webhooks,
    { source: 'property', id: 'call-property' },
    { source: 'property', id: 'webhook-property' },
  ];
}

/**
 * An error cell for every case of a capability the implementation declares but `session`
 * cannot run (a mode without calls or webhooks): such cases are shown as not judged, never
 * dropped, so that a run cannot say OK over cases it never ran.
 */
function notRunnable(session: Session, capabilities: readonly Capability[]): SdkCaseResult[] {
  const cannot = (['call', 'webhook'] as const).filter(
    (capability) => capabilities.includes(capability) && !session[capability],
  );
  return sdkCases().flatMap((ref): SdkCaseResult[] => {
    if (ref.source === 'property') return [];
    const capability = ref.source;
    if (!cannot.includes(capability)) return [];
    const detail = `this session cannot run ${capability} cases, which the implementation declares: not judged`;
    return [
      {
        case: ref,
        group: capability === 'call' ? 'calls' : 'webhooks',
        tags: [capability, 'not-judged'],
        judgements: [
          atLevel(capability === 'call' ? 'request' : 'webhook', {
            outcome: 'error',
            expected: 'a judged case',
            actual: 'not run',
            detail,
            cause: 'broken',
          }),
        ],
        secret: '',
      },
    ];
  });
}

/**
 * Runs the call and webhook cases `capabilities` allow on `session`, one after another
 * against a fresh emulator with random credentials, until `signal` aborts.
 *
 * @throws Never for anything the SDK does; an emulator that cannot start throws.
 * @example
 * ```ts
 * for (const r of await runSdkCases(session, ['call', 'webhook'], { seed: 1 })) console.log(r.id);
 * ```
 */
export async function runSdkCases(
  session: Session,
  capabilities: readonly Capability[],
  options: { seed: number; signal?: AbortSignal; propertyRuns?: number; minTimeoutMs?: number },
): Promise<SdkCaseResult[]> {
  const { seed, signal, propertyRuns = 0, minTimeoutMs } = options;
  const apiKey = `pnm-${randomBytes(4).toString('hex')}`;
  // 32 characters: php-jwt 7 (the PHP SDK's webhook verification) refuses HMAC keys shorter
  // than 32 bytes, as the server's go-jose does, so a shorter secret fails every delivery.
  const secret = randomBytes(24).toString('base64url');
  // Go's random space after commas in every answer and delivery, as the real server writes
  // them, drawn from the run's seed so that a run can be repeated exactly.
  // Requests the real server would refuse are served anyway (and marked so): a call's answer
  // handling is judged whatever its request, so a wrong signature hides no broken parser.
  const server = await startTestServer({
    apiKey,
    secret,
    commaSpace: 'random',
    seed,
    serveRefused: true,
  });
  const results: SdkCaseResult[] = notRunnable(session, capabilities);
  try {
    if (capabilities.includes('call') && session.call) {
      for (const sample of SAMPLE_REQUESTS) {
        const route = AUTH_ROUTES.find((r) => r.path === `/auth/${sample.endpoint}`);
        if (!route) continue;
        for (const scenario of CALL_SCENARIOS) {
          if (!runsOn(scenario, sample.endpoint)) continue;
          if (signal?.aborted) return results;
          server.clear();
          const timeoutMs = timeoutFor(scenario, minTimeoutMs);
          if (scenario.script) server.enqueue(sample.endpoint, scenario.script(route, timeoutMs));
          const given = scenario.wrongSecret ? `${secret}-wrong` : secret;
          const input = {
            id: callId(sample.endpoint, scenario.id),
            server: { url: server.url, apiKey, secret: given },
            endpoint: sample.endpoint,
            request: sample.request,
            timeoutMs,
          };
          const answer = await session.call(input);
          const judgements = judgeCall({
            input,
            route,
            scenario,
            requests: [...server.requests],
            answer,
            secret: given,
          });
          results.push({
            case: {
              source: 'call',
              id: input.id,
              endpoint: sample.endpoint,
              scenario: scenario.id,
            },
            group: 'calls',
            tags: ['call', scenario.id],
            judgements,
            secret: given,
          });
        }
      }
    }
    if (capabilities.includes('webhook') && session.webhook) {
      for (const testCase of await webhookCases(server)) {
        if (signal?.aborted) return results;
        const answer = await session.webhook({
          id: testCase.id,
          apiKey,
          secret,
          body: testCase.delivery.body,
          headers: testCase.delivery.headers,
        });
        const tags = ['webhook', testCase.valid ? 'webhook-genuine' : 'webhook-forged'];
        results.push({
          case: { source: 'webhook', id: testCase.id },
          group: 'webhooks',
          tags,
          judgements: [atLevel('webhook', judgeWebhook(testCase, answer))],
          secret,
        });
      }
    }
    if (propertyRuns > 0 && !signal?.aborted) {
      const searched = await searchSdk(session, server, {
        calls: capabilities.includes('call'),
        webhooks: capabilities.includes('webhook'),
        runs: propertyRuns,
        seed,
        ...(signal ? { signal } : {}),
      });
      for (const { id, judgements } of searched) {
        const group = id === 'call-property' ? 'calls' : 'webhooks';
        results.push({
          case: { source: 'property', id },
          group,
          tags: [group === 'calls' ? 'call' : 'webhook', 'property'],
          judgements,
          secret,
        });
      }
    }
    // Calls, then webhooks (property cells in their group), as a merge of shards orders them.
    return [
      ...results.filter((r) => r.group === 'calls'),
      ...results.filter((r) => r.group === 'webhooks'),
    ];
  } finally {
    await server.close();
  }
}
