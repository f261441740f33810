/**
 * Every control endpoint, in the order the index and `--help` list them.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { normalizePath } from '../server.js';
import type { TestResponse } from '../types.js';
import { answerJson, readAnswer } from './answer.js';
import { CONTROL_PREFIX, type ControlCall, type ControlEndpoint } from './endpoints.js';
import { authPath, badInput, integer, list, objectWith } from './input.js';
import type { RequestFilter } from './journal.js';
import { bytesText, limitReached } from './limits.js';
import { jsonReply } from './reply.js';
import { resetState, seedState, stateJson } from './state.js';
import { readWebhookCall, sendBounded } from './webhook.js';

// Shipped at the package root; from src/control/ and dist/control/ alike it is two levels up.
const OPENAPI = new URL('../../control-api.openapi.json', import.meta.url);

function queuedJson(call: ControlCall) {
  const queued: Record<string, unknown[]> = {};
  for (const [path, answers] of call.server.queued()) queued[path] = answers.map(answerJson);
  return { queued };
}

/** Refuses answers that would take the queue past its bounds (count and bytes, all routes). */
function checkQueueRoom(call: ControlCall, answers: readonly TestResponse[]): void {
  const { queuedAnswers, queuedBytes } = call.limits;
  let count = 0;
  let bytes = 0;
  for (const queued of call.server.queued().values()) {
    count += queued.length;
    for (const answer of queued) bytes += call.sizeOf(answer);
  }
  const adding = answers.reduce((sum, answer) => sum + call.sizeOf(answer), 0);
  const remedy = 'DELETE /__control/answers, or let /auth calls take them first';
  if (count + answers.length > queuedAnswers) {
    throw limitReached(
      `at most ${queuedAnswers} answers may be queued at once; ${count} are, and this call adds ${answers.length}`,
      remedy,
    );
  }
  if (bytes + adding > queuedBytes) {
    throw limitReached(
      `queued answers may take at most ${bytesText(queuedBytes)} (${queuedBytes} bytes of their JSON); ${bytes} bytes are queued, and this call adds ${adding}`,
      remedy,
    );
  }
}

function pageLimit(query: URLSearchParams, max: number): number {
  const limit = query.get('limit');
  if (limit === null) return max;
  return integer(/^\d+$/.test(limit) ? Number(limit) : limit, 'limit', 1, max);
}

function requestFilter(query: URLSearchParams): RequestFilter {
  const one = (name: string) => {
    const values = query.getAll(name);
    if (values.length > 1) throw badInput(name, 'given at most once', values);
    return values[0];
  };
  const path = one('path');
  const prefix = one('prefix');
  const since = one('since');
  if (prefix !== undefined && !prefix.startsWith('/')) {
    throw badInput('prefix', 'a path prefix starting with /, e.g. /auth/room/', prefix);
  }
  if (path === '') throw badInput('path', 'a path such as /auth/room/create or room/create', path);
  return {
    ...(path === undefined ? {} : { path: normalizePath(path) }),
    ...(prefix === undefined ? {} : { prefix }),
    ...(since === undefined
      ? {}
      : {
          since: integer(
            /^\d+$/.test(since) ? Number(since) : since,
            'since',
            0,
            Number.MAX_SAFE_INTEGER,
          ),
        }),
  };
}

function emptyFlag(query: URLSearchParams): boolean {
  const empty = query.get('empty');
  if (empty === null || empty === 'false') return false;
  if (empty === 'true') return true;
  throw badInput('empty', 'true or false', empty);
}

function noBody(call: ControlCall): void {
  if (call.body !== undefined) objectWith(call.body, 'the body', []);
}

/** The endpoints; `path` is relative to `/__control`. */
export const CONTROL_ENDPOINTS: readonly ControlEndpoint[] = [
  {
    method: 'GET',
    path: '',
    summary: 'this index: every endpoint, and where the OpenAPI document is',
    query: [],
    run: () =>
      jsonReply(200, {
        name: 'pnm-test-server control API',
        openapi: `${CONTROL_PREFIX}/openapi.json`,
        endpoints: CONTROL_ENDPOINTS.map((e) => ({
          method: e.method,
          path: `${CONTROL_PREFIX}${e.path}`,
          summary: e.summary,
        })),
      }),
  },
  {
    method: 'GET',
    path: '/openapi.json',
    summary: 'the OpenAPI 3.1 document of this API (also shipped as control-api.openapi.json)',
    query: [],
    run: () => ({
      headers: { 'content-type': 'application/json' },
      body: readFileSync(OPENAPI),
    }),
  },
  {
    method: 'POST',
    path: '/answers',
    summary:
      'queue one-shot answers {path?: route or "*", answers: [{status, headers, json | body_text | body_base64, delay_ms, hang_up}]}',
    query: [],
    run: (call) => {
      const body = objectWith(call.body, 'the body', ['path', 'answers']);
      const path = 'path' in body ? authPath(body.path, 'path', true) : '*';
      const answers = list(body.answers, 'answers', 'a non-empty array of answers', readAnswer);
      if (answers.length === 0) throw badInput('answers', 'a non-empty array of answers', []);
      checkQueueRoom(call, answers);
      call.server.enqueue(path, ...answers);
      return jsonReply(200, queuedJson(call));
    },
  },
  {
    method: 'GET',
    path: '/answers',
    summary: 'the one-shot answers still queued, per route',
    query: [],
    run: (call) => jsonReply(200, queuedJson(call)),
  },
  {
    method: 'DELETE',
    path: '/answers',
    summary: 'drop queued answers (?path=route for one route)',
    query: ['path'],
    run: (call) => {
      const path = call.query.get('path');
      call.server.clearQueued(path === null ? undefined : authPath(path, 'path', true));
      return jsonReply(200, queuedJson(call));
    },
  },
  {
    method: 'PUT',
    path: '/routes/*',
    summary:
      "replace a route's answer until restored: PUT /__control/routes/room/create with one answer",
    query: [],
    run: (call) => {
      const route = authPath(call.rest, 'the route in the path', false);
      const answer = readAnswer(call.body, 'the body');
      const bytes = call.sizeOf(answer);
      const { replacedRoutes, replacedBytes } = call.limits;
      if (!call.routes.fits(route, bytes, replacedRoutes, replacedBytes)) {
        const now = call.routes.totals();
        throw limitReached(
          `at most ${replacedRoutes} routes may be replaced at once, their answers at most ${bytesText(replacedBytes)} (${replacedBytes} bytes of JSON) together; ${now.routes} are replaced, taking ${now.bytes} bytes, and this answer is ${bytes}`,
          'DELETE /__control/routes/{route} or DELETE /__control/routes',
        );
      }
      call.server.handle(route, answer);
      call.routes.replaced(route, bytes);
      return jsonReply(200, { route, replaced: true });
    },
  },
  {
    method: 'DELETE',
    path: '/routes/*',
    summary: 'give a route back the answer it had at start',
    query: [],
    run: (call) => {
      const route = authPath(call.rest, 'the route in the path', false);
      call.server.restore(route);
      call.routes.restored(route);
      return jsonReply(200, { route, restored: true });
    },
  },
  {
    method: 'DELETE',
    path: '/routes',
    summary: 'give every route back the answer it had at start',
    query: [],
    run: (call) => {
      call.server.restore();
      call.routes.restored();
      return jsonReply(200, { restored: 'all' });
    },
  },
  {
    method: 'GET',
    path: '/state',
    summary: 'the fake state: rooms, past_rooms, recordings, artifacts, upload_locks',
    query: [],
    run: (call) => jsonReply(200, stateJson(call.server.state)),
  },
  {
    method: 'POST',
    path: '/state',
    summary: 'seed (add or replace by id) {rooms?, past_rooms?, recordings?, artifacts?}',
    query: [],
    run: (call) => {
      seedState(call.server.state, call.body, call.limits);
      return jsonReply(200, stateJson(call.server.state));
    },
  },
  {
    method: 'DELETE',
    path: '/state',
    summary: 'reset the state to the start-up seed (?empty=true: to nothing)',
    query: ['empty'],
    run: (call) => {
      noBody(call);
      resetState(call.server.state, { empty: emptyFlag(call.query) });
      return jsonReply(200, stateJson(call.server.state));
    },
  },
  {
    method: 'POST',
    path: '/webhooks',
    summary:
      'send a CommonNotifyEvent {event: {event: "room_started", …}, urls?: [...], wait_ms?} to the --webhook receivers or urls; answers the deliveries (202 with pending ones still unanswered after wait_ms)',
    query: [],
    run: async (call) => {
      const { event, urls, waitMs } = readWebhookCall(call.body, call.limits);
      const targets = urls ?? call.server.webhookUrls;
      if (targets.length === 0) {
        throw badInput('urls', 'given, or receivers configured with --webhook', urls);
      }
      const { deliveries, pending } = await sendBounded(call.server, event, targets, waitMs);
      // 202: sent, not all answered within wait_ms; GET /webhooks lists them once they are.
      return jsonReply(pending.length === 0 ? 200 : 202, {
        deliveries,
        pending: pending.map((url) => ({ url })),
      });
    },
  },
  {
    method: 'GET',
    path: '/webhooks',
    summary: 'every webhook delivery so far, as the log lines show them',
    query: [],
    run: (call) =>
      jsonReply(200, { webhooks: call.journal.webhooks(), dropped: call.journal.dropped.webhooks }),
  },
  {
    method: 'DELETE',
    path: '/webhooks',
    summary: 'forget the webhook deliveries listed so far',
    query: [],
    run: (call) => jsonReply(200, { cleared: call.journal.clearWebhooks() }),
  },
  {
    method: 'GET',
    path: '/requests',
    summary:
      'the recorded requests, as the log lines show them (?path=, ?prefix=, ?since=index, ?limit=n; next_since pages on)',
    query: ['path', 'prefix', 'since', 'limit'],
    run: (call) => {
      const limit = pageLimit(call.query, call.limits.pageRecords);
      const matching = call.journal.requests(requestFilter(call.query));
      const page = matching.slice(0, limit);
      const next = matching[limit];
      return jsonReply(200, {
        requests: page,
        dropped: call.journal.dropped.requests,
        next_since: next === undefined ? null : next.index,
      });
    },
  },
  {
    method: 'DELETE',
    path: '/requests',
    summary: 'forget recorded requests (same filters)',
    query: ['path', 'prefix', 'since'],
    run: (call) =>
      jsonReply(200, { cleared: call.journal.clearRequests(requestFilter(call.query)) }),
  },
  {
    method: 'POST',
    path: '/reset',
    summary: 'everything back to start: queued answers, routes, state, requests, webhooks',
    query: [],
    run: (call) => {
      noBody(call);
      call.server.clearQueued();
      call.server.restore();
      call.routes.restored();
      resetState(call.server.state, { empty: false });
      // The dropped counters too: after a reset the journal tells of this run only.
      call.journal.reset();
      return jsonReply(200, { reset: true });
    },
  },
];
