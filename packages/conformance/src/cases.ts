/**
 * The vocabulary of protocol v2's cases, on the lowest floor: the scenario a call runs in and
 * the webhook delivery a verifier is handed. The tables that make them (`sdk/`) and the
 * judges that read them (`judges/`) both stand on it.
 *
 * @module
 */
import type { AuthRoute, TestResponse } from '@plugnmeet-signing/test-server';
import type { CallFailure } from './model.js';

export type CallScenarioId =
  | 'answer'
  | 'quirks'
  | 'status-false'
  | 'unauthorized'
  | 'bad-gateway'
  | 'html-200'
  | 'hang-up'
  | 'timeout';

export interface CallScenario {
  id: CallScenarioId;
  description: string;
  /** What the SDK must answer: its result, or a failure of this kind. */
  expect: 'result' | CallFailure['kind'];
  /** The HTTP status a failure must name, where there is one. */
  httpStatus?: number;
  /** The SDK gets a secret the server does not know. */
  wrongSecret?: boolean;
  /** The timeout handed to the SDK (`CallInput.timeoutMs`); `CALL_TIMEOUT_MS` (`sdk/call-scenarios.ts`) if unset. */
  timeoutMs?: number;
  /**
   * The only endpoints this scenario runs on; every endpoint if unset. A timeout is the SDK
   * transport's, not an endpoint's, and an SDK that can only be given whole seconds would pay
   * one per endpoint.
   */
  endpoints?: readonly string[];
  /**
   * The scripted answer; none: the emulator's own stateful handler answers. `timeoutMs` is
   * the timeout the SDK was handed for this call.
   */
  script?(route: AuthRoute, timeoutMs: number): TestResponse;
}

/** One webhook delivery as it reaches the SDK's endpoint. */
export interface WebhookDelivery {
  /** The exact body bytes. */
  body: Uint8Array;
  /** The headers as sent (`Authorization`, `Hash-Token`, `Content-Type`). */
  headers: Record<string, string>;
}

/** A delivery the runner hands to the SDK, with the verdict the reference gives. */
export interface WebhookCase {
  id: string;
  description: string;
  delivery: WebhookDelivery;
  valid: boolean;
}
