/**
 * The control API as a handler for a mounted prefix: token check, JSON body, routing,
 * and 400s that say what was expected. Control calls never touch the `/auth` credentials
 * and, being mounted, never reach the request log.
 *
 * @module
 */
import { TestServerError } from '../errors.js';
import type { MountedHandler, MountedRequest } from '../mounted.js';
import type { TestServer } from '../server.js';
import type { TestResponse } from '../types.js';
import { answerJson } from './answer.js';
import { CONTROL_PREFIX, type ControlCall, type ControlEndpoint, matchPath } from './endpoints.js';
import { jsonDepth } from './input.js';
import type { ControlJournal } from './journal.js';
import { createRouteLedger } from './ledger.js';
import { bytesText, type ControlLimits, DEFAULT_CONTROL_LIMITS, jsonBytes } from './limits.js';
import { refusal } from './reply.js';
import { CONTROL_ENDPOINTS } from './routes.js';
import { bearerMatches } from './token.js';

export { CONTROL_PREFIX } from './endpoints.js';

/** How the control API is served. */
export interface ControlApiOptions {
  /** Where request and webhook records are kept (see `createControlJournal`). */
  readonly journal: ControlJournal;
  /** When set, every control call must send `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The bounds on input, queues, state and answers; default {@link DEFAULT_CONTROL_LIMITS}. */
  readonly limits?: Partial<ControlLimits>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function jsonBody(body: Uint8Array, maxDepth: number): unknown {
  if (body.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (error) {
    throw new TestServerError(
      'BAD_CONTROL_INPUT',
      `the body must be UTF-8 JSON; it did not parse: ${(error as Error).message}`,
    );
  }
  // Checked once here, so no reader, encoder or error message below ever recurses deeper.
  const depth = jsonDepth(value);
  if (depth > maxDepth) {
    throw new TestServerError(
      'BAD_CONTROL_INPUT',
      `the body must be JSON nested at most ${maxDepth} levels deep; it is ${depth} deep`,
    );
  }
  return value;
}

function routeRest(rest: string): string {
  try {
    // A generated client sends the {route} path parameter encoded: room%2FisRoomActive.
    return decodeURIComponent(rest);
  } catch {
    throw new TestServerError(
      'BAD_CONTROL_INPUT',
      `the route in the path must be percent-encoded UTF-8; got ${rest.slice(0, 80)}`,
    );
  }
}

function checkQuery(query: URLSearchParams, endpoint: ControlEndpoint): void {
  for (const name of query.keys()) {
    if (!endpoint.query.includes(name)) {
      const known = endpoint.query.length ? endpoint.query.join(', ') : 'none';
      throw new TestServerError(
        'BAD_CONTROL_INPUT',
        `query parameter ${name} is not known here; expected ${known}`,
      );
    }
  }
}

interface Served extends ControlApiOptions {
  readonly limits: ControlLimits;
  readonly ledger: ReturnType<typeof createRouteLedger>;
  readonly sizeOf: (answer: TestResponse) => number;
}

/** Measures each answer once: the queue bound is checked on every POST /answers. */
function answerSizes(): (answer: TestResponse) => number {
  const sizes = new WeakMap<TestResponse, number>();
  return (answer) => {
    let size = sizes.get(answer);
    if (size === undefined) {
      size = jsonBytes(answerJson(answer));
      sizes.set(answer, size);
    }
    return size;
  };
}

async function serve(
  request: MountedRequest,
  server: TestServer,
  options: Served,
): Promise<TestResponse> {
  // The token first, before a byte of the body is read: an outsider costs nothing.
  if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) {
    return refusal(
      401,
      'CONTROL_UNAUTHORIZED',
      'this control API needs its token',
      'Authorization: Bearer <the --control-token value>',
      { 'www-authenticate': 'Bearer realm="pnm-test-server control"' },
    );
  }
  const relative = request.path.slice(CONTROL_PREFIX.length);
  const onPath = CONTROL_ENDPOINTS.filter((e) => matchPath(e.path, relative) !== undefined);
  const endpoint = onPath.find((e) => e.method === request.method);
  if (!endpoint) {
    const index = CONTROL_ENDPOINTS.map((e) => `${e.method} ${CONTROL_PREFIX}${e.path}`).join(', ');
    return onPath.length === 0
      ? refusal(404, 'CONTROL_NOT_FOUND', `no control endpoint ${request.path}`, index)
      : refusal(
          405,
          'CONTROL_METHOD_NOT_ALLOWED',
          `${request.method} is not served on ${request.path}`,
          onPath.map((e) => e.method).join(', '),
          { allow: onPath.map((e) => e.method).join(', ') },
        );
  }
  const { limits } = options;
  const body = await request.readBody(limits.bodyBytes);
  if (body === 'too large') {
    return refusal(
      413,
      'CONTROL_BODY_TOO_LARGE',
      `the body is over the control API's limit of ${bytesText(limits.bodyBytes)} (${limits.bodyBytes} bytes)`,
      `a JSON body of at most ${limits.bodyBytes} bytes`,
    );
  }
  try {
    const query = new URLSearchParams(
      request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
    );
    checkQuery(query, endpoint);
    const call: ControlCall = {
      server,
      journal: options.journal,
      limits,
      routes: options.ledger,
      sizeOf: options.sizeOf,
      rest: routeRest(matchPath(endpoint.path, relative) ?? ''),
      query,
      body: jsonBody(body, limits.jsonDepth),
    };
    return await endpoint.run(call);
  } catch (error) {
    if (error instanceof TestServerError && error.code === 'BAD_CONTROL_INPUT') {
      return refusal(400, 'BAD_CONTROL_INPUT', error.message);
    }
    if (error instanceof TestServerError && error.code === 'CONTROL_LIMIT') {
      return refusal(409, 'CONTROL_LIMIT_REACHED', error.message);
    }
    throw error;
  }
}

/**
 * Serves the control API on `server` under {@link CONTROL_PREFIX}. Wire the journal to the
 * server's `onRequest`/`onWebhook` so the API can list what arrived.
 *
 * @throws {TestServerError} `USAGE` when `token` is given but empty.
 * @example
 * ```ts
 * const journal = createControlJournal();
 * const server = await startTestServer({ onRequest: journal.recordRequest, onWebhook: journal.recordWebhook });
 * mountControlApi(server, { journal, token: 'let-me-in' });
 * // curl -X POST $URL/__control/answers -H 'Authorization: Bearer let-me-in' -d '{"answers":[{"status":502}]}'
 * ```
 */
export function mountControlApi(server: TestServer, options: ControlApiOptions): void {
  if (options.token === '')
    throw new TestServerError('USAGE', 'the control token must not be empty');
  const served: Served = {
    ...options,
    limits: { ...DEFAULT_CONTROL_LIMITS, ...options.limits },
    // Per mount, not module-global: two servers in one process keep their own books.
    ledger: createRouteLedger(),
    sizeOf: answerSizes(),
  };
  const handler: MountedHandler = (request) =>
    serve(request, server, served).catch((error: unknown) =>
      // A bug here must not take the server down or hang the caller: say so and go on.
      refusal(500, 'CONTROL_FAILED', `control call failed: ${String(error)}`),
    );
  server.mount(CONTROL_PREFIX, handler);
}

/**
 * Answers every control path with a 404 that says the control API is off, so a test suite
 * that forgot `--control` hears why rather than a bare `not found`.
 *
 * @throws Never.
 * @example
 * ```ts
 * refuseControlApi(server); // POST /__control/answers → 404 CONTROL_OFF
 * ```
 */
export function refuseControlApi(server: TestServer): void {
  server.mount(CONTROL_PREFIX, () =>
    refusal(
      404,
      'CONTROL_OFF',
      'the control API is off',
      'pnm-test-server started with --control (and --control-token when one is set)',
    ),
  );
}
