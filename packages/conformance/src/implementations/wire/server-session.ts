/**
 * The loopback servers a wire session sends to: `@plugnmeet-signing/test-server`, which
 * checks each request exactly like plugNmeet's `/auth` middleware and records its exact
 * body bytes and headers. A server is configured with one secret, so a session keeps one
 * server per secret it has met (a few, least recently used first out); the vectors use a
 * handful of secrets, the property search a new one per case, and a server starts in about
 * a millisecond.
 *
 * @module
 */
import type { RecordedRequest, TestServer } from '@plugnmeet-signing/test-server';
import type {
  Availability,
  CaseInput,
  Column,
  EnvironmentInfo,
  ImplementationInfo,
  Session,
  VectorTrace,
  WireAnswer,
} from '../../model.js';
import { strictUtf8 } from '../../values/bytes.js';
import { defineColumn, missing } from '../column-kit.js';

/** The sample API key; every wire column sends it and every wire server expects it. */
export const WIRE_API_KEY = 'plugnmeet';

/** The endpoint every wire column posts to (the shell snippet's own path). */
export const WIRE_PATH = '/auth/room/getActiveRoomInfo';

const MAX_SERVERS = 4;

type StartTestServer = typeof import('@plugnmeet-signing/test-server').startTestServer;

/**
 * The test server is a private workspace package (a devDependency): present in this
 * repository, absent from a published install, where the wire columns are unavailable.
 */
export async function loadTestServer(): Promise<Availability<{ start: StartTestServer }>> {
  try {
    const module = await import('@plugnmeet-signing/test-server');
    return { available: true, start: module.startTestServer };
  } catch (error) {
    return {
      available: false,
      reason: `@plugnmeet-signing/test-server cannot be loaded: ${(error as Error).message}`,
      install: 'run from the plugnmeet-signing repository (pnpm install && pnpm turbo run build)',
    };
  }
}

/**
 * The server's `client.secret` is a string read from YAML, which must be UTF-8: a secret
 * that is not cannot be configured, so the case cannot be sent at all.
 */
export function secretText(secret: Uint8Array): string | undefined {
  return strictUtf8(secret);
}

/** What arrived during one exchange. */
export interface Exchange<T> {
  /** The requests the server recorded while the exchange ran. */
  requests: RecordedRequest[];
  /** What the sending side returned (its exit status, response, …). */
  result: T;
}

/** One session's servers, one per secret, all on 127.0.0.1. */
export class WireServers {
  readonly #start: StartTestServer;
  /** Keyed by the secret's text; Map order is least recently used first. */
  readonly #servers = new Map<string, Promise<TestServer>>();

  constructor(start: StartTestServer) {
    this.#start = start;
  }

  /** The server for `secret` (started on first use). */
  async server(secret: string): Promise<TestServer> {
    let server = this.#servers.get(secret);
    if (server) {
      this.#servers.delete(secret);
    } else {
      server = this.#start({
        apiKey: WIRE_API_KEY,
        secret,
        unknownFields: false,
        commaSpace: 'never',
      });
      if (this.#servers.size >= MAX_SERVERS) {
        const [oldest] = this.#servers;
        if (oldest) {
          this.#servers.delete(oldest[0]);
          await (await oldest[1]).close();
        }
      }
    }
    this.#servers.set(secret, server);
    return server;
  }

  /**
   * Runs `send` against the server for `secret` and returns what it recorded meanwhile.
   * Cases of a session run one at a time, so every request recorded belongs to this case;
   * recordings are dropped afterwards (a 1 MiB body is not kept for the whole run).
   */
  async exchange<T>(
    secret: string,
    send: (server: TestServer) => Promise<T>,
  ): Promise<Exchange<T>> {
    const server = await this.server(secret);
    server.clear();
    try {
      const result = await send(server);
      return { requests: [...server.requests], result };
    } finally {
      server.clear();
    }
  }

  async close(): Promise<void> {
    const servers = [...this.#servers.values()];
    this.#servers.clear();
    await Promise.all(
      servers.map(async (server) => (await server.catch(() => undefined))?.close()),
    );
  }
}

/**
 * Turns what the server recorded into an answer: the `HASH-SIGNATURE` header it got (empty
 * when none), the exact body bytes, and its refusal if it refused. No request at all is
 * `not-sent`, with `whyNotSent` (the sender's own words), for the wire judge to weigh.
 */
export function wireAnswer(
  requests: readonly RecordedRequest[],
  whyNotSent: () => { message: string; stderrTail: string },
): WireAnswer {
  const [request] = requests;
  if (!request) return { kind: 'not-sent', ...whyNotSent() };
  if (requests.length > 1) {
    return {
      kind: 'broken',
      message: `${requests.length} requests reached the server for one call (${requests.map((r) => r.path).join(', ')})`,
      stderrTail: '',
    };
  }
  const signature = request.headers['hash-signature'] ?? '';
  const refusal = (): string | undefined => {
    if (request.path !== WIRE_PATH) return `the request went to ${request.path}, not ${WIRE_PATH}`;
    if (request.method !== 'POST') return `the request used ${request.method}, not POST`;
    if (request.auth && !request.auth.ok) return `${request.response.status} ${request.auth.msg}`;
    if (request.response.status === 413)
      return '413 Request Entity Too Large (body over the server limit)';
    return undefined;
  };
  const serverRefusal = refusal();
  return {
    kind: 'sent',
    signature,
    body: request.body,
    ...(serverRefusal === undefined ? {} : { serverRefusal }),
  };
}

/** Why an input cannot be sent by any wire column (the server cannot hold its secret). */
export function wirePrecheck(input: CaseInput): string | undefined {
  return secretText(input.secret) === undefined
    ? 'the secret is not UTF-8: the server reads client.secret from YAML, which cannot hold it'
    : undefined;
}

/** What an in-process sender needs per case. */
export interface InProcessSender {
  /** Why this sender cannot take the input at all (its API cannot express it), else undefined. */
  precheck(input: CaseInput): string | undefined;
  /** Sends the case to `url`; resolves with a description of what happened (never used to judge). */
  send(url: string, input: CaseInput, secret: string): Promise<SendOutcome>;
}

/** How a send ended, from the sender's side. */
export type SendOutcome =
  | { ok: true }
  /** It threw or reported a failure: the message, and whether it refused before sending. */
  | { ok: false; message: string; refused?: boolean };

/** Per-case time limit for in-process senders (loopback: far more than enough). */
const IN_PROCESS_TIMEOUT_MS = 30_000;

/** A session for a sender running inside this process (the SDK, this project's client). */
export class InProcessWireSession implements Session {
  readonly #servers: WireServers;
  readonly #sender: InProcessSender;

  constructor(servers: WireServers, sender: InProcessSender) {
    this.#servers = servers;
    this.#sender = sender;
  }

  /** Sends the case once; the trace is what reached the server. */
  async send(input: CaseInput): Promise<VectorTrace> {
    return { sent: await this.#sent(input) };
  }

  async #sent(input: CaseInput): Promise<WireAnswer> {
    const reason = wirePrecheck(input) ?? this.#sender.precheck(input);
    if (reason !== undefined) return { kind: 'unrepresentable', reason };
    const secret = secretText(input.secret) as string;
    const { requests, result } = await this.#servers.exchange(secret, async (server) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<SendOutcome>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, message: `timed out after ${IN_PROCESS_TIMEOUT_MS} ms` }),
          IN_PROCESS_TIMEOUT_MS,
        );
      });
      try {
        return await Promise.race([
          this.#sender
            .send(server.url, input, secret)
            .catch((error: unknown): SendOutcome => ({ ok: false, message: String(error) })),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    });
    if (requests.length === 0 && !result.ok && result.refused)
      return { kind: 'refused', message: result.message };
    return wireAnswer(requests, () => ({
      message: result.ok ? 'the call returned without sending anything' : result.message,
      stderrTail: '',
    }));
  }

  close(): Promise<void> {
    return this.#servers.close();
  }
}

/** What an in-process wire column is made of. */
export interface InProcessWireSpec {
  implementation: ImplementationInfo;
  environment: EnvironmentInfo;
  /** Loads the sender (its module) once; `available: false` makes the column unavailable. */
  load(): Promise<Availability<{ version: string; label?: string; sender: InProcessSender }>>;
}

/**
 * A wire column whose sender runs inside the runner's own process, against loopback
 * servers started per session.
 *
 * @example
 * ```ts
 * inProcessWireColumn({ implementation, environment, load: async () => ({ available: true, version: '1.0.0', sender }) });
 * ```
 */
export function inProcessWireColumn(spec: InProcessWireSpec): Column {
  return defineColumn({
    implementation: spec.implementation,
    environment: spec.environment,
    // One in-process sender, one call per case.
    modes: ['worker'],
    async prepare() {
      const server = await loadTestServer();
      if (!server.available) return missing(server);
      const loaded = await spec.load();
      if (!loaded.available) return missing(loaded);
      return {
        available: true,
        runtimeVersion: loaded.version,
        ...(loaded.label ? { label: loaded.label } : {}),
        ready: { start: server.start, sender: loaded.sender },
      };
    },
    open: ({ start, sender }) =>
      Promise.resolve(new InProcessWireSession(new WireServers(start), sender)),
  });
}
