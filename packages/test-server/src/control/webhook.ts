/**
 * `POST …/webhooks`: a real delivery of any `CommonNotifyEvent`, sent now, reported back.
 *
 * @module
 */
import { webhookBody } from '../webhooks/deliver.js';
import { badInput, httpUrl, type JsonObject, list, objectWith, text } from './input.js';

/** A checked webhook call: the event, and where to send it. */
export interface WebhookCall {
  readonly event: JsonObject;
  /** Receivers named in the call; `undefined` means the configured ones. */
  readonly urls: readonly string[] | undefined;
}

/**
 * Reads `{event: {event: "room_started", room: {…}, …}, urls?: ["http://…"]}`. The event is
 * built into a `CommonNotifyEvent` here (a trial serialization), so an unknown field or a
 * wrong type is a 400 before anything is sent.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` saying what the event or the URLs must be.
 * @example
 * ```ts
 * readWebhookCall({ event: { event: 'room_started', room: { room_id: 'r1' } } });
 * ```
 */
export function readWebhookCall(value: unknown): WebhookCall {
  const call = objectWith(value, 'the body', ['event', 'urls']);
  const event = objectWith(call.event, 'event', Object.keys(call.event ?? {}));
  text(
    event.event,
    'event.event',
    'a CommonNotifyEvent name such as room_started or participant_joined',
  );
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
  return { event, urls };
}
