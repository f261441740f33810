/**
 * The verdict on one call: first what reached the emulator (the right request, signed over
 * the raw bytes received, parsed by the server's rules with nothing dropped, equal to what
 * the SDK was asked to send), then what the SDK made of the answer.
 *
 * @module
 */
import { verifySync } from '@plugnmeet-signing/signer/node';
import {
  type AuthRoute,
  parseRequestBody,
  type RecordedRequest,
} from '@plugnmeet-signing/test-server';
import type { CallAnswer, CallInput } from '../model.js';
import type { Judgement } from '../runner/judge.js';
import { type ExactJson, ExactNumber, parseExactJson } from '../values/exact-json.js';
import type { CallScenario } from './call-scenarios.js';
import { verdictFor } from './judge-verdict.js';
import { lostValues } from './lost-values.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Keys sorted at every level, so two messages compare by value, not by key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

function header(request: RecordedRequest, name: string): string | undefined {
  return request.headers[name];
}

/** Why `request` is not the one the SDK was asked to send, with the cause id; or undefined. */
function requestProblem(
  request: RecordedRequest,
  input: CallInput,
  route: AuthRoute,
  secret: string,
): { cause: string; detail: string } | undefined {
  const path = `/auth/${input.endpoint}`;
  if (request.method !== 'POST' || request.path !== path) {
    return {
      cause: 'wrong-request',
      detail: `sent ${request.method} ${request.path}, expected POST ${path}`,
    };
  }
  if (header(request, 'api-key') !== input.server.apiKey) {
    return {
      cause: 'wrong-request',
      detail: `API-KEY ${JSON.stringify(header(request, 'api-key'))}, expected ${JSON.stringify(input.server.apiKey)}`,
    };
  }
  if (request.auth?.mode === 'room-id') {
    return {
      cause: 'body-not-authenticated',
      detail: 'sent as multipart/form-data: the server signs the Room-Id header, not the body',
    };
  }
  const signature = header(request, 'hash-signature') ?? '';
  if (!verifySync(request.body, signature, secret)) {
    return {
      cause: 'signature-mismatch',
      detail: `HASH-SIGNATURE ${JSON.stringify(signature)} is not the HMAC of the ${request.body.length} bytes sent`,
    };
  }
  if (!route.request) return undefined;
  const verdict = request.protocol;
  if (verdict && verdict.dropped_fields.length > 0) {
    return {
      cause: 'dropped-fields',
      detail: `the server would drop ${verdict.dropped_fields.join(', ')}`,
    };
  }
  if (verdict && verdict.verdict !== 'ok') {
    return { cause: 'invalid-request', detail: `${verdict.verdict}: ${verdict.error ?? ''}` };
  }
  const sent = parseRequestBody(route.request, utf8.decode(request.body)).message;
  const asked = parseRequestBody(route.request, JSON.stringify(input.request)).message;
  if (canonical(sent) !== canonical(asked)) {
    return {
      cause: 'request-changed',
      detail: `the server reads ${canonical(sent)}, the SDK was asked for ${canonical(asked)}`,
    };
  }
  return undefined;
}

/** What the emulator's own (unscripted) answer was: a result, or the failure it means. */
/**
 * What the emulator's own (unscripted) answer was: a result, or the failure it means, and
 * whether that failure is a list call's "nothing found" (status:false with NOT_FOUND).
 */
function ownAnswer(request: RecordedRequest | undefined): {
  kind: 'result' | 'api' | 'auth' | 'http';
  notFound: boolean;
} {
  const status = request?.response.status ?? 0;
  if (status === 401) return { kind: 'auth', notFound: false };
  if (status !== 200) return { kind: 'http', notFound: false };
  try {
    const body = JSON.parse(utf8.decode(request?.response.body)) as Record<string, unknown>;
    if (body.status !== false) return { kind: 'result', notFound: false };
    return { kind: 'api', notFound: body.status_code === 'NOT_FOUND' };
  } catch {
    return { kind: 'http', notFound: false };
  }
}

/** Whether `value` holds at least one list and every list in it is empty. */
function onlyEmptyLists(value: ExactJson): boolean {
  const lists: ExactJson[][] = [];
  const walk = (v: ExactJson) => {
    if (Array.isArray(v)) lists.push(v);
    else if (v && typeof v === 'object' && !(v instanceof ExactNumber))
      Object.values(v).forEach(walk);
  };
  walk(value);
  return lists.length > 0 && lists.every((list) => list.length === 0);
}

function describe(answer: CallAnswer): string {
  switch (answer.kind) {
    case 'result':
      return 'result';
    case 'failure':
      return `failure ${answer.failure.kind}${answer.failure.httpStatus === null ? '' : ` ${answer.failure.httpStatus}`}`;
    case 'refused':
      return `error: ${answer.message}`;
    case 'broken':
      return `broken: ${answer.message}`;
  }
}

/**
 * Judges one call from the requests the emulator received while it ran and the SDK's answer.
 *
 * @param requests Every request the emulator recorded during this call, in order.
 * @param secret The secret the SDK was given (a wrong one in the `unauthorized` scenario).
 * @throws Never.
 * @example
 * ```ts
 * const judgement = judgeCall({ input, route, scenario, requests, answer, secret });
 * ```
 */
export function judgeCall(call: {
  input: CallInput;
  route: AuthRoute;
  scenario: CallScenario;
  requests: readonly RecordedRequest[];
  answer: CallAnswer;
  secret: string;
}): Judgement {
  const { input, route, scenario, requests, answer, secret } = call;
  const expected =
    scenario.expect === 'result'
      ? 'result'
      : `failure ${scenario.expect}${scenario.httpStatus ? ` ${scenario.httpStatus}` : ''}`;
  const actual = describe(answer);
  const made = verdictFor(expected, actual);
  // What the SDK sent goes with every verdict: a finding shows it as its minimal input.
  const first = requests[0];
  const verdict: typeof made = (...args) => ({
    ...made(...args),
    ...(first ? { sent: first.body } : {}),
  });
  if (answer.kind === 'broken') return verdict('error', 'broken', answer.message);
  if (answer.kind === 'failure' && answer.failure.kind === 'unsupported') {
    // A coverage gap: shown as such, never a pass.
    return verdict(
      'unrepresentable',
      undefined,
      `unsupported by the SDK: ${answer.failure.message}`,
    );
  }
  if (requests.length === 0) return verdict('fail', 'no-request', 'nothing reached the emulator');
  for (const request of requests) {
    const problem = requestProblem(request, input, route, secret);
    if (problem) return verdict('fail', problem.cause, problem.detail);
  }
  // Exactly one request must reach the server (PROTOCOL.md): a repeated POST may create,
  // end or kick twice on the real one, so a retry is a failure of the request, whatever the answer.
  if (requests.length > 1)
    return verdict('fail', 'repeated-request', repeatedDetail(scenario.id, requests));
  const own = scenario.script || scenario.wrongSecret ? undefined : ownAnswer(requests.at(-1));
  const expect = own?.kind ?? scenario.expect;
  if (expect !== 'result' && expect !== scenario.expect) {
    // The server says "nothing found" on a list call with status:false and NOT_FOUND; an SDK
    // may present that as the empty list it means, keeping no value it was not sent.
    if (answer.kind === 'result' && own?.notFound && onlyEmptyLists(answer.result)) {
      return verdict('pass', undefined, `NOT_FOUND presented as an empty list`);
    }
    // The emulator's own handler failed the call (a room not active, say): so must the SDK.
    return answer.kind === 'failure' && answer.failure.kind === expect
      ? verdict('pass', undefined, `the emulator answered ${expect}`)
      : verdict(
          'fail',
          'wrong-answer-kind',
          `the emulator answered ${expect}; the SDK said ${actual}`,
        );
  }
  if (scenario.expect === 'result') {
    if (answer.kind !== 'result')
      return verdict('fail', 'wrong-answer-kind', `the server answered; the SDK said ${actual}`);
    const last = requests.at(-1);
    const sentText = utf8.decode(last?.response.body ?? new Uint8Array());
    const lost = lostValues(parseExactJson(sentText), answer.result);
    if (lost.length > 0)
      return verdict(
        'fail',
        'lost-values',
        `${lost.slice(0, 5).join('; ')}${lost.length > 5 ? `; and ${lost.length - 5} more` : ''}`,
      );
    return verdict('pass', undefined, '');
  }
  if (answer.kind !== 'failure' || answer.failure.kind !== scenario.expect) {
    return verdict('fail', 'wrong-answer-kind', `${scenario.description}; the SDK said ${actual}`);
  }
  if (
    scenario.httpStatus !== undefined &&
    scenario.expect !== 'api' &&
    answer.failure.httpStatus !== scenario.httpStatus
  ) {
    return verdict(
      'fail',
      'wrong-answer-kind',
      `httpStatus ${answer.failure.httpStatus}, expected ${scenario.httpStatus}`,
    );
  }
  return verdict('pass', undefined, '');
}

/** What the server had answered before a repeat: a status, or the connection closed. */
function answerBefore(request: RecordedRequest): string {
  const { hungUp, status, delayMs } = request.response;
  if (hungUp) return 'the connection closed';
  return delayMs ? `a ${status} held back ${delayMs} ms` : `a ${status}`;
}

/**
 * The detail of a `repeated-request` failure: the scenario and what the server answered
 * before each repeat, so that a retry after a failure (a 502, a closed connection, a
 * timeout) reads differently from a blind double send (the first answer was a success).
 * Either is a failure: the real server may act on every request it receives.
 */
function repeatedDetail(scenarioId: string, requests: readonly RecordedRequest[]): string {
  const before = requests.slice(0, -1);
  const blind = before.every(
    (r) => !r.response.hungUp && !r.response.delayMs && r.response.status < 300,
  );
  const kind = blind ? 'sent again although the server had answered' : 'retried';
  return (
    `scenario ${scenarioId}: the request reached the emulator ${requests.length} times; ` +
    `exactly one must (${kind} after ${before.map(answerBefore).join(', then after ')})`
  );
}
