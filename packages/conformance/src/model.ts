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
  | {
      kind: 'signature';
      signature: string;
      /** Wire columns: the exact body bytes that reached the server (the signature is the header it got). */
      sent?: Uint8Array;
      /** Wire columns: the server's refusal (`401 <msg>`) when it did not accept the request. */
      serverRefusal?: string;
    }
  /** It refused the input with an error of its own (e.g. an empty secret). */
  | { kind: 'refused'; message: string }
  /** The harness or the snippet's language cannot hold this input (e.g. invalid UTF-8 in a Java String). */
  | { kind: 'unrepresentable'; reason: string }
  /** It crashed, hung, broke the protocol or printed garbage. */
  | { kind: 'broken'; message: string; stderrTail: string };

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
  sign(input: CaseInput): Promise<SignAnswer>;
  /** Present only when the implementation declares the `verify` capability. */
  verify?(input: CaseInput, presented: string): Promise<VerifyAnswer>;
  /** Present only when it declares `call` (protocol v2). */
  call?(input: CallInput): Promise<CallAnswer>;
  /** Present only when it declares `webhook` (protocol v2). */
  webhook?(input: WebhookInput): Promise<WebhookAnswer>;
  /** Ends the session; never throws. */
  close(): Promise<void>;
}

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

export interface ImplementationInfo {
  /** Stable id, e.g. `shell`, `java`, `impl-1`. */
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

/** One column of the matrix: an implementation in one environment. */
export interface Column {
  /** Its key, `<implementation id>/<environment id>`, made by `columnKey` (`src/column-key.ts`). */
  id: ColumnKey;
  implementation: ImplementationInfo;
  environment: EnvironmentInfo;
  capabilities: ReadonlyArray<Capability>;
  /**
   * Protocol v2: the smallest call timeout its SDK can be given (its hello's `minTimeoutMs`),
   * when that is coarser than the runner's `timeout` scenario hands by default.
   */
  minTimeoutMs?: number;
  /** The modes this column supports; the first is the default. */
  modes: readonly ExecutionMode[];
  /**
   * Columns with the same run group answer from one shared run per case (the shell snippet
   * run end to end informs its signing column and its wire column): the runner runs them
   * side by side, so each case runs once for all of them.
   */
  runGroup?: string;
  /** Checks the toolchain and prepares (compiles) once; cheap when called again. */
  probe(): Promise<Availability>;
  /** Starts a session. Call only after `probe()` said available. */
  open(mode: ExecutionMode): Promise<Session>;
}

/** Every outcome a (column × vector) cell can have. */
export type Outcome =
  | 'pass'
  | 'fail'
  | 'error'
  | 'unrepresentable'
  | 'unavailable'
  | 'xfail'
  | 'xpass';
