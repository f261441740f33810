/**
 * The control API's endpoints: one table, read by the router, the index page and the test
 * that holds the shipped OpenAPI document to it.
 *
 * @module
 */
import type { TestServer } from '../server.js';
import type { TestResponse } from '../types.js';
import type { ControlJournal } from './journal.js';
import type { RouteLedger } from './ledger.js';
import type { ControlLimits } from './limits.js';

/** The prefix of every control endpoint: outside `/auth` and `/healthCheck`, as a mount must be. */
export const CONTROL_PREFIX = '/__control';

/** What an endpoint gets. */
export interface ControlCall {
  readonly server: TestServer;
  readonly journal: ControlJournal;
  readonly limits: ControlLimits;
  /** The routes this control API replaced, and the size of each answer. */
  readonly routes: RouteLedger;
  /** The bytes of an answer's control JSON, each answer measured once. */
  readonly sizeOf: (answer: TestResponse) => number;
  /**
   * The part of the path after the prefix and the endpoint's own path (`routes/*` only),
   * percent-decoded.
   */
  readonly rest: string;
  readonly query: URLSearchParams;
  /** The parsed JSON body (`undefined` when there was none). */
  readonly body: unknown;
}

/** One method on one path. */
export interface ControlEndpoint {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the prefix: `''`, `/answers`, `/routes/*` (the rest names a route). */
  readonly path: string;
  /** One line for the index and `--help`. */
  readonly summary: string;
  /** Query parameters it reads; any other is a 400. */
  readonly query: readonly string[];
  run(call: ControlCall): TestResponse | Promise<TestResponse>;
}

/**
 * Whether `relative` (the path after the prefix) is `endpoint.path`, and the rest for `/*`.
 *
 * @throws Never.
 * @example
 * ```ts
 * matchPath('/routes/*', '/routes/room/create'); // 'room/create'
 * matchPath('/state', '/answers'); // undefined
 * ```
 */
export function matchPath(pattern: string, relative: string): string | undefined {
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2);
    return relative.startsWith(`${base}/`) ? relative.slice(base.length + 1) : undefined;
  }
  return relative === pattern ? '' : undefined;
}
