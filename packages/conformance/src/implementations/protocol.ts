/**
 * Protocol messages (see PROTOCOL.md): newline-delimited JSON over stdin/stdout. Version 1
 * signs and verifies; version 2 adds whole-SDK `call` and `webhook`. The runner offers 2 in
 * its hello and runs an implementation that answers 1 exactly as before.
 *
 * @module
 */
import type { Capability } from '../model.js';
import { firstIssue } from '../schemas/issue.js';
import { validatorFor } from '../schemas/load.js';

/** The newest protocol this runner speaks: what its hello offers. */
export const PROTOCOL_VERSION = 2;

/** Every protocol an implementation may answer hello with. */
export const SUPPORTED_PROTOCOLS: readonly number[] = [1, 2];

export type { Capability };

const CAPABILITIES: Record<number, readonly Capability[]> = {
  1: ['sign', 'verify'],
  2: ['sign', 'verify', 'call', 'webhook'],
};

export interface HelloReply {
  op: 'hello';
  protocol: number;
  // The schema does not require these three: a hello without them still runs.
  name?: string;
  version?: string;
  language?: string;
  /** Optional: the runtime it runs on, when one program runs on several (`node`, `deno`, `bun`). */
  runtime?: string;
  capabilities: Capability[];
  /** Protocol v2: the smallest call timeout the SDK can be given, when it is coarse. */
  minTimeoutMs?: number;
}

export type Reply =
  | { id: string; signature: string }
  | { id: string; valid: boolean; event?: unknown; reason?: string }
  | { id: string; error: string }
  | { id: string; unrepresentable: string }
  | { id: string; result: unknown }
  | { id: string; failure: Record<string, unknown> };

/** The requests that take an id, and the reply fields each may answer with (exactly one). */
export type RequestOp = 'sign' | 'verify' | 'call' | 'webhook';

/** The definition in `schemas/protocol.json` a reply to each request must meet. */
const REPLY_DEFINITIONS: Record<RequestOp, string> = {
  sign: 'signReply',
  verify: 'verifyReply',
  call: 'callEnvelope',
  webhook: 'webhookReply',
};

/**
 * Why `value` breaks the definition `definition` of `schemas/protocol.json`, in the words
 * the runner reports (`"failure.kind" must be one of …, got "x" (string)`), or undefined.
 * A place is named by its JSON path in dotted form, as a reply's fields are written of.
 */
function schemaProblem(definition: string, value: unknown, subject: string): string | undefined {
  const validate = validatorFor('protocol', `#/$defs/${definition}`);
  if (validate(value)) return undefined;
  const issue = firstIssue(validate.errors ?? [], value);
  if (issue.jsonPath === '') {
    const got = issue.gotType === 'object' ? `, got ${issue.got}` : '';
    return `${subject} must be ${issue.expected}${got}`;
  }
  const got = issue.got === 'nothing' ? 'nothing' : `${issue.got} (${issue.gotType})`;
  return `"${dotted(issue.jsonPath)}" must be ${issue.expected}, got ${got}`;
}

/** `/failure/kind` as `failure.kind`, `/capabilities/0` as `capabilities[0]`. */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

/** Base64 of raw bytes, as protocol v1 carries bodies and secrets. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Why a line is not a protocol v1 reply to request `id`, or undefined when it is one.
 * `answered` holds the ids of earlier requests already answered: a reply naming one of
 * them is a second answer, not an answer out of order. The shape is
 * `schemas/protocol.json#/$defs/signReply` (`verifyReply`, `callEnvelope`, `webhookReply`
 * for the other requests); a bad reply is the implementation's fault, said, never thrown.
 *
 * @throws {Error} Only when the shipped schema cannot be read (a broken installation).
 * @example
 * ```ts
 * replyProblem({ id: 'a', signature: 'ff' }, 'b', new Set(['a'])); // 'answered "a" a second time …'
 * ```
 */
export function replyProblem(
  reply: unknown,
  id: string,
  answered: ReadonlySet<string> = new Set(),
  op: RequestOp = 'sign',
): string | undefined {
  if (typeof reply === 'object' && reply !== null && !Array.isArray(reply)) {
    // Which request a reply answers is the runner's to know, not the schema's: checked first.
    const record = reply as Record<string, unknown>;
    if (typeof record.id === 'string' && record.id !== id && answered.has(record.id)) {
      return `answered request ${JSON.stringify(record.id)} a second time (a duplicate reply) instead of ${JSON.stringify(id)}`;
    }
    if (record.id !== id) {
      return `answered out of order: expected id ${JSON.stringify(id)}, got ${JSON.stringify(record.id)}`;
    }
  }
  return schemaProblem(REPLY_DEFINITIONS[op], reply, `a reply to ${op}`);
}

/**
 * Why the `failure` of a call reply that has the shape of `#/$defs/callEnvelope` is not
 * `#/$defs/callFailure`, or undefined when it is. Checked apart from the envelope: a bad
 * failure is that case's error, while a bad envelope is a protocol error (restart).
 *
 * @throws {Error} Only when the shipped schema cannot be read (a broken installation).
 * @example
 * ```ts
 * failureProblem({ id: 'a', failure: { kind: 'oops' } }); // '"failure.kind" must be one of auth, …'
 * ```
 */
export function failureProblem(reply: unknown): string | undefined {
  return schemaProblem('callReply', reply, 'a reply to call');
}

/**
 * The capabilities of `hello` that its protocol defines (a v1 hello naming `call` runs as v1).
 *
 * @example
 * ```ts
 * capabilitiesOf({ protocol: 1, capabilities: ['sign', 'call'] } as HelloReply); // ['sign']
 * ```
 */
export function capabilitiesOf(hello: HelloReply): Capability[] {
  const known = CAPABILITIES[hello.protocol] ?? [];
  return hello.capabilities.filter((c) => known.includes(c));
}

/**
 * Why a line is not a hello reply of a protocol this runner speaks, or undefined when it is
 * one: `schemas/protocol.json#/$defs/helloReply`.
 *
 * @throws {Error} Only when the shipped schema cannot be read (a broken installation).
 * @example
 * ```ts
 * helloProblem({ op: 'hello', protocol: '1', capabilities: ['sign'] }); // '"protocol" must be the number 1 or 2 …'
 * ```
 */
export function helloProblem(reply: unknown): string | undefined {
  return schemaProblem('helloReply', reply, 'the hello reply');
}
