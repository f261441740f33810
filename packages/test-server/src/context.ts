/**
 * What every default handler needs besides the request.
 *
 * @module
 */
import type { FakeState } from './state.js';

/** Shared by the default handlers of one server. */
export interface HandlerContext {
  readonly state: FakeState;
  readonly apiKey: string;
  readonly secret: string;
  /**
   * Fields no client knows yet, merged into responses to prove clients keep unknown fields
   * instead of failing (the official JS SDK throws on them). Empty when disabled.
   */
  readonly unknownFields: Readonly<Record<string, unknown>>;
  /**
   * Sends a webhook delivery of a `CommonNotifyEvent` to the configured URLs (fire and
   * forget, as the server's notifier queue does).
   */
  notify(event: Record<string, unknown>): void;
}

/** `Date.now()` in whole seconds, as a protojson int64 string. */
export function unixSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}
