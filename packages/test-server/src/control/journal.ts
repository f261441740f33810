/**
 * What the control API lists: the request and webhook records, the same JSON objects the
 * `pnm-test-server` log lines carry (bodies cut to a bound), kept in arrival order up to a
 * count and a byte bound.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { requestLogRecord, webhookLogLine } from '../request-log.js';
import type { RecordedRequest } from '../types.js';
import type { WebhookDelivery } from '../webhooks/deliver.js';
import { DEFAULT_CONTROL_LIMITS, jsonBytes } from './limits.js';

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
  /** Forgets every record and zeroes `dropped` (`POST /__control/reset`). */
  reset(): void;
  /** How many records were dropped to stay within the bounds, since the start or the last reset. */
  readonly dropped: { readonly requests: number; readonly webhooks: number };
}

/** Records kept per kind by default before the oldest are dropped. */
export const DEFAULT_JOURNAL_LIMIT = 10_000;

/** How a journal is bounded; every field has a default. */
export interface JournalBounds {
  /** Records kept per kind; default {@link DEFAULT_JOURNAL_LIMIT}. */
  readonly records?: number;
  /** Bytes of the records of one kind together (as JSON); default 32 MiB. */
  readonly bytes?: number;
  /** Bytes of one body kept in a record (the rest is cut, `*_bytes` says the full size); default 64 KiB. */
  readonly bodyBytes?: number;
}

interface Entry {
  readonly path: string;
  readonly index: number;
  readonly record: Record<string, unknown>;
  readonly bytes: number;
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
 * `record[base64Key]`/`record[textKey]` cut to the first `limit` bytes of `body`, with the full
 * size beside them: a 50 MiB body kept ten thousand times is what made the list fail.
 */
function cutBody(
  record: Record<string, unknown>,
  body: Uint8Array,
  limit: number,
  keys: { base64?: string; text: string; bytes: string; truncated: string },
): void {
  if (body.length <= limit) return;
  const head = body.subarray(0, limit);
  if (keys.base64 !== undefined) record[keys.base64] = Buffer.from(head).toString('base64');
  // The log leaves out the text of a huge body; the cut head is small enough to show.
  const omitted = record.body_text_omitted !== undefined && keys.base64 !== undefined;
  if (omitted) delete record.body_text_omitted;
  if (record[keys.text] !== null || omitted) record[keys.text] = headText(head);
  record[keys.bytes] = body.length;
  record[keys.truncated] = true;
}

/**
 * The text of a cut body's head, or `null` when it is not UTF-8. Streaming: a cut that splits
 * a character leaves it out instead of calling the whole head invalid.
 */
function headText(head: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head, {
      stream: true,
    });
  } catch {
    return null;
  }
}

function requestEntry(request: RecordedRequest, bodyLimit: number): Entry {
  // The record the log line prints, so both tell the same story (bodies cut to the bound).
  const record = requestLogRecord(request);
  cutBody(record, request.body, bodyLimit, {
    base64: 'body_base64',
    text: 'body_text',
    bytes: 'body_bytes',
    truncated: 'body_truncated',
  });
  const response = { ...(record.response as Record<string, unknown>) };
  cutBody(response, request.response.body, bodyLimit, {
    text: 'body_text',
    bytes: 'body_bytes',
    truncated: 'body_truncated',
  });
  record.response = response;
  return { path: request.path, index: request.index, record, bytes: jsonBytes(record) };
}

function webhookEntry(delivery: WebhookDelivery, bodyLimit: number): Entry {
  const record = webhookRecord(delivery);
  cutBody(record, delivery.body, bodyLimit, {
    base64: 'body_base64',
    text: 'body_text',
    bytes: 'body_bytes',
    truncated: 'body_truncated',
  });
  return { path: delivery.url, index: 0, record, bytes: jsonBytes(record) };
}

/** Records of one kind, bounded in count and bytes; the oldest go first. */
function boundedList(maxRecords: number, maxBytes: number) {
  const entries: Entry[] = [];
  let bytes = 0;
  let dropped = 0;
  const recount = () => {
    bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  };
  return {
    entries,
    get dropped() {
      return dropped;
    },
    add(entry: Entry) {
      entries.push(entry);
      bytes += entry.bytes;
      let drop = 0;
      while (entries.length - drop > maxRecords || (bytes > maxBytes && drop < entries.length)) {
        bytes -= (entries[drop] as Entry).bytes;
        drop++;
      }
      if (drop > 0) {
        entries.splice(0, drop);
        dropped += drop;
      }
    },
    keep(keep: (entry: Entry) => boolean): number {
      const before = entries.length;
      entries.splice(0, entries.length, ...entries.filter(keep));
      recount();
      return before - entries.length;
    },
    reset() {
      entries.length = 0;
      bytes = 0;
      dropped = 0;
    },
  };
}

/**
 * A journal keeping, per kind, at most `records` records and `bytes` bytes of them, each body
 * cut to `bodyBytes` (a long-running process must not keep every body forever; `dropped`
 * says how many records went, `body_bytes` how large a cut body was).
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
export function createControlJournal(bounds: JournalBounds | number = {}): ControlJournal {
  const given = typeof bounds === 'number' ? { records: bounds } : bounds;
  const records = given.records ?? DEFAULT_JOURNAL_LIMIT;
  const bytes = given.bytes ?? DEFAULT_CONTROL_LIMITS.journalBytes;
  const bodyBytes = given.bodyBytes ?? DEFAULT_CONTROL_LIMITS.journalBodyBytes;
  const requests = boundedList(records, bytes);
  const webhooks = boundedList(records, bytes);
  return {
    recordRequest(request) {
      requests.add(requestEntry(request, bodyBytes));
    },
    recordWebhook(delivery) {
      webhooks.add(webhookEntry(delivery, bodyBytes));
    },
    requests(filter = {}) {
      return requests.entries.filter((entry) => matches(entry, filter)).map((e) => e.record);
    },
    clearRequests(filter = {}) {
      return requests.keep((entry) => !matches(entry, filter));
    },
    webhooks() {
      return webhooks.entries.map((entry) => entry.record);
    },
    clearWebhooks() {
      return webhooks.keep(() => false);
    },
    reset() {
      requests.reset();
      webhooks.reset();
    },
    dropped: {
      get requests() {
        return requests.dropped;
      },
      get webhooks() {
        return webhooks.dropped;
      },
    },
  };
}
