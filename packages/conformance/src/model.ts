/**
 * The vocabulary every seam of the conformance runner shares: cases go in, answers come
 * out, and each (implementation × environment) pair is one column of the matrix.
 *
 * @module
 */
import type { ColumnKey } from './column-key.js';
import type { ExactJson } from './values/exact-json.js';

/** One input handed to an implementation: the exact bytes of a body and a secret. */
export interface CaseInput {
  /** Vector id, or `property-<n>` for generated cases. */
  id: string;
  body: Uint8Array;
  secret: Uint8Array;
}

/** What an implementation said when asked to sign. */
export type SignAnswer =
  /** It produced this text as the signature (any text: it is compared exactly). */
  | { kind: 'signature'; signature: string }
  /** It refused the input with an error of its own (e.g. an empty secret). */
  | { kind: 'refused'; message: string }
  /** The harness or the snippet's language cannot hold this input (e.g. invalid UTF-8 in a Java String). */
  | { kind: 'unrepresentable'; reason: string }
  /** It crashed, hung, broke the protocol or printed garbage. */
  | { kind: 'broken'; message: string; stderrTail: string };

/** What reached the loopback server when an implementation sent a case's request. */
export type WireAnswer =
  /** A request arrived: its HASH-SIGNATURE header (empty when absent) and exact body bytes. */
  | {
      kind: 'sent';
      signature: string;
      body: Uint8Array;
      /** The server's refusal (`401 <msg>`) when it did not accept the request. */
      serverRefusal?: string;
    }
  /** It refused the input with an error of its own before sending anything. */
  | { kind: 'refused'; message: string }
  /**
   * Nothing reached the server, and the sender said only this: a refusal where the input
   * allows one (the empty secret), else a request that never left (the wire judge decides).
   */
  | { kind: 'not-sent'; message: string; stderrTail: string }
  | { kind: 'unrepresentable'; reason: string }
  | { kind: 'broken'; message: string; stderrTail: string };

/**
 * What one run of a vector case left behind, level by level: the signature the subject
 * computed and, when it also sends the request, what reached the server. One run fills
 * both for a subject run end to end (the shell snippet): each level's judge reads its part.
 */
export interface VectorTrace {
  signed?: SignAnswer;
  sent?: WireAnswer;
}

/** What an implementation said when asked to verify a presented signature. */
export type VerifyAnswer =
  | { kind: 'verdict'; valid: boolean }
  | { kind: 'refused'; message: string }
  | { kind: 'unrepresentable'; reason: string }
  | { kind: 'broken'; message: string; stderrTail: string };

/** Protocol v2: one API call the SDK makes, its own way, against the emulator. */
export interface CallInput {
  id: string;
  server: { url: string; apiKey: string; secret: string };
  /** `room/isRoomActive`: the path under `/auth/`. */
  endpoint: string;
  /** The request message as protojson (proto field names). */
  request: Record<string, unknown>;
  /**
   * The timeout the SDK is to apply to this call, in ms, where it can be configured: short
   * in the `timeout` scenario (the emulator answers only well after it), generous elsewhere.
   */
  timeoutMs: number;
}

/**
 * A protocol v2 case as the values it is made of, never a string to be parsed back: `id` is
 * the name expectations files use, and a call's endpoint and scenario travel beside it.
 */
export type SdkCaseRef =
  | { source: 'call'; id: string; endpoint: string; scenario: string }
  | { source: 'webhook'; id: string }
  | { source: 'property'; id: 'call-property' | 'webhook-property' };

/** How an SDK failed a call, in protocol v2's words. */
export interface CallFailure {
  kind: 'auth' | 'api' | 'http' | 'network' | 'timeout' | 'unsupported';
  httpStatus: number | null;
  statusCode: string | null;
  message: string;
}

/** What an SDK gave back for a call. `result` keeps every number's digits. */
export type CallAnswer =
  | { kind: 'result'; result: ExactJson }
  | { kind: 'failure'; failure: CallFailure }
  | { kind: 'refused'; message: string }
  | { kind: 'broken'; message: string; stderrTail: string };

/** Protocol v2: one webhook delivery handed to the SDK's verifier. */
export interface WebhookInput {
  id: string;
  apiKey: string;
  secret: string;
  body: Uint8Array;
  headers: Record<string, string>;
}

/** What an SDK's webhook handler said of a delivery. */
export type WebhookAnswer =
  | { kind: 'verdict'; valid: true; event: ExactJson }
  | { kind: 'verdict'; valid: false; reason: string }
  | { kind: 'refused'; message: string }
  | { kind: 'broken'; message: string; stderrTail: string };

/** A running implementation in one environment, taking case after case. */
export interface Session {
  /** Signing subjects: the signature it computes for the case. */
  sign?(input: CaseInput): Promise<SignAnswer>;
  /**
   * Subjects that send the request (wire columns, a snippet run end to end): one run of the
   * case, every level it shows. When present the runner calls it instead of `sign`.
   */
  send?(input: CaseInput): Promise<VectorTrace>;
  /** Present only when the implementation declares the `verify` capability. */
  verify?(input: CaseInput, presented: string): Promise<VerifyAnswer>;
  /** Present only when it declares `call` (protocol v2). */
  call?(input: CallInput): Promise<CallAnswer>;
  /** Present only when it declares `webhook` (protocol v2). */
  webhook?(input: WebhookInput): Promise<WebhookAnswer>;
  /** Ends the session; never throws. */
  close(): Promise<void>;
}

/** A session that signs: every process-backed session of a signing implementation. */
export type SigningSession = Session & Required<Pick<Session, 'sign'>>;

/** How a column's sessions run cases. */
export type ExecutionMode =
  /** One long-lived process takes case after case (start-up paid once). */
  | 'worker'
  /** A fresh process per case. */
  | 'per-case';

/**
 * Whether something is ready here — a toolchain, a prepared program, a whole column — with
 * what it brings (`T`) when it is, and why not and how to install it when it is not. The one
 * word for "ready" across the runner: a runtime probe, a column's preparation and its
 * `probe()` all answer in it. Without `T` it is what a column's `probe()` says.
 *
 * @example
 * ```ts
 * const go: Availability<{ path: string; version: string }> = await runtimes.go();
 * if (!go.available) console.log(`${go.reason}: ${go.install}`);
 * ```
 */
export type Availability<T extends object = { runtimeVersion: string }> =
  | ({ available: true } & T)
  | { available: false; reason: string; install: string };

/** Who wrote the code in a column. */
export type ImplementationKind =
  /** A snippet from the docs page, run as published. */
  | 'snippet'
  /** This project's corrected version of a snippet. */
  | 'corrected'
  /** An outside implementation speaking protocol v1 (`--impl`). */
  | 'outside'
  /** A wire-level check: the request really sent, received by a loopback server. */
  | 'wire';

/**
 * Where a column's code comes from: a snippet of the docs page as published, this project's
 * correction of one, or any other implementation (an SDK, this project's client, `--impl`).
 */
export type ImplementationOrigin = 'documented' | 'corrected' | 'outside';

/** What a column checks: the signature it computes, or the request it really sends. */
export type CheckLevel = 'signature' | 'wire';

/**
 * What an outside implementation says of itself in its hello: the text it sent, unslugged.
 * `runtime` is there when it names one (`node`, `deno`, `bun`: one adapter, several runtimes).
 */
export interface HelloIdentity {
  name: string;
  version: string;
  language: string;
  runtime?: string;
}

export interface ImplementationInfo {
  /** Stable id, e.g. `shell`, `java`, `plugnmeet-sdk-js` (an outside one: its hello's name). */
  id: string;
  /** Human label, e.g. `Shell (openssl + curl)`. */
  label: string;
  /** Origin and level in one word, kept for `--only`/`--skip` and the reports. */
  kind: ImplementationKind;
  /** Where its code comes from (not read from its id). */
  origin: ImplementationOrigin;
  /** What it checks (not read from an id prefix). */
  checks: CheckLevel;
  /** Language, for grouping. */
  language: string;
  /** An outside implementation's hello, kept as said (absent when it could not say hello). */
  identity?: HelloIdentity;
  /** For corrections: which finding this fixes, shown next to the divergence. */
  correctionOf?: string;
  correctionReason?: string;
}

export interface EnvironmentInfo {
  /** Stable id within the implementation, e.g. `dash`, `jdk17-c-locale`. */
  id: string;
  /** Human label, e.g. `dash 0.5.12`. */
  label: string;
  /** Locale and other variables this environment sets, for the report. */
  variables?: Record<string, string>;
}

/** What an implementation can be asked to do (`call` and `webhook` since protocol v2). */
export type Capability = 'sign' | 'verify' | 'call' | 'webhook';

/** What a column of the matrix shows: an implementation in one environment. */
export interface ColumnLevel {
  implementation: ImplementationInfo;
  environment: EnvironmentInfo;
}

/**
 * The wire level of a subject run end to end: its column, and whether what it needs beyond
 * the subject's own toolchain (curl, the loopback server) is here. When it is not, the
 * subject still signs, and this level's cells are `unavailable`.
 */
export interface WireLevel extends ColumnLevel {
  probe(): Promise<Availability>;
}

/**
 * One subject of the run: an implementation in one environment, shown as one column of the
 * matrix (two, for a subject that also shows the request it sent: see `wireLevel`).
 */
export interface Column extends ColumnLevel {
  /** Its key, `<implementation id>/<environment id>`, made by `columnKey` (`src/column-key.ts`). */
  id: ColumnKey;
  capabilities: ReadonlyArray<Capability>;
  /**
   * Protocol v2: the smallest call timeout its SDK can be given (its hello's `minTimeoutMs`),
   * when that is coarser than the runner's `timeout` scenario hands by default.
   */
  minTimeoutMs?: number;
  /** The modes this column supports; the first is the default. */
  modes: readonly ExecutionMode[];
  /**
   * The wire level of a subject whose one run per case also sends the request (the shell
   * snippet run end to end, curl and all): shown as a column of its own, judged from the
   * same traces (`Session.send`), so each case runs once for both levels.
   */
  wireLevel?: WireLevel;
  /**
   * `wire-level-only` when only the wire level was selected (`--only wire-shell`): the
   * subject runs for it, and its own column is not shown.
   */
  shown?: 'wire-level-only';
  /** Checks the toolchain and prepares (compiles) once; cheap when called again. */
  probe(): Promise<Availability>;
  /** Starts a session. Call only after `probe()` said available. */
  open(mode: ExecutionMode): Promise<Session>;
}

/**
 * Every outcome a (column × case) cell can have, in the order reports count them: the one
 * list every count, schema check and renderer reads.
 *
 * @example
 * ```ts
 * OUTCOMES.includes('xfail'); // true
 * ```
 */
export const OUTCOMES = [
  'pass',
  'fail',
  'error',
  'xfail',
  'xpass',
  'unrepresentable',
  'unavailable',
] as const;

/** Every outcome a (column × case) cell can have. */
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The outcomes a finding is made of. Only cells with one of them keep the input their
 * finding shows: a passing cell's bytes would be shown nowhere.
 *
 * @example
 * ```ts
 * FINDING_OUTCOMES.has('pass'); // false
 * ```
 */
export const FINDING_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'error', 'xfail']);
