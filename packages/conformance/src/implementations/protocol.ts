/**
 * Protocol v1 messages (see PROTOCOL.md): newline-delimited JSON over stdin/stdout.
 *
 * @module
 */

export const PROTOCOL_VERSION = 1;

export interface HelloReply {
  op: 'hello';
  protocol: number;
  name: string;
  version: string;
  language: string;
  capabilities: Array<'sign' | 'verify'>;
}

export type Reply =
  | { id: string; signature: string }
  | { id: string; valid: boolean }
  | { id: string; error: string }
  | { id: string; unrepresentable: string };

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
  const fields = ['signature', 'valid', 'error', 'unrepresentable'].filter((key) => key in record);
  if (fields.length !== 1) {
    return 'a reply must carry exactly one of signature, valid, error, unrepresentable';
  }
  const [field] = fields;
  const value = record[field as string];
  if (field === 'valid' ? typeof value !== 'boolean' : typeof value !== 'string') {
    return `"${field}" has the wrong type (${typeof value})`;
  }
  return undefined;
}

/**
 * Why a line is not a protocol v1 hello reply, or undefined when it is one.
 *
 * @example
 * ```ts
 * helloProblem({ op: 'hello', protocol: '1', capabilities: ['sign'] }); // 'protocol must be the number 1 …'
 * ```
 */
export function helloProblem(reply: unknown): string | undefined {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply))
    return 'the hello reply must be a JSON object';
  const hello = reply as Record<string, unknown>;
  if (hello.op !== 'hello') return 'the first reply must be {"op":"hello",...}';
  if (typeof hello.protocol !== 'number') {
    return `"protocol" must be the number ${PROTOCOL_VERSION}, got ${JSON.stringify(hello.protocol) ?? 'nothing'} (${typeof hello.protocol})`;
  }
  if (hello.protocol !== PROTOCOL_VERSION) {
    return `speaks protocol ${hello.protocol}, this runner speaks ${PROTOCOL_VERSION}`;
  }
  for (const key of ['name', 'version', 'language'] as const) {
    if (hello[key] !== undefined && typeof hello[key] !== 'string')
      return `"${key}" must be a string, got ${typeof hello[key]}`;
  }
  if (!Array.isArray(hello.capabilities) || !hello.capabilities.includes('sign')) {
    return 'capabilities must be an array that includes "sign"';
  }
  return undefined;
}
