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

/** A delivery as sent, and how the receiver answered. */
export interface WebhookDelivery {
  readonly url: string;
  /** The exact body bytes sent. */
  readonly body: Uint8Array;
  /** The JWT sent in `Authorization` and `Hash-Token`. */
  readonly token: string;
  /** The receiver's HTTP status, or 0 when the request failed. */
  readonly status: number;
  /** Why the request failed, when it did. */
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

/**
 * Sends one delivery of `event` to `url` and reports the receiver's answer (never throws for
 * a refused or unreachable receiver: that is part of the report).
 *
 * @throws {TestServerError} `WEBHOOK_FAILED` when `event` is not a valid `CommonNotifyEvent`.
 * @example
 * ```ts
 * const delivery = await deliverWebhook('http://127.0.0.1:9000/hook',
 *   { event: 'room_created', room: { room_id: 'r1' } },
 *   { apiKey: 'plugnmeet', secret, spaceAfterComma: true });
 * delivery.status; // 200
 * ```
 */
export async function deliverWebhook(
  url: string,
  event: Record<string, unknown>,
  signing: WebhookSigning,
): Promise<WebhookDelivery> {
  const body = webhookBody(event, signing.spaceAfterComma);
  const token = webhookToken(body, signing.apiKey, signing.secret);
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: { Authorization: token, 'Hash-Token': token, 'Content-Type': 'application/json' },
    });
    await response.arrayBuffer();
    return { url, body, token, status: response.status };
  } catch (error) {
    return { url, body, token, status: 0, error: String(error) };
  }
}
