/**
 * Protocol messages (see PROTOCOL.md): newline-delimited JSON over stdin/stdout. Version 1
 * signs and verifies; version 2 adds whole-SDK `call` and `webhook`. The runner offers 2 in
 * its hello and runs an implementation that answers 1 exactly as before.
 *
 * @module
 */
import type { Capability } from '../model.js';

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
  name: string;
  version: string;
  language: string;
  capabilities: Capability[];
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

const REPLY_FIELDS: Record<RequestOp, readonly string[]> = {
  sign: ['signature', 'valid', 'error', 'unrepresentable'],
  verify: ['signature', 'valid', 'error', 'unrepresentable'],
  call: ['result', 'failure', 'error'],
  webhook: ['valid', 'error'],
};

const FIELD_TYPES: Record<string, (value: unknown) => boolean> = {
  signature: (v) => typeof v === 'string',
  error: (v) => typeof v === 'string',
  unrepresentable: (v) => typeof v === 'string',
  valid: (v) => typeof v === 'boolean',
  result: (v) => v !== undefined,
  failure: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/** Base64 of raw bytes, as protocol v1 carries bodies and secrets. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Why a line is not a protocol v1 reply to request `id`, or undefined when it is one.
 * `answered` holds the ids of earlier requests already answered: a reply naming one of
 * them is a second answer, not an answer out of order.
 *
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
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    return 'a reply must be a JSON object';
  }
  const record = reply as Record<string, unknown>;
  if (typeof record.id === 'string' && record.id !== id && answered.has(record.id)) {
    return `answered request ${JSON.stringify(record.id)} a second time (a duplicate reply) instead of ${JSON.stringify(id)}`;
  }
  if (record.id !== id) {
    return `answered out of order: expected id ${JSON.stringify(id)}, got ${JSON.stringify(record.id)}`;
  }
  const allowed = REPLY_FIELDS[op];
  const fields = allowed.filter((key) => key in record);
  if (fields.length !== 1) {
    return `a reply to ${op} must carry exactly one of ${allowed.join(', ')}`;
  }
  const [field] = fields as [string];
  if (!FIELD_TYPES[field]?.(record[field])) {
    return `"${field}" has the wrong type (${typeof record[field]})`;
  }
  return undefined;
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
 * Why a line is not a hello reply of a protocol this runner speaks, or undefined when it is one.
 *
 * @example
 * ```ts
 * helloProblem({ op: 'hello', protocol: '1', capabilities: ['sign'] }); // '"protocol" must be the number 1 or 2 …'
 * ```
 */
export function helloProblem(reply: unknown): string | undefined {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply))
    return 'the hello reply must be a JSON object';
  const hello = reply as Record<string, unknown>;
  if (hello.op !== 'hello') return 'the first reply must be {"op":"hello",...}';
  const spoken = SUPPORTED_PROTOCOLS.join(' or ');
  if (typeof hello.protocol !== 'number') {
    return `"protocol" must be the number ${spoken}, got ${JSON.stringify(hello.protocol) ?? 'nothing'} (${typeof hello.protocol})`;
  }
  if (!SUPPORTED_PROTOCOLS.includes(hello.protocol)) {
    return `speaks protocol ${hello.protocol}, this runner speaks ${spoken}`;
  }
  for (const key of ['name', 'version', 'language'] as const) {
    if (hello[key] !== undefined && typeof hello[key] !== 'string')
      return `"${key}" must be a string, got ${typeof hello[key]}`;
  }
  if (hello.protocol === 1) {
    if (!Array.isArray(hello.capabilities) || !hello.capabilities.includes('sign')) {
      return 'capabilities must be an array that includes "sign"';
    }
    return undefined;
  }
  const known = CAPABILITIES[hello.protocol] ?? [];
  if (
    !Array.isArray(hello.capabilities) ||
    hello.capabilities.length === 0 ||
    !hello.capabilities.some((c) => known.includes(c as Capability))
  ) {
    return `capabilities must be an array with at least one of ${known.join(', ')}`;
  }
  return undefined;
}
