/**
 * What the control API lists: the request and webhook records, the same JSON objects the
 * `pnm-test-server` log lines carry, kept in arrival order up to a bound.
 *
 * @module
 */
import { requestLogRecord, webhookLogLine } from '../request-log.js';
import type { RecordedRequest } from '../types.js';
import type { WebhookDelivery } from '../webhooks/deliver.js';

/** Which recorded requests a list or clear call means; every given filter must hold. */
export interface RequestFilter {
  /** Exact path without the query string, e.g. `/auth/room/create`. */
  readonly path?: string;
  /** Path prefix, e.g. `/auth/recording/`. */
  readonly prefix?: string;
  /** Only requests whose `index` is at least this (to poll for new ones). */
  readonly since?: number;
}

/** The records kept for the control API. */
export interface ControlJournal {
  /** Keeps one answered request (wire it to `onRequest`). */
  recordRequest(request: RecordedRequest): void;
  /** Keeps one webhook delivery (wire it to `onWebhook`). */
  recordWebhook(delivery: WebhookDelivery): void;
  /** The request records matching `filter`, oldest first. */
  requests(filter?: RequestFilter): Record<string, unknown>[];
  /** Forgets the request records matching `filter`; returns how many. */
  clearRequests(filter?: RequestFilter): number;
  /** The webhook records, oldest first. */
  webhooks(): Record<string, unknown>[];
  /** Forgets every webhook record; returns how many. */
  clearWebhooks(): number;
  /** How many records were dropped to stay within the bound, since the start. */
  readonly dropped: { readonly requests: number; readonly webhooks: number };
}

/** Records kept per kind by default before the oldest are dropped. */
export const DEFAULT_JOURNAL_LIMIT = 10_000;

interface Entry {
  readonly path: string;
  readonly index: number;
  readonly record: Record<string, unknown>;
}

/**
 * A delivery as the record its `{"type":"webhook",…}` log line carries.
 *
 * @throws Never.
 * @example
 * ```ts
 * webhookRecord(delivery).token; // the JWT sent
 * ```
 */
export function webhookRecord(delivery: WebhookDelivery): Record<string, unknown> {
  return JSON.parse(webhookLogLine(delivery)) as Record<string, unknown>;
}

const matches = (entry: Entry, filter: RequestFilter) =>
  (filter.path === undefined || entry.path === filter.path) &&
  (filter.prefix === undefined || entry.path.startsWith(filter.prefix)) &&
  (filter.since === undefined || entry.index >= filter.since);

/**
 * A journal keeping at most `limit` records of each kind (a long-running process must not
 * keep every body forever; `dropped` says when it did not).
 *
 * @throws Never.
 * @example
 * ```ts
 * const journal = createControlJournal();
 * const server = await startTestServer({
 *   onRequest: journal.recordRequest,
 *   onWebhook: journal.recordWebhook,
 * });
 * mountControlApi(server, { journal });
 * ```
 */
export function createControlJournal(limit = DEFAULT_JOURNAL_LIMIT): ControlJournal {
  const requests: Entry[] = [];
  const webhooks: Record<string, unknown>[] = [];
  const dropped = { requests: 0, webhooks: 0 };
  return {
    recordRequest(request) {
      // The record the log line prints, so both tell the same story.
      requests.push({
        path: request.path,
        index: request.index,
        record: requestLogRecord(request),
      });
      if (requests.length > limit)
        dropped.requests += requests.splice(0, requests.length - limit).length;
    },
    recordWebhook(delivery) {
      webhooks.push(webhookRecord(delivery));
      if (webhooks.length > limit)
        dropped.webhooks += webhooks.splice(0, webhooks.length - limit).length;
    },
    requests(filter = {}) {
      return requests.filter((entry) => matches(entry, filter)).map((entry) => entry.record);
    },
    clearRequests(filter = {}) {
      const before = requests.length;
      const kept = requests.filter((entry) => !matches(entry, filter));
      requests.splice(0, requests.length, ...kept);
      return before - kept.length;
    },
    webhooks() {
      return [...webhooks];
    },
    clearWebhooks() {
      return webhooks.splice(0).length;
    },
    dropped,
  };
}
