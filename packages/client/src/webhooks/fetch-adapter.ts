/**
 * Webhook receiving for `Request`-based runtimes: Deno, Bun, Cloudflare Workers, Next.js
 * route handlers, Hono…
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

const asVerifier = (v: WebhookVerifier | WebhookVerifierOptions) =>
  'verify' in v ? v : createWebhookVerifier(v);

/**
 * Reads the raw body of a Fetch `Request` (never `request.json()`: the hash covers the
 * exact bytes) and verifies it.
 *
 * @throws {WebhookVerificationError} for every refusal.
 * @example
 * ```ts
 * const event = await verifyWebhookRequest(verifier, request);
 * ```
 */
export async function verifyWebhookRequest(
  verifier: WebhookVerifier | WebhookVerifierOptions,
  request: Request,
): Promise<WebhookEvent> {
  const body = new Uint8Array(await request.arrayBuffer());
  return asVerifier(verifier).verify(body, request.headers);
}

/**
 * A `(request) => Response` handler: 204 after `onEvent` resolves, 401 with the error
 * code for a refused webhook, 405 for other methods. Errors thrown by `onEvent` propagate
 * (your framework answers 500 and plugNmeet retries).
 *
 * @throws Never itself; see above for `onEvent` errors.
 * @example
 * ```ts
 * // Deno / Bun
 * const handler = webhookHandler({ apiKey, apiSecret }, async (event) => console.log(event.event));
 * Deno.serve(handler); // or Bun.serve({ fetch: handler })
 * ```
 */
export function webhookHandler(
  options: WebhookVerifier | WebhookVerifierOptions,
  onEvent: (event: WebhookEvent) => unknown,
): (request: Request) => Promise<Response> {
  const verifier = asVerifier(options);
  return async (request) => {
    if (request.method !== 'POST') return new Response('method not allowed', { status: 405 });
    let event: WebhookEvent;
    try {
      event = await verifyWebhookRequest(verifier, request);
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        return new Response(error.code, { status: 401, headers: { 'content-type': 'text/plain' } });
      }
      throw error;
    }
    await onEvent(event);
    return new Response(null, { status: 204 });
  };
}
