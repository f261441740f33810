/**
 * Verifying the webhooks plugNmeet sends: HS256 JWT (jose) in `Authorization` or
 * `Hash-Token`, `iss` = API key, validity window, SHA-256 of the raw body; then the typed
 * event. Adapters for Node's `http` and for `Request`-based runtimes.
 *
 * @module
 */

export { isPlugNmeetError, PlugNmeetError, type PlugNmeetErrorCode } from '../errors/base.js';
export { bodyHash } from './body-hash.js';
export { type WebhookErrorCode, WebhookVerificationError } from './errors.js';
export type {
  KnownWebhookEventName,
  NotifyEventRoom,
  NotifyRecordingInfo,
  NotifyRoomArtifact,
  WebhookEvent,
  WebhookEventName,
} from './events.js';
export { verifyWebhookRequest, webhookHandler } from './fetch-adapter.js';
export { type HeadersLike, webhookToken } from './headers.js';
export {
  type NodeRequestLike,
  type NodeResponseLike,
  nodeWebhookListener,
  readRawBody,
  verifyNodeWebhook,
} from './node-adapter.js';
export {
  createWebhookVerifier,
  verifyWebhook,
  type WebhookVerifier,
  type WebhookVerifierOptions,
} from './verify.js';
