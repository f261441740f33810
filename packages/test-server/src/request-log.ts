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

// ignoreBOM keeps a leading U+FEFF: the text is the body's, byte for byte.
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The most a request line's `body_text` may take once escaped as JSON. A 50 MiB body of
 * control bytes is 300 MB of `\u0000` escapes, a line the process would build and copy whole;
 * past this limit the text is left out (the bytes are always in `body_base64`).
 */
export const LOG_TEXT_LIMIT_BYTES = 64 * 1024 * 1024;

/** Bytes of `JSON.stringify` of the text of `bytes` (valid UTF-8), counted on the bytes. */
function jsonTextBytes(bytes: Uint8Array): number {
  let size = 2;
  for (const b of bytes) {
    if (
      b === 0x22 ||
      b === 0x5c ||
      b === 0x08 ||
      b === 0x09 ||
      b === 0x0a ||
      b === 0x0c ||
      b === 0x0d
    ) {
      size += 2;
    } else size += b < 0x20 ? 6 : 1;
  }
  return size;
}

/** The body as text when it is valid UTF-8, else `null` (the base64 is always there). */
function textOrNull(bytes: Uint8Array): string | null {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** `body_text` of a request line, and why it is left out when it is. */
function bodyText(bytes: Uint8Array): { body_text: string | null; body_text_omitted?: string } {
  const escaped = jsonTextBytes(bytes);
  if (escaped > LOG_TEXT_LIMIT_BYTES) {
    return {
      body_text: null,
      body_text_omitted: `its JSON form would take ${escaped} bytes, over the log's ${LOG_TEXT_LIMIT_BYTES}: body_base64 has the bytes`,
    };
  }
  return { body_text: textOrNull(bytes) };
}

/**
 * The log record of one request: the exact bytes (base64, plus UTF-8 text when valid and its
 * JSON form within {@link LOG_TEXT_LIMIT_BYTES}, else `body_text_omitted` says why), the
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
    ...bodyText(request.body),
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
