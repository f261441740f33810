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

/** Why a line is not a protocol v1 reply to request `id`, or undefined when it is one. */
export function replyProblem(reply: unknown, id: string): string | undefined {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    return 'a reply must be a JSON object';
  }
  const record = reply as Record<string, unknown>;
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

/** Why a line is not a protocol v1 hello reply, or undefined when it is one. */
export function helloProblem(reply: unknown): string | undefined {
  if (typeof reply !== 'object' || reply === null) return 'the hello reply must be a JSON object';
  const hello = reply as Partial<HelloReply>;
  if (hello.op !== 'hello') return 'the first reply must be {"op":"hello",...}';
  if (hello.protocol !== PROTOCOL_VERSION) {
    return `speaks protocol ${String(hello.protocol)}, this runner speaks ${PROTOCOL_VERSION}`;
  }
  if (!Array.isArray(hello.capabilities) || !hello.capabilities.includes('sign')) {
    return 'capabilities must be an array that includes "sign"';
  }
  return undefined;
}
