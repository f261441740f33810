/**
 * The verdict on one call, at two independent levels: the request (what reached the
 * emulator: the right request, signed over the raw bytes received, parsed by the server's
 * rules with nothing dropped, equal to what the SDK was asked to send) and the answer (what
 * the SDK made of what the emulator served).
 *
 * @module
 */
import {
  type AuthRoute,
  messageSchema,
  parseRequestBody,
  type RecordedRequest,
} from '@plugnmeet-signing/test-server';
import type { CallScenario } from '../cases.js';
import type { CallAnswer, CallInput } from '../model.js';
import { referenceCovers } from '../reference.js';
import { type ExactJson, ExactNumber, parseExactJson } from '../values/exact-json.js';
import { atLevel, type Level, type LevelJudgement } from './judgement.js';
import { lostValues } from './lost-values.js';
import { type Verdict, verdictFor } from './verdict.js';

/** A {@link Verdict} made at one level. */
type LevelVerdict = (...args: Parameters<Verdict>) => LevelJudgement;

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf8Bytes = new TextEncoder();

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

/**
 * Every way `request` is not the one the SDK was asked to send, with its cause id: a wrong
 * route or key, or a body sent as multipart, says all there is; a body signed wrong may
 * also be read wrong, and each is its own finding.
 */
function requestProblems(
  request: RecordedRequest,
  input: CallInput,
  route: AuthRoute,
  secret: string,
): Array<{ cause: string; detail: string }> {
  const path = `/auth/${input.endpoint}`;
  if (request.method !== 'POST' || request.path !== path) {
    return [
      {
        cause: 'wrong-request',
        detail: `sent ${request.method} ${request.path}, expected POST ${path}`,
      },
    ];
  }
  if (header(request, 'api-key') !== input.server.apiKey) {
    return [
      {
        cause: 'wrong-request',
        detail: `API-KEY ${JSON.stringify(header(request, 'api-key'))}, expected ${JSON.stringify(input.server.apiKey)}`,
      },
    ];
  }
  if (request.auth?.mode === 'room-id') {
    return [
      {
        cause: 'body-not-authenticated',
        detail: 'sent as multipart/form-data: the server signs the Room-Id header, not the body',
      },
    ];
  }
  const problems: Array<{ cause: string; detail: string }> = [];
  const signature = header(request, 'hash-signature') ?? '';
  if (!referenceCovers(request.body, signature, utf8Bytes.encode(secret))) {
    problems.push({
      cause: 'signature-mismatch',
      detail: `HASH-SIGNATURE ${JSON.stringify(signature)} is not the HMAC of the ${request.body.length} bytes sent`,
    });
  }
  if (!route.request) return problems;
  // The server's reading of the body, as the emulator recorded it (its verdict and the
  // message it read); read here only when no handler parsed it (an answer it did not serve).
  const read = request.protocol
    ? { verdict: request.protocol, message: request.message }
    : parseRequestBody(route.request, request.body);
  const verdict = read.verdict;
  if (verdict.dropped_fields.length > 0) {
    problems.push({
      cause: 'dropped-fields',
      detail: `the server would drop ${verdict.dropped_fields.join(', ')}`,
    });
  }
  if (verdict.verdict !== 'ok') {
    problems.push({
      cause: 'invalid-request',
      detail: `${verdict.verdict}: ${verdict.error ?? ''}`,
    });
    return problems;
  }
  // Dropped fields already say that the server reads another request than the one asked
  // for: the difference is their consequence, not a second bug.
  if (verdict.dropped_fields.length > 0) return problems;
  const sent = read.message;
  const asked = parseRequestBody(route.request, JSON.stringify(input.request)).message;
  if (canonical(sent) !== canonical(asked)) {
    problems.push({
      cause: 'request-changed',
      detail: `the server reads ${canonical(sent)}, the SDK was asked for ${canonical(asked)}`,
    });
  }
  return problems;
}

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
 * Judges one call at its two levels, from the requests the emulator received while it ran
 * and the SDK's answer. The levels are independent: a request the real server would refuse
 * (the emulator served the scenario's answer anyway, see `serveRefused`) still has its
 * answer judged, so a wrong signature and a broken answer parser are both reported.
 *
 * @param requests Every request the emulator recorded during this call, in order.
 * @param secret The secret the SDK was given (a wrong one in the `unauthorized` scenario).
 * @returns The request level's failures (or its pass), then the answer level's judgement;
 *   the first failing one is the cell's headline.
 * @throws Never.
 * @example
 * ```ts
 * const judgements = judgeCall({ input, route, scenario, requests, answer, secret });
 * judgements.map((j) => j.level); // ['request', 'answer']
 * ```
 */
export function judgeCall(call: {
  input: CallInput;
  route: AuthRoute;
  scenario: CallScenario;
  requests: readonly RecordedRequest[];
  answer: CallAnswer;
  secret: string;
}): LevelJudgement[] {
  const { input, route, scenario, requests, answer, secret } = call;
  const expected =
    scenario.expect === 'result'
      ? 'result'
      : `failure ${scenario.expect}${scenario.httpStatus ? ` ${scenario.httpStatus}` : ''}`;
  const made = verdictFor(expected, describe(answer));
  // What the SDK sent goes with every verdict: a finding shows it as its minimal input.
  const first = requests[0];
  const at =
    (level: Level): LevelVerdict =>
    (...args) =>
      atLevel(level, { ...made(...args), ...(first ? { sent: first.body } : {}) });
  if (answer.kind === 'failure' && answer.failure.kind === 'unsupported') {
    // A coverage gap: shown as such, never a pass, and nothing of it to judge.
    return [
      at('answer')(
        'unrepresentable',
        undefined,
        `unsupported by the SDK: ${answer.failure.message}`,
      ),
    ];
  }
  const judgements: LevelJudgement[] = [];
  if (answer.kind === 'broken') judgements.push(at('answer')('error', 'broken', answer.message));
  judgements.push(...judgeRequests(requests, input, route, secret, scenario.id, at('request')));
  // With nothing received, no answer was served: there is no answer handling to judge.
  if (answer.kind !== 'broken' && requests.length > 0) {
    const judged = judgeAnswer(scenario, route, requests, answer, at('answer'));
    const refused = scenario.wrongSecret ? undefined : requests.at(-1)?.wouldRefuse;
    judgements.push(
      refused && judged.outcome === 'fail'
        ? {
            ...judged,
            detail: `${judged.detail} (the real server would have refused this request with ${refused}; the emulator served the scenario's answer so that the SDK's handling of it is judged)`,
          }
        : judged,
    );
  }
  return judgements;
}

/**
 * The request level: exactly one request reached the emulator, and it is the right one,
 * signed over the raw bytes received, read by the server's rules with nothing dropped,
 * equal to what the SDK was asked to send. Every problem found is its own failure.
 */
function judgeRequests(
  requests: readonly RecordedRequest[],
  input: CallInput,
  route: AuthRoute,
  secret: string,
  scenarioId: string,
  verdict: LevelVerdict,
): LevelJudgement[] {
  if (requests.length === 0) return [verdict('fail', 'no-request', 'nothing reached the emulator')];
  const failures = new Map<string, LevelJudgement>();
  for (const request of requests) {
    for (const problem of requestProblems(request, input, route, secret)) {
      if (!failures.has(problem.cause))
        failures.set(problem.cause, verdict('fail', problem.cause, problem.detail));
    }
  }
  // Exactly one request must reach the server (PROTOCOL.md): a repeated POST may create,
  // end or kick twice on the real one, so a retry is a failure of the request, whatever the answer.
  if (requests.length > 1) {
    failures.set(
      'repeated-request',
      verdict('fail', 'repeated-request', repeatedDetail(scenarioId, requests)),
    );
  }
  return failures.size > 0 ? [...failures.values()] : [verdict('pass', undefined, '')];
}

/** The answer level: what the SDK made of the answer the emulator served last. */
function judgeAnswer(
  scenario: CallScenario,
  route: AuthRoute,
  requests: readonly RecordedRequest[],
  answer: Exclude<CallAnswer, { kind: 'broken' }>,
  judged: LevelVerdict,
): LevelJudgement {
  const actual = describe(answer);
  const last = requests.at(-1);
  const own = scenario.script || scenario.wrongSecret ? undefined : ownAnswer(last);
  const expect = own?.kind ?? scenario.expect;
  if (expect !== 'result' && expect !== scenario.expect) {
    // The server says "nothing found" on a list call with status:false and NOT_FOUND; an SDK
    // may present that as the empty list it means, keeping no value it was not sent.
    if (answer.kind === 'result' && own?.notFound && onlyEmptyLists(answer.result)) {
      return judged('pass', undefined, `NOT_FOUND presented as an empty list`);
    }
    // The emulator's own handler failed the call (a room not active, say): so must the SDK.
    return answer.kind === 'failure' && answer.failure.kind === expect
      ? judged('pass', undefined, `the emulator answered ${expect}`)
      : judged(
          'fail',
          'wrong-answer-kind',
          `the emulator answered ${expect}; the SDK said ${actual}`,
        );
  }
  if (scenario.expect === 'result') {
    if (answer.kind !== 'result')
      return judged('fail', 'wrong-answer-kind', `the server answered; the SDK said ${actual}`);
    const sentText = utf8.decode(last?.response.body ?? new Uint8Array());
    // The answer is the route's response message: a field protojson leaves out at its
    // default may be left out by the SDK too.
    const lost = lostValues(parseExactJson(sentText), answer.result, messageSchema(route.response));
    if (lost.length > 0)
      return judged(
        'fail',
        'lost-values',
        `${lost.slice(0, 5).join('; ')}${lost.length > 5 ? `; and ${lost.length - 5} more` : ''}`,
      );
    return judged('pass', undefined, '');
  }
  if (answer.kind !== 'failure' || answer.failure.kind !== scenario.expect) {
    return judged('fail', 'wrong-answer-kind', `${scenario.description}; the SDK said ${actual}`);
  }
  if (
    scenario.httpStatus !== undefined &&
    scenario.expect !== 'api' &&
    answer.failure.httpStatus !== scenario.httpStatus
  ) {
    return judged(
      'fail',
      'wrong-answer-kind',
      `httpStatus ${answer.failure.httpStatus}, expected ${scenario.httpStatus}`,
    );
  }
  return judged('pass', undefined, '');
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
