/**
 * The loopback server: records every request byte for byte, runs the `/auth` check, and
 * answers from scripted responses or the default handlers.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { artifactHandlers } from './artifact-handlers.js';
import { checkAuth } from './auth.js';
import { decodeContentEncoding } from './content-encoding.js';
import type { HandlerContext } from './context.js';
import { TestServerError } from './errors.js';
import { type MountedHandler, serveMounted } from './mounted.js';
import { parseMultipart } from './multipart.js';
import { answerMessage } from './protocol/encode-answer.js';
import { type ParsedRequest, parseRequestBody } from './protocol/parse-request.js';
import { type AuthRoute, authRoute } from './protocol/routes.js';
import { type CommaSpace, encodeProtoJson, seededRandom } from './protojson.js';
import { recordingHandlers } from './recording-handlers.js';
import { commonResponse, fail, notFound } from './replies.js';
import { roomHandlers } from './room-handlers.js';
import { createFakeState, type FakeState } from './state.js';
import type {
  AuthVerdict,
  HandlerRequest,
  ProtocolVerdict,
  RecordedRequest,
  RecordedResponse,
  TestHandler,
  TestResponse,
} from './types.js';
import { deliverWebhook, type WebhookDelivery } from './webhooks/deliver.js';
import { checkWebhookTimeout } from './webhooks/timeout.js';

/** The sample credentials of plugNmeet's `config_sample.yaml`. */
export const SAMPLE_API_KEY = 'plugnmeet';
/** The sample secret of plugNmeet's `config_sample.yaml`. */
export const SAMPLE_SECRET = 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';

/** A handler, or a fixed response given to every call. */
export type HandlerLike = TestHandler | TestResponse;

export type { MountedHandler, MountedRequest } from './mounted.js';

/** Options of {@link startTestServer}; every one has a default. */
export interface TestServerOptions {
  /** `client.api_key`; default `plugnmeet`. */
  apiKey?: string;
  /** `client.secret`; default the sample secret. */
  secret?: string;
  /**
   * Answers per path (`'/auth/room/create'` or `'room/create'`), replacing the default
   * handler of that path. A path with no handler answers 404 `not found`.
   */
  handlers?: Record<string, HandlerLike>;
  /** Serve the stateful default handlers for every documented endpoint; default true. */
  defaultHandlers?: boolean;
  /** Space after commas in protojson bodies: Go's random choice; default `'random'` per response. */
  commaSpace?: CommaSpace;
  /** Seed for the random choices; default random, readable as `server.seed`. */
  seed?: number;
  /**
   * Add an `x_future_field` no client knows yet to the successful answers of default
   * handlers, to prove a client keeps unknown fields; default false (the real server never
   * sends one).
   */
  unknownFields?: boolean;
  /** Bodies over this many bytes get 413 before auth runs; default 50 MiB (`max_size: 50`). */
  bodyLimitBytes?: number;
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Address to listen on; default `127.0.0.1`. */
  host?: string;
  /** Called once per request, after it was answered (the CLI logs it). */
  onRequest?: (request: RecordedRequest) => void;
  /**
   * Keep every request in `server.requests` and every delivery in `server.webhooks`; default
   * true (a long-running CLI turns it off).
   */
  keepRequests?: boolean;
  /**
   * Serve a request the real server would refuse at its `/auth` check (a wrong API-KEY or
   * signature) as if it had passed, and record the refusal in `wouldRefuse`; default false.
   * A conformance run judges a call's answer handling independently of its request, so a
   * wrong signature does not hide a broken answer parser behind the 401.
   */
  serveRefused?: boolean;
  /**
   * Where room events (`room_created`, `session_ended`) are delivered as real webhooks;
   * default none. `server.sendWebhook` sends any event on demand.
   */
  webhookUrls?: readonly string[];
  /** Called once per webhook delivery, after the receiver answered (the CLI logs it). */
  onWebhook?: (delivery: WebhookDelivery) => void;
  /**
   * Milliseconds a webhook delivery may take, answer read included; default 10 000. The
   * upstream notifier waits forever; `close()` cancels deliveries still in flight. An integer
   * from 1 to 2^31 - 1 (checked at start).
   */
  webhookTimeoutMs?: number;
}

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly secret: string;
  /** The seed of this server's random choices. */
  readonly seed: number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** The last request received, if any. */
  readonly lastRequest: RecordedRequest | undefined;
  /** The state the default handlers act on. */
  readonly state: FakeState;
  /** Replaces the handler of `path` (`'room/create'` or `'/auth/room/create'`). */
  handle(path: string, handler: HandlerLike): void;
  /**
   * Gives `path` back the handler it had at start (default or `options.handlers`), or every
   * path when none is given; a path that had none answers 404 again.
   */
  restore(path?: string): void;
  /** The one-shot responses still queued, per normalized path (`'*'` for any path). */
  queued(): ReadonlyMap<string, readonly TestResponse[]>;
  /** Drops the queued one-shot responses of `path`, or of every path when none is given. */
  clearQueued(path?: string): void;
  /**
   * Serves every request whose path is `prefix` or starts with `prefix/` with `handler`,
   * before auth and outside the request log (`onRequest` and `requests` never see them).
   *
   * @throws {TestServerError} `USAGE` when `prefix` could shadow `/auth` or `/healthCheck`.
   */
  mount(prefix: string, handler: MountedHandler): void;
  /**
   * Queues one-shot responses for `path` (or `'*'` for any `/auth` path); each authenticated
   * request takes the next one before handlers are consulted.
   */
  enqueue(path: string, ...responses: TestResponse[]): void;
  /** Forgets recorded requests and queued responses. */
  clear(): void;
  /** Every webhook delivery sent, in order (none kept when `keepRequests` is false). */
  readonly webhooks: readonly WebhookDelivery[];
  /** Where room events are delivered (`options.webhookUrls`). */
  readonly webhookUrls: readonly string[];
  /**
   * Sends a real webhook delivery of `event` (a `CommonNotifyEvent` as protojson) to `urls`
   * (default: the configured `webhookUrls`), signed with this server's credentials.
   *
   * @throws {TestServerError} `WEBHOOK_FAILED` when `event` is not a valid `CommonNotifyEvent`.
   */
  sendWebhook(event: Record<string, unknown>, urls?: readonly string[]): Promise<WebhookDelivery[]>;
  /** Resolves once every delivery started so far has been answered. */
  webhooksSettled(): Promise<void>;
  /** Stops listening, drops open connections and cancels webhook deliveries in flight. */
  close(): Promise<void>;
}

const EMPTY = new Uint8Array(0);

/** Fiber's `SendStatus` answer: the status with its standard text. */
const statusReply = (status: 413 | 415 | 501): TestResponse => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: STATUS_TEXT[status],
});
const STATUS_TEXT = {
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  501: 'Not Implemented',
} as const;

/** fasthttp's answer to a body over the limit. */
const tooLargeReply = (): TestResponse => statusReply(413);

/** The values of every `name` field line (lowercase), in the order they were sent. */
function headerLines(rawHeaders: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === name) out.push(rawHeaders[i + 1] as string);
  }
  return out;
}
const utf8 = new TextDecoder();

/**
 * Normalizes a handler key: `'room/create'` and `'/auth/room/create'` name the same endpoint;
 * `'*'` (any path) and other absolute paths are kept.
 *
 * @example
 * ```ts
 * normalizePath('room/create'); // '/auth/room/create'
 * ```
 */
export function normalizePath(path: string): string {
  return path === '*' || path.startsWith('/') ? path : `/auth/${path}`;
}

// fasthttp's Peek returns the first of repeated headers, with spaces and tabs trimmed
// (measured, §7.1): the auth check must read headers the same way, not Node's joined values.
function firstHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    if (!(name in out)) out[name] = (rawHeaders[i + 1] as string).replace(/^[ \t]+|[ \t]+$/g, '');
  }
  return out;
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Whether requests to `prefix` would otherwise reach the emulated server's own routes. */
function shadowsServerPath(prefix: string): boolean {
  return ['/auth', '/healthCheck'].some(
    (own) => prefix === own || prefix.startsWith(`${own}/`) || own.startsWith(`${prefix}/`),
  );
}

function mountedHandler(
  mounts: ReadonlyMap<string, MountedHandler>,
  path: string,
): MountedHandler | undefined {
  for (const [prefix, handler] of mounts) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return handler;
  }
  return undefined;
}

async function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<Uint8Array | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) tooLarge = true;
    else chunks.push(buffer);
  }
  if (tooLarge) return 'too large';
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Starts a plugNmeet-like server on 127.0.0.1 and a random port. It checks `/auth`
 * requests exactly like `HandleAuthHeaderCheck` (the 401 bodies and messages of §1.2),
 * answers like the real handlers (protojson: snake_case, int64 as strings, `null` for
 * unset messages, unknown extra fields, Go's random space after commas), and records every
 * request's exact bytes with its auth verdict. Runs on Node, Deno and Bun.
 *
 * @throws {Error} when the port cannot be bound.
 * @throws {TestServerError} `USAGE` when `webhookTimeoutMs` is not an integer from 1 to 2^31 - 1.
 * @example
 * ```ts
 * const server = await startTestServer({ apiKey: 'plugnmeet', secret });
 * await fetch(`${server.url}/auth/room/isRoomActive`, { method: 'POST', body, headers });
 * server.requests[0]?.auth?.ok; // true when the signature covered exactly these bytes
 * await server.close();
 * ```
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  // At start, not at the first delivery: a bad value would only surface there, as a raw error.
  const webhookTimeoutMs =
    options.webhookTimeoutMs === undefined
      ? undefined
      : checkWebhookTimeout(options.webhookTimeoutMs, 'webhookTimeoutMs');
  const apiKey = options.apiKey ?? SAMPLE_API_KEY;
  const host = options.host ?? '127.0.0.1';
  const secret = options.secret ?? SAMPLE_SECRET;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const commaSpace = options.commaSpace ?? 'random';
  const bodyLimit = options.bodyLimitBytes ?? 50 * 1024 * 1024;
  const keepRequests = options.keepRequests ?? true;
  const state = createFakeState();
  const webhooks: WebhookDelivery[] = [];
  const pending = new Set<Promise<unknown>>();
  // Aborted by close(): a delivery to a receiver that never answers must not outlive the server.
  const stopping = new AbortController();
  const sendWebhook = (event: Record<string, unknown>, urls = options.webhookUrls ?? []) => {
    const sent = Promise.all(
      urls.map(async (url) => {
        const delivery = await deliverWebhook(
          url,
          event,
          { apiKey, secret, spaceAfterComma: spaced() },
          {
            signal: stopping.signal,
            ...(webhookTimeoutMs === undefined ? {} : { timeoutMs: webhookTimeoutMs }),
          },
        );
        // Like requests: a long-running process (keepRequests: false) keeps no bodies.
        if (keepRequests) webhooks.push(delivery);
        options.onWebhook?.(delivery);
        return delivery;
      }),
    );
    pending.add(sent);
    sent.finally(() => pending.delete(sent)).catch(() => {});
    return sent;
  };
  const context: HandlerContext = {
    state,
    apiKey,
    secret,
    notify: (event) => {
      sendWebhook(event).catch(() => {});
    },
    unknownFields:
      options.unknownFields === true ? { x_future_field: { added_in: '9.9.9', flag: true } } : {},
  };
  const handlers = new Map<string, HandlerLike>();
  if (options.defaultHandlers !== false) {
    for (const group of [roomHandlers, recordingHandlers, artifactHandlers]) {
      for (const [path, handler] of Object.entries(group(context))) handlers.set(path, handler);
    }
  }
  // Paths whose handler the caller supplied: those run whatever the body's protocol verdict.
  const custom = new Set<string>();
  for (const [path, handler] of Object.entries(options.handlers ?? {})) {
    handlers.set(normalizePath(path), handler);
    custom.add(normalizePath(path));
  }
  // What restore() goes back to.
  const startHandlers = new Map(handlers);
  const startCustom = new Set(custom);
  const mounts = new Map<string, MountedHandler>();
  const queues = new Map<string, TestResponse[]>();
  const requests: RecordedRequest[] = [];
  let count = 0;
  const sockets = new Set<Socket>();

  const spaced = () =>
    commaSpace === 'always' ? true : commaSpace === 'never' ? false : random() < 0.5;

  /** The answer, and whether a default handler gave it (only those get unknown fields). */
  async function answer(
    method: string,
    path: string,
    request: HandlerRequest,
    upstream: AuthRoute | undefined,
    parsed: ParsedRequest | undefined,
  ): Promise<{ reply: TestResponse; byDefault: boolean }> {
    const scripted = (reply: TestResponse) => ({ reply, byDefault: false });
    if (method !== 'POST') return scripted(notFound()); // only POST routes exist under /auth
    const queued = queues.get(path)?.shift() ?? queues.get('*')?.shift();
    if (queued) return scripted(queued);
    const handler = handlers.get(path);
    if (!handler) return scripted(notFound());
    const run = async () => (typeof handler === 'function' ? handler(request) : handler);
    if (custom.has(path)) return scripted(await run());
    // The server's parseAndValidateRequest runs before any handler logic.
    if (parsed && parsed.verdict.verdict !== 'ok') {
      return scripted(fail(parsed.verdict.error ?? '', 'INVALID_PARAMETERS'));
    }
    const reply = await run();
    if (reply.json !== undefined && reply.message === undefined && upstream) {
      return { reply: { ...reply, message: upstream.response }, byDefault: true };
    }
    return { reply, byDefault: true };
  }

  async function route(
    request: IncomingMessage,
    body: Uint8Array,
    headers: Record<string, string>,
    path: string,
  ): Promise<{
    reply: TestResponse;
    auth: AuthVerdict | undefined;
    protocol?: ProtocolVerdict;
    message?: Record<string, unknown>;
    byDefault?: boolean;
    wouldRefuse?: string;
  }> {
    const method = request.method ?? 'GET';
    if (path === '/healthCheck' || path.startsWith('/healthCheck/')) {
      return {
        reply: { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Healthy' },
        auth: undefined,
      };
    }
    if (path !== '/auth' && !path.startsWith('/auth/'))
      return { reply: notFound(), auth: undefined };
    // Fiber's c.Body() undoes Content-Encoding before the MAC is computed (§1.2 step 5), with
    // the body limit applied to every stage's output: when a stage fails, c.Body() is the
    // error's text, and that text is what the MAC is checked over.
    const decoding = decodeContentEncoding(
      body,
      headerLines(request.rawHeaders, 'content-encoding'),
      bodyLimit,
    );
    if (!decoding.ok && decoding.reason === 'unavailable here') {
      // Not Fiber's answer: the emulator cannot know the decoded bytes, so it says so.
      return {
        reply: {
          status: 501,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: decoding.text,
        },
        auth: undefined,
      };
    }
    // A fresh array per request: it is handed out as auth.signedInput and the request's body.
    const decoded = decoding.ok ? decoding.body : new TextEncoder().encode(decoding.text);
    const auth = checkAuth(
      { headers: firstHeaders(request.rawHeaders), body: decoded },
      { apiKey, secret },
    );
    const wouldRefuse = auth.ok ? undefined : `401 ${auth.msg}`;
    if (!auth.ok && !options.serveRefused) {
      return { reply: commonResponse(false, auth.msg, auth.statusCode, 401), auth };
    }
    // Signed over the error text itself: Fiber had already set the status; the emulator stops
    // there. A corrupt stream sets none: the handler goes on with the text as the body.
    if (!decoding.ok && decoding.status !== undefined) {
      return { reply: statusReply(decoding.status), auth, ...(wouldRefuse ? { wouldRefuse } : {}) };
    }
    const contentType = headers['content-type'] ?? '';
    const form = contentType.includes('multipart/form-data')
      ? await parseMultipart(decoded, contentType)
      : undefined;
    const text = utf8.decode(decoded);
    const upstream = authRoute(path);
    // Every JSON route parses c.Body() with protojson whatever the Content-Type says.
    const parsed =
      method === 'POST' && upstream?.request
        ? parseRequestBody(upstream.request, decoded)
        : undefined;
    const handlerRequest: HandlerRequest = {
      method,
      path,
      headers,
      body: decoded,
      text,
      form,
      ...(parsed?.message ? { message: parsed.message } : {}),
      ...(parsed ? { protocol: parsed.verdict } : {}),
    };
    const { reply, byDefault } = await answer(method, path, handlerRequest, upstream, parsed);
    return {
      reply,
      auth,
      byDefault,
      ...(parsed ? { protocol: parsed.verdict } : {}),
      ...(parsed?.message ? { message: parsed.message } : {}),
      ...(wouldRefuse ? { wouldRefuse } : {}),
    };
  }

  // The request is recorded when its answer is decided, before a scripted delay: a client
  // that gives up first (a timeout) still sees its request in the log at once, not when the
  // late answer is finally written to a socket nobody reads.
  async function delayed(reply: TestResponse): Promise<void> {
    if (!reply.delayMs) return;
    // Unref'd: a scripted delay (up to 10 minutes from the control API) must not keep a
    // stopping process alive after its sockets are gone. Deno's timers are plain numbers.
    await new Promise((resolve) => {
      const timer: unknown = setTimeout(resolve, reply.delayMs);
      (timer as { unref?: () => void }).unref?.();
    });
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const headers = headerRecord(request);
    // Before the body is read: a mount reads it itself, under its own limit (after its token check).
    const mounted = mountedHandler(mounts, path);
    if (mounted) return serveMounted(mounted, request, response, { url, path, headers }, bodyLimit);
    const read = await readBody(request, bodyLimit);
    let reply: TestResponse;
    let auth: AuthVerdict | undefined;
    let protocol: ProtocolVerdict | undefined;
    let wouldRefuse: string | undefined;
    let message: Record<string, unknown> | undefined;
    let byDefault = false;
    const body = read === 'too large' ? EMPTY : read;
    if (read === 'too large') {
      reply = tooLargeReply();
    } else {
      try {
        const routed = await route(request, body, headers, path);
        ({ reply, auth, protocol, wouldRefuse, message } = routed);
        byDefault = routed.byDefault === true;
      } catch (error) {
        reply = { status: 500, body: `test-server handler failed: ${String(error)}` };
      }
    }
    const recorded = (res: RecordedResponse) => {
      const entry: RecordedRequest = {
        index: keepRequests ? requests.length : count,
        method: request.method ?? 'GET',
        url,
        path,
        headers,
        rawHeaders: request.rawHeaders,
        body,
        text: utf8.decode(body),
        auth,
        response: res,
        ...(protocol ? { protocol } : {}),
        ...(message ? { message } : {}),
        ...(wouldRefuse ? { wouldRefuse } : {}),
      };
      if (keepRequests) requests.push(entry);
      else count++;
      options.onRequest?.(entry);
    };
    if (reply.hangUp) {
      recorded({ status: 0, headers: {}, body: EMPTY, hungUp: true, ...delayOf(reply) });
      await delayed(reply);
      request.socket.destroy();
      return;
    }
    const outHeaders: Record<string, string> = { ...reply.headers };
    let payload: Uint8Array;
    if (reply.json !== undefined) {
      try {
        let json = reply.message ? answerMessage(reply.message, reply.json) : reply.json;
        if (byDefault && (json as { status?: unknown }).status === true) {
          json = { ...(json as object), ...context.unknownFields };
        }
        payload = Buffer.from(encodeProtoJson(json, spaced()));
        outHeaders['content-type'] ??= 'application/json';
      } catch (error) {
        // A handler built something that is not its response message: a bug to surface.
        payload = Buffer.from(`test-server answer failed: ${String(error)}`);
        outHeaders['content-type'] = 'text/plain; charset=utf-8';
        reply = { ...reply, status: 500 };
      }
    } else {
      payload = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? EMPTY);
    }
    const status = reply.status ?? 200;
    const sent = new Uint8Array(payload);
    recorded({ status, headers: outHeaders, body: sent, hungUp: false, ...delayOf(reply) });
    await delayed(reply);
    response.writeHead(status, { ...outHeaders, 'content-length': String(payload.length) });
    response.end(payload);
  }

  const delayOf = (reply: TestResponse) => (reply.delayMs ? { delayMs: reply.delayMs } : {});

  const server = createServer((request, response) => {
    onRequest(request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  }).catch((error: unknown) => {
    throw new TestServerError(
      'LISTEN_FAILED',
      `cannot listen on ${host}:${options.port ?? 0}: ${String(error)}`,
      { cause: error },
    );
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new TestServerError('LISTEN_FAILED', 'test-server: no TCP address');
  const port = address.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    apiKey,
    secret,
    seed,
    requests,
    get lastRequest() {
      return requests.at(-1);
    },
    state,
    webhooks,
    webhookUrls: [...(options.webhookUrls ?? [])],
    sendWebhook,
    async webhooksSettled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    handle(path, handler) {
      handlers.set(normalizePath(path), handler);
      custom.add(normalizePath(path));
    },
    restore(path) {
      const keys = path === undefined ? [...handlers.keys()] : [normalizePath(path)];
      for (const key of keys) {
        const original = startHandlers.get(key);
        if (original === undefined) handlers.delete(key);
        else handlers.set(key, original);
        if (startCustom.has(key)) custom.add(key);
        else custom.delete(key);
      }
    },
    queued() {
      const pending = [...queues].filter(([, answers]) => answers.length > 0);
      return new Map(pending.map(([path, answers]) => [path, [...answers]]));
    },
    clearQueued(path) {
      if (path === undefined) queues.clear();
      else queues.delete(normalizePath(path));
    },
    mount(prefix, handler) {
      if (!/^\/[^/]/.test(prefix) || prefix.endsWith('/') || shadowsServerPath(prefix)) {
        throw new TestServerError(
          'USAGE',
          `a mount prefix must be an absolute path that is not /auth, /healthCheck or under them, got ${prefix}`,
        );
      }
      mounts.set(prefix, handler);
    },
    enqueue(path, ...responses) {
      const key = normalizePath(path);
      queues.set(key, [...(queues.get(key) ?? []), ...responses]);
    },
    clear() {
      requests.length = 0;
      queues.clear();
    },
    async close() {
      // Cancelled deliveries settle (and are reported) before close() resolves.
      stopping.abort();
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
