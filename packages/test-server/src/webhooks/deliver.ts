/**
 * Real webhook deliveries, made by the upstream notifier's rules (`webhook/notifier.go`,
 * `sendWebhookRequest`): a `CommonNotifyEvent`, event name lower-cased, `created_at` and `id`
 * filled in, protojson with proto names and no unpopulated fields; an HS256 JWT (`iss` = API
 * key, `nbf`, `exp` = +5 min, `sha256` = padded standard base64 of SHA-256 of the exact body)
 * in both `Authorization` and `Hash-Token`, without `Bearer`.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { TestServerError } from '../errors.js';
import { goProtoJsonPopulated } from '../protocol/encode-answer.js';
import { messageSchema, protocolRegistry } from '../protocol/registry.js';
import { encodeProtoJson } from '../protojson.js';
import { checkWebhookTimeout } from './timeout.js';

/** A delivery as sent, and how the receiver answered. */
export interface WebhookDelivery {
  readonly url: string;
  /** The exact body bytes sent. */
  readonly body: Uint8Array;
  /** The JWT sent in `Authorization` and `Hash-Token`. */
  readonly token: string;
  /** The receiver's HTTP status, or 0 when no answer came (failed, timed out, cancelled). */
  readonly status: number;
  /** Why the request failed, timed out or was cancelled, when it did (even after a status). */
  readonly error?: string;
}

/** What a delivery is signed with and how its body is spaced. */
export interface WebhookSigning {
  readonly apiKey: string;
  readonly secret: string;
  /** Space after commas (Go's per-process random choice). */
  readonly spaceAfterComma: boolean;
}

const base64url = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');

/**
 * The body bytes of a delivery of `event` (a `CommonNotifyEvent` as protojson).
 *
 * @throws {TestServerError} `WEBHOOK_FAILED` when `event` is not a valid `CommonNotifyEvent`.
 * @example
 * ```ts
 * webhookBody({ event: 'ROOM_CREATED', room: { room_id: 'r1' } }, true);
 * ```
 */
export function webhookBody(event: Record<string, unknown>, spaceAfterComma: boolean): Uint8Array {
  const schema = messageSchema('plugnmeet.CommonNotifyEvent');
  const filled = {
    ...event,
    event: String(event.event ?? '').toLowerCase(),
    created_at: event.created_at ?? String(Math.floor(Date.now() / 1000)),
    id: event.id ?? randomUUID(),
  };
  let message: ReturnType<typeof fromJson>;
  try {
    message = fromJson(schema, filled as unknown as JsonValue, { registry: protocolRegistry() });
  } catch (error) {
    throw new TestServerError('WEBHOOK_FAILED', `not a CommonNotifyEvent: ${String(error)}`, {
      cause: error,
    });
  }
  return Buffer.from(encodeProtoJson(goProtoJsonPopulated(schema, message), spaceAfterComma));
}

/**
 * The token of a delivery: LiveKit's `AccessToken.SetValidFor(5m).SetSha256(b64).ToJWT()`.
 *
 * @example
 * ```ts
 * webhookToken(body, 'plugnmeet', secret);
 * ```
 */
export function webhookToken(body: Uint8Array, apiKey: string, secret: string): string {
  const sha256 = createHash('sha256').update(body).digest('base64');
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ exp: now + 300, iss: apiKey, nbf: now, sha256 }));
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest();
  return `${header}.${claims}.${base64url(signature)}`;
}

/** How long a delivery may take and when it is cancelled. */
export interface WebhookLimits {
  /**
   * Milliseconds from sending to the end of the answer read; default
   * {@link WEBHOOK_TIMEOUT_MS}. The upstream notifier has no timeout at all (a bare
   * `http.Transport`): a receiver that never answers holds its worker forever. The emulator
   * gives up, so that a stop is never held hostage by a receiver. An integer from 1 to
   * 2^31 - 1.
   */
  readonly timeoutMs?: number;
  /** Cancels the delivery (the server's `close()` aborts every delivery in flight). */
  readonly signal?: AbortSignal;
}

/** The default time a delivery may take, answer read included. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * How much of a receiver's answer is read. The notifier discards the answer (its body is
 * never used); reading a little lets the receiver finish writing, and stopping there keeps an
 * endless answer from costing memory or time.
 */
export const WEBHOOK_ANSWER_READ_BYTES = 64 * 1024;

/** Reads and discards at most `limit` bytes of `body`, then cancels the rest. */
async function discardAnswer(body: ReadableStream<Uint8Array> | null, limit: number) {
  if (body === null) return;
  const reader = body.getReader();
  let read = 0;
  try {
    while (read <= limit) {
      const chunk = await reader.read();
      if (chunk.done) return;
      read += chunk.value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Sends one delivery of `event` to `url` and reports the receiver's answer (never throws for
 * a refused, unreachable, slow or cancelled receiver: that is part of the report). The status
 * is reported once the headers arrive; at most {@link WEBHOOK_ANSWER_READ_BYTES} of the answer
 * are read, within the same timeout.
 *
 * @throws {TestServerError} `WEBHOOK_FAILED` when `event` is not a valid `CommonNotifyEvent`;
 *   `USAGE` when `limits.timeoutMs` is not an integer from 1 to 2^31 - 1.
 * @example
 * ```ts
 * const delivery = await deliverWebhook('http://127.0.0.1:9000/hook',
 *   { event: 'room_created', room: { room_id: 'r1' } },
 *   { apiKey: 'plugnmeet', secret, spaceAfterComma: true }, { timeoutMs: 2000 });
 * delivery.status; // 200, or 0 with `error` when it failed, timed out or was cancelled
 * ```
 */
export async function deliverWebhook(
  url: string,
  event: Record<string, unknown>,
  signing: WebhookSigning,
  limits: WebhookLimits = {},
): Promise<WebhookDelivery> {
  const body = webhookBody(event, signing.spaceAfterComma);
  const token = webhookToken(body, signing.apiKey, signing.secret);
  // Checked before anything is sent: AbortSignal.timeout would throw ERR_OUT_OF_RANGE.
  const timeoutMs =
    limits.timeoutMs === undefined
      ? WEBHOOK_TIMEOUT_MS
      : checkWebhookTimeout(limits.timeoutMs, 'limits.timeoutMs');
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  let status = 0;
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: { Authorization: token, 'Hash-Token': token, 'Content-Type': 'application/json' },
      signal,
    });
    status = response.status;
    await discardAnswer(response.body, WEBHOOK_ANSWER_READ_BYTES);
    return { url, body, token, status };
  } catch (error) {
    const reason = timeout.aborted
      ? `timed out after ${timeoutMs} ms`
      : limits.signal?.aborted
        ? 'cancelled: the server stopped'
        : String(error);
    return { url, body, token, status, error: reason };
  }
}
