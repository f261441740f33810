/**
 * A plugNmeet-like loopback server for tests: it checks `/auth` requests exactly like the
 * plugNmeet server, answers like it, and records every request byte for byte.
 *
 * @module
 */

export { AUTH_MESSAGES, type AuthInput, type Credentials, checkAuth } from './auth.js';
export { type CliIo, main } from './cli/main.js';
export {
  CONTROL_PREFIX,
  type ControlApiOptions,
  mountControlApi,
  refuseControlApi,
} from './control/api.js';
export {
  type ControlJournal,
  createControlJournal,
  DEFAULT_JOURNAL_LIMIT,
  type JournalBounds,
  type RequestFilter,
} from './control/journal.js';
export { type ControlLimits, DEFAULT_CONTROL_LIMITS } from './control/limits.js';
export type { ControlRefusal } from './control/reply.js';
export { TestServerError, type TestServerErrorCode } from './errors.js';
export { UPSTREAM } from './generated/plugnmeet-protocol.js';
export { parseMultipart } from './multipart.js';
export { droppedFields } from './protocol/dropped-fields.js';
export { answerMessage, goProtoJson } from './protocol/encode-answer.js';
export { type ParsedRequest, parseRequestBody } from './protocol/parse-request.js';
export { messageSchema, protocolRegistry, protocolValidator } from './protocol/registry.js';
export { AUTH_ROUTES, type AuthRoute, authRoute } from './protocol/routes.js';
export { type CommaSpace, encodeProtoJson, seededRandom } from './protojson.js';
export { commonResponse, fail, mintToken, notFound, ok } from './replies.js';
export { requestLogLine, requestLogRecord, webhookLogLine } from './request-log.js';
export {
  type HandlerLike,
  type MountedHandler,
  type MountedRequest,
  normalizePath,
  SAMPLE_API_KEY,
  SAMPLE_SECRET,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from './server.js';
export { type ActiveRoom, createFakeState, type FakeState } from './state.js';
export type {
  AuthFailure,
  AuthVerdict,
  FormPart,
  HandlerRequest,
  ProtocolVerdict,
  RecordedRequest,
  RecordedResponse,
  TestHandler,
  TestResponse,
} from './types.js';
export {
  deliverWebhook,
  type WebhookDelivery,
  type WebhookLimits,
  type WebhookSigning,
  webhookBody,
  webhookToken,
} from './webhooks/deliver.js';
