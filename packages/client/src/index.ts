/**
 * The plugNmeet server API client: one typed method per `/auth` endpoint, signing exactly
 * the bytes it sends, on Node 20+, Deno, Bun and edge runtimes. Webhook verification lives
 * in `@plugnmeet-signing/client/webhooks`.
 *
 * @module
 */
export { PlugNmeet, type PlugNmeetOptions, type RequestOptions } from './client.js';
export { ENDPOINTS, type EndpointInfo, type EndpointName, endpointPath } from './endpoints.js';
export * from './errors/index.js';
export type { CallOptions, OutgoingRequest, RetryOptions } from './transport.js';
export type * from './types/artifact.js';
export type * from './types/common.js';
export type * from './types/livekit.js';
export type * from './types/recording.js';
export type * from './types/room.js';
export {
  analyticsDownloadUrl,
  artifactDownloadUrl,
  joinUrl,
  recordingDownloadUrl,
} from './urls.js';
