/**
 * `POST …/webhooks`: a real delivery of a `CommonNotifyEvent`, sent now, reported back
 * within a bounded wait.
 *
 * @module
 */
import type { TestServer } from '../server.js';
import { webhookBody } from '../webhooks/deliver.js';
import { UPSTREAM_EVENT_NAMES } from './event-names.js';
import { badInput, httpUrl, integer, type JsonObject, list, objectWith, text } from './input.js';
import { webhookRecord } from './journal.js';
import type { ControlLimits } from './limits.js';

/** A checked webhook call: the event, where to send it, and how long to wait for answers. */
export interface WebhookCall {
  readonly event: JsonObject;
  /** Receivers named in the call; `undefined` means the configured ones. */
  readonly urls: readonly string[] | undefined;
  /** How long the call waits for the receivers before it answers 202 with the pending ones. */
  readonly waitMs: number;
}

/**
 * Reads `{event: {event: "room_started", room: {…}, …}, urls?: ["http://…"], wait_ms?,
 * allow_unknown_event?}`. The event name must be one the upstream server sends (unless
 * `allow_unknown_event` is true, to test how an SDK takes a name newer than itself); the
 * event is built into a `CommonNotifyEvent` here (a trial serialization), so an unknown field
 * or a wrong type is a 400 before anything is sent.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` saying what the event, URLs or wait must be.
 * @example
 * ```ts
 * readWebhookCall({ event: { event: 'room_started', room: { room_id: 'r1' } } }, DEFAULT_CONTROL_LIMITS);
 * ```
 */
export function readWebhookCall(value: unknown, limits: ControlLimits): WebhookCall {
  const call = objectWith(value, 'the body', ['event', 'urls', 'wait_ms', 'allow_unknown_event']);
  const event = objectWith(call.event, 'event', Object.keys(call.event ?? {}));
  const name = text(
    event.event,
    'event.event',
    'a CommonNotifyEvent name such as room_started or participant_joined',
  );
  const anyName = call.allow_unknown_event ?? false;
  if (typeof anyName !== 'boolean') {
    throw badInput('allow_unknown_event', 'true or false', anyName);
  }
  // The notifier lowercases the name before sending, so ROOM_STARTED is room_started.
  if (!anyName && !UPSTREAM_EVENT_NAMES.includes(name.toLowerCase())) {
    throw badInput(
      'event.event',
      `an event the upstream server sends: ${UPSTREAM_EVENT_NAMES.join(', ')} (or allow_unknown_event: true)`,
      name,
    );
  }
  try {
    webhookBody(event, false);
  } catch (error) {
    throw badInput(
      'event',
      `a plugnmeet.CommonNotifyEvent as protojson (${(error as Error).message})`,
      event,
    );
  }
  const urls =
    call.urls === undefined
      ? undefined
      : list(call.urls, 'urls', 'an array of http(s) URLs', (url, at) => httpUrl(url, at));
  const waitMs =
    call.wait_ms === undefined
      ? limits.webhookWaitMs
      : integer(call.wait_ms, 'wait_ms', 0, limits.webhookMaxWaitMs);
  return { event, urls, waitMs };
}

/**
 * Sends `event` to every URL of `urls` at once and waits at most `waitMs` for them: a
 * receiver that never answers must not hold the control call (nor, through it, the test
 * suite). Deliveries still out when the wait ends go on; the server's `onWebhook` records
 * them when they end.
 *
 * @throws {TestServerError} `WEBHOOK_FAILED` when `event` is not a valid `CommonNotifyEvent`.
 * @example
 * ```ts
 * const { deliveries, pending } = await sendBounded(server, event, ['http://127.0.0.1:9/'], 5000);
 * ```
 */
export async function sendBounded(
  server: TestServer,
  event: JsonObject,
  urls: readonly string[],
  waitMs: number,
): Promise<{ deliveries: Record<string, unknown>[]; pending: string[] }> {
  const done = new Map<number, Record<string, unknown>>();
  // One send per URL, so each delivery is reported as soon as it ends.
  const sends = urls.map((url, at) =>
    server.sendWebhook(event, [url]).then(([delivery]) => {
      if (delivery) done.set(at, webhookRecord(delivery));
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  try {
    await Promise.race([Promise.all(sends), waited]);
  } finally {
    clearTimeout(timer);
  }
  const deliveries = urls.flatMap((_, at) => {
    const record = done.get(at);
    return record === undefined ? [] : [record];
  });
  const pending = urls.filter((_, at) => !done.has(at));
  return { deliveries, pending };
}
