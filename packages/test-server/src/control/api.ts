/**
 * The control API as a handler for a mounted prefix: token check, JSON body, routing,
 * and 400s that say what was expected. Control calls never touch the `/auth` credentials
 * and, being mounted, never reach the request log.
 *
 * @module
 */
import { TestServerError } from '../errors.js';
import type { MountedHandler, MountedRequest, TestServer } from '../server.js';
import type { TestResponse } from '../types.js';
import { CONTROL_PREFIX, type ControlCall, type ControlEndpoint, matchPath } from './endpoints.js';
import type { ControlJournal } from './journal.js';
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
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function jsonBody(body: Uint8Array): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(utf8.decode(body));
  } catch (error) {
    throw new TestServerError(
      'BAD_CONTROL_INPUT',
      `the body must be UTF-8 JSON; it did not parse: ${(error as Error).message}`,
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

async function serve(
  request: MountedRequest,
  server: TestServer,
  options: ControlApiOptions,
): Promise<TestResponse> {
  if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) {
    return refusal(
      401,
      'CONTROL_UNAUTHORIZED',
      'this control API needs its token',
      'Authorization: Bearer <the --control-token value>',
      { 'www-authenticate': 'Bearer realm="pnm-test-server control"' },
    );
  }
  if (request.body === 'too large') {
    return refusal(413, 'CONTROL_BODY_TOO_LARGE', 'the body is over the server body limit');
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
  try {
    const query = new URLSearchParams(
      request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
    );
    checkQuery(query, endpoint);
    const call: ControlCall = {
      server,
      journal: options.journal,
      rest: matchPath(endpoint.path, relative) ?? '',
      query,
      body: jsonBody(request.body),
    };
    return await endpoint.run(call);
  } catch (error) {
    if (error instanceof TestServerError && error.code === 'BAD_CONTROL_INPUT') {
      return refusal(400, 'BAD_CONTROL_INPUT', error.message);
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
  const handler: MountedHandler = (request) =>
    serve(request, server, options).catch((error: unknown) =>
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
