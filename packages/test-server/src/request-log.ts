/**
 * One JSON line per request: what `pnm-test-server` prints on stdout.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import type { RecordedRequest } from './types.js';
import type { WebhookDelivery } from './webhooks/deliver.js';

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text when it is valid UTF-8, else `null` (the base64 is always there). */
function textOrNull(bytes: Uint8Array): string | null {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The log record of one request: the exact bytes (base64, plus UTF-8 text when valid), the
 * headers as sent, the signature verdict (with `body not authenticated` when the multipart
 * rule signed the `Room-Id` header instead of the body), the protocol verdict and the answer.
 *
 * @throws Never.
 * @example
 * ```ts
 * const server = await startTestServer({ onRequest: (r) => console.log(requestLogLine(r)) });
 * ```
 */
export function requestLogRecord(request: RecordedRequest): Record<string, unknown> {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    pairs.push([request.rawHeaders[i] as string, request.rawHeaders[i + 1] as string]);
  }
  const auth = request.auth;
  return {
    type: 'request',
    index: request.index,
    method: request.method,
    url: request.url,
    headers: pairs,
    body_base64: base64(request.body),
    body_text: textOrNull(request.body),
    auth:
      auth === undefined
        ? null
        : {
            ok: auth.ok,
            ...(auth.ok ? {} : { reason: auth.reason, msg: auth.msg }),
            signed: auth.mode ?? null,
            ...(auth.mode === 'room-id' ? { note: 'body not authenticated' } : {}),
            expected_signature: auth.expectedSignature ?? null,
          },
    protocol: request.protocol ?? null,
    response: {
      status: request.response.status,
      hung_up: request.response.hungUp,
      body_text: textOrNull(request.response.body),
    },
  };
}

/**
 * {@link requestLogRecord} as one line of JSON, without the trailing newline.
 *
 * @throws Never.
 * @example
 * ```ts
 * process.stdout.write(`${requestLogLine(server.lastRequest!)}\n`);
 * ```
 */
export function requestLogLine(request: RecordedRequest): string {
  return JSON.stringify(requestLogRecord(request));
}

/**
 * One webhook delivery as a line of JSON: the URL, the exact body, the token and the
 * receiver's answer.
 *
 * @throws Never.
 * @example
 * ```ts
 * const server = await startTestServer({ onWebhook: (d) => console.log(webhookLogLine(d)) });
 * ```
 */
export function webhookLogLine(delivery: WebhookDelivery): string {
  return JSON.stringify({
    type: 'webhook',
    url: delivery.url,
    body_base64: base64(delivery.body),
    body_text: textOrNull(delivery.body),
    token: delivery.token,
    status: delivery.status,
    ...(delivery.error === undefined ? {} : { error: delivery.error }),
  });
}
