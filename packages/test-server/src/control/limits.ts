/**
 * Every bound the control API keeps, in one place: the README and the OpenAPI document list
 * the same numbers. A test suite talks to a long-running process; without these, one careless
 * call (a 20 MB answer queued eight times, a journal of 50 MiB bodies) makes it grow without
 * end or fail with `RangeError: Invalid string length` when it answers.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { TestServerError } from '../errors.js';

/** The bounds; {@link DEFAULT_CONTROL_LIMITS} is what `pnm-test-server` uses. */
export interface ControlLimits {
  /** Bytes of one control call's body (checked from Content-Length, then while reading). */
  readonly bodyBytes: number;
  /** Nesting depth of the JSON of one control call. */
  readonly jsonDepth: number;
  /** Answers queued at once, over every route. */
  readonly queuedAnswers: number;
  /** Bytes of every queued answer together (as their control JSON). */
  readonly queuedBytes: number;
  /** Routes replaced through the control API at once. */
  readonly replacedRoutes: number;
  /** Bytes of every replaced route's answer together (as their control JSON). */
  readonly replacedBytes: number;
  /** Records of each kind of state (rooms, past rooms, recordings, artifacts) after a seed. */
  readonly stateRecords: number;
  /** Bytes of the whole state (as `GET /state` answers it) after a seed. */
  readonly stateBytes: number;
  /** Bytes of one body kept in a journal record (`body_text`, `body_base64`, answer body). */
  readonly journalBodyBytes: number;
  /** Bytes of every journal record together, per kind; the oldest are dropped past it. */
  readonly journalBytes: number;
  /** Records a `GET /requests` answers at most (`?limit=` up to this). */
  readonly pageRecords: number;
  /** How long `POST /webhooks` waits for deliveries by default (`wait_ms`). */
  readonly webhookWaitMs: number;
  /** The longest `wait_ms` a `POST /webhooks` may ask for. */
  readonly webhookMaxWaitMs: number;
}

const MiB = 1024 * 1024;

/** The bounds of `pnm-test-server --control`. */
export const DEFAULT_CONTROL_LIMITS: ControlLimits = Object.freeze({
  bodyBytes: 1 * MiB,
  jsonDepth: 64,
  queuedAnswers: 1_000,
  queuedBytes: 16 * MiB,
  replacedRoutes: 256,
  replacedBytes: 16 * MiB,
  stateRecords: 1_000,
  stateBytes: 16 * MiB,
  journalBodyBytes: 64 * 1024,
  journalBytes: 32 * MiB,
  pageRecords: 1_000,
  webhookWaitMs: 5_000,
  webhookMaxWaitMs: 60_000,
});

/**
 * A byte count as people read it: `1 MiB`, `64 KiB`, `512 bytes`.
 *
 * @throws Never.
 * @example
 * ```ts
 * bytesText(1024 * 1024); // '1 MiB'
 * ```
 */
export function bytesText(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * The error a call gets when it would take something past a bound (answered 409
 * `CONTROL_LIMIT_REACHED`): what the bound is, where things stand, and how to make room.
 *
 * @throws Never (returns the error to throw).
 * @example
 * ```ts
 * throw limitReached('at most 1000 answers may be queued; 1000 are', 'DELETE /__control/answers');
 * ```
 */
export function limitReached(bound: string, remedy: string): TestServerError {
  return new TestServerError('CONTROL_LIMIT', `${bound}; ${remedy}`);
}

/**
 * How many bytes an answer or record takes, counted as its JSON text (what listing it costs).
 *
 * @throws Never.
 * @example
 * ```ts
 * jsonBytes({ body_text: 'abc' }); // 18
 * ```
 */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
