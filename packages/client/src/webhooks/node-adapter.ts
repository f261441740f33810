/**
 * Webhook receiving for Node's `http` (and Express/Fastify raw requests), without
 * importing `node:http`: the request is typed structurally.
 *
 * @module
 */

import { WebhookVerificationError } from './errors.js';
import type { WebhookEvent } from './events.js';
import {
  createWebhookVerifier,
  type WebhookVerifier,
  type WebhookVerifierOptions,
} from './verify.js';

/** The parts of `http.IncomingMessage` used here. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** The parts of `http.ServerResponse` used here. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

const utf8 = new TextEncoder();

/**
 * Reads a Node request's body as raw bytes. Use it before any body parser has touched the
 * stream (with Express: `express.raw({ type: '*\/*' })` instead).
 *
 * @throws {RangeError} when the body exceeds `limitBytes` (default 1 MiB).
 * @example
 * ```ts
 * const raw = await readRawBody(req);
 * ```
 */
export async function readRawBody(
  request: NodeRequestLike,
  limitBytes = 1024 * 1024,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
    size += bytes.length;
    if (size > limitBytes) throw new RangeError(`webhook body exceeds ${limitBytes} bytes`);
    chunks.push(bytes);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Reads and verifies a webhook from a Node request.
 *
 * @throws {WebhookVerificationError} for every refusal; {@link RangeError} for oversize bodies.
 * @example
 * ```ts
 * const event = await verifyNodeWebhook(verifier, req);
 * ```
 */
export async function verifyNodeWebhook(
  verifier: WebhookVerifier | WebhookVerifierOptions,
  request: NodeRequestLike,
): Promise<WebhookEvent> {
  const v = 'verify' in verifier ? verifier : createWebhookVerifier(verifier);
  return v.verify(await readRawBody(request), request.headers);
}

/**
 * A `(req, res)` listener for `http.createServer`: 204 after `onEvent` resolves, 401 with
 * the error code for a refused webhook, 413 for oversize bodies, 405 for other methods,
 * 500 when `onEvent` throws (plugNmeet then retries).
 *
 * @throws Never: every failure becomes a status code.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(nodeWebhookListener({ apiKey, apiSecret }, (event) => console.log(event.event))).listen(3000);
 * ```
 */
export function nodeWebhookListener(
  options: WebhookVerifier | WebhookVerifierOptions,
  onEvent: (event: WebhookEvent) => unknown,
): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  const verifier = 'verify' in options ? options : createWebhookVerifier(options);
  const reply = (response: NodeResponseLike, status: number, text = '') => {
    response.statusCode = status;
    response.setHeader('content-type', 'text/plain');
    response.end(text);
  };
  return async (request, response) => {
    if (request.method !== 'POST') return reply(response, 405, 'method not allowed');
    let event: WebhookEvent;
    try {
      event = await verifyNodeWebhook(verifier, request);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return reply(response, 401, error.code);
      if (error instanceof RangeError) return reply(response, 413, error.message);
      return reply(response, 400, 'could not read the body');
    }
    try {
      await onEvent(event);
    } catch {
      return reply(response, 500, 'handler failed');
    }
    reply(response, 204);
  };
}
