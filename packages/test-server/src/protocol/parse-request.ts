/**
 * Reading a request body the way the server's `parseAndValidateRequest` does: protojson with
 * `DiscardUnknown: true`, then protovalidate; the error text becomes the answer's `msg`.
 *
 * @module
 */
import { fromJson, type JsonValue, toJson } from '@bufbuild/protobuf';
import { pathToString } from '@bufbuild/protobuf/reflect';
import type { Violation } from '@bufbuild/protovalidate';
import type { ProtocolVerdict } from '../types.js';
import { droppedFields } from './dropped-fields.js';
import { protojsonInput } from './protojson-input.js';
import { messageSchema, protocolRegistry, protocolValidator } from './registry.js';
import { strictJsonRefusal } from './strict-json.js';

/** A parsed request: the verdict, and the message (proto names, set fields only) when it parsed. */
export interface ParsedRequest {
  readonly verdict: ProtocolVerdict;
  /** The message as protojson with proto names, only set fields; absent on a parse error. */
  readonly message?: Record<string, unknown>;
}

// protovalidate-go's ValidationError.Error() (v1.2): one violation on one line, several as a
// list. No rule ids, unlike older versions. Go evaluates message-level rules (oneof, cel)
// before field rules; protobuf-es reports fields first, so message-level ones move up
// (measured against the upstream module by the cross-check test).
function goValidationText(unordered: readonly Violation[]): string {
  const violations = [
    ...unordered.filter((v) => v.field.length === 0),
    ...unordered.filter((v) => v.field.length > 0),
  ];
  const line = (v: Violation) => {
    const path = pathToString(v.field);
    return path === '' ? v.message : `${path}: ${v.message}`;
  };
  if (violations.length === 1) return `validation error: ${line(violations[0] as Violation)}`;
  return `validation errors:${violations.map((v) => `\n - ${line(v)}`).join('')}`;
}

const lossyUtf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Parses and validates `body` (the raw bytes, or text) as the request message `messageName`.
 *
 * Parse errors carry the `proto:` prefix of Go's protojson, but not its exact wording or
 * line:column (protobuf-es words them its own way); the verdict is the same. Three refusals
 * `JSON.parse` cannot see are Go's own text, line:column included: a duplicate field or map
 * key, invalid UTF-8 in a string (only raw bytes can carry it), and nesting past the
 * recursion limit (`strictJsonRefusal`).
 *
 * @throws {TestServerError} `UNKNOWN_DEFINITION` when the message is not in the bundle.
 * @example
 * ```ts
 * parseRequestBody('plugnmeet.IsRoomActiveReq', '{"roomid":"r1"}').verdict;
 * // { message: 'plugnmeet.IsRoomActiveReq', dropped_fields: ['roomid'], verdict: 'invalid',
 * //   error: 'validation error: room_id: value is required' }
 * ```
 */
export function parseRequestBody(messageName: string, body: string | Uint8Array): ParsedRequest {
  const schema = messageSchema(messageName);
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const text = typeof body === 'string' ? body : lossyUtf8.decode(body);
  const registry = protocolRegistry();
  const verdict = (v: Omit<ProtocolVerdict, 'message'>): ProtocolVerdict => ({
    message: messageName,
    ...v,
  });
  const refusal = strictJsonRefusal(schema, bytes);
  if (refusal !== undefined) {
    return { verdict: verdict({ dropped_fields: [], verdict: 'parse error', error: refusal }) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      verdict: verdict({
        dropped_fields: [],
        verdict: 'parse error',
        error: `proto: syntax error: ${(error as Error).message}`,
      }),
    };
  }
  const dropped = droppedFields(schema, json);
  let parsed: ReturnType<typeof fromJson>;
  try {
    // Known fields only (fromJson would walk every unknown key), null oneof members left out
    // (Go skips a null before its oneof check; protobuf-es would count it as set).
    parsed = fromJson(schema, protojsonInput(schema, json) as JsonValue, {
      ignoreUnknownFields: true,
      registry,
    });
  } catch (error) {
    return {
      verdict: verdict({
        dropped_fields: dropped,
        verdict: 'parse error',
        error: `proto: ${(error as Error).message}`,
      }),
    };
  }
  const message = toJson(schema, parsed, { useProtoFieldName: true, registry }) as Record<
    string,
    unknown
  >;
  const result = protocolValidator().validate(schema, parsed);
  if (result.kind === 'valid') {
    return { verdict: verdict({ dropped_fields: dropped, verdict: 'ok' }), message };
  }
  const error =
    result.kind === 'invalid' ? goValidationText(result.violations) : result.error.message;
  return { verdict: verdict({ dropped_fields: dropped, verdict: 'invalid', error }), message };
}
