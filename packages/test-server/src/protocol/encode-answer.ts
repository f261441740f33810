/**
 * Writing answers the way `utils.SendProtoJsonResponse` does: protojson with
 * `UseProtoNames` and `EmitUnpopulated`, of a real response message.
 *
 * @module
 */
import {
  type DescField,
  type DescMessage,
  fromJson,
  type JsonValue,
  type Message,
  toJson,
} from '@bufbuild/protobuf';
import { TestServerError } from '../errors.js';
import { messageSchema, protocolRegistry } from './registry.js';

type JsonObject = Record<string, unknown>;

// Go's EmitUnpopulated writes `null` for an unset singular message field, except inside a
// oneof, synthetic ones (proto3 `optional`) included; protobuf-es leaves them out. Go also
// writes fields in declaration order.
function emitsNullWhenUnset(field: DescField): boolean {
  return field.fieldKind === 'message' && field.oneof === undefined && !field.proto.proto3Optional;
}

function shapeMessage(schema: DescMessage, json: JsonObject, unpopulated = true): JsonObject {
  if (schema.typeName.startsWith('google.protobuf.')) return json;
  const out: JsonObject = {};
  for (const field of schema.fields) {
    if (field.name in json) out[field.name] = shapeValue(field, json[field.name], unpopulated);
    else if (unpopulated && emitsNullWhenUnset(field)) out[field.name] = null;
  }
  return out;
}

function shapeValue(field: DescField, value: unknown, unpopulated: boolean): unknown {
  const isObject = (v: unknown): v is JsonObject =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const shape = (v: JsonObject) => shapeMessage(field.message as DescMessage, v, unpopulated);
  if (field.fieldKind === 'message' && isObject(value)) return shape(value);
  if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
    return value.map((item) => (isObject(item) ? shape(item) : item));
  }
  if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isObject(v) ? shape(v) : v]),
    );
  }
  return value;
}

/**
 * The protojson form of a message as Go writes it with `UseProtoNames` and
 * `EmitUnpopulated`: every field in declaration order, implicit scalars at their defaults,
 * `null` for unset messages, unset `optional` and oneof fields left out, int64 as strings,
 * enums by name.
 *
 * @throws Never for a message of `schema`.
 * @example
 * ```ts
 * goProtoJson(schema, create(schema)); // { status: false, msg: '', status_code: 'UNKNOWN_STATUS', ... }
 * ```
 */
export function goProtoJson(schema: DescMessage, message: Message): JsonObject {
  const json = toJson(schema, message, {
    useProtoFieldName: true,
    alwaysEmitImplicit: true,
    registry: protocolRegistry(),
  }) as JsonObject;
  return shapeMessage(schema, json);
}

/**
 * The protojson form Go writes with `UseProtoNames` alone (the webhook notifier's options):
 * only populated fields, in declaration order.
 *
 * @throws Never for a message of `schema`.
 * @example
 * ```ts
 * goProtoJsonPopulated(schema, event); // { event: 'room_created', room: { … }, id: '…' }
 * ```
 */
export function goProtoJsonPopulated(schema: DescMessage, message: Message): JsonObject {
  const json = toJson(schema, message, {
    useProtoFieldName: true,
    registry: protocolRegistry(),
  }) as JsonObject;
  return shapeMessage(schema, json, false);
}

/**
 * Builds the response message `messageName` from a plain object (proto or JSON names) and
 * returns its Go protojson form, ready for `encodeProtoJson`. Strict: a key the message does
 * not have, or a value of the wrong type, is a bug in the handler, not something to send.
 *
 * @throws {TestServerError} `INVALID_ANSWER` when `fields` is not a valid `messageName`;
 *   `UNKNOWN_DEFINITION` when the message is not in the bundle.
 * @example
 * ```ts
 * answerMessage('plugnmeet.IsRoomActiveRes', { status: true, msg: 'ok', is_active: true });
 * ```
 */
export function answerMessage(messageName: string, fields: unknown): JsonObject {
  const schema = messageSchema(messageName);
  let message: Message;
  try {
    message = fromJson(schema, fields as JsonValue, { registry: protocolRegistry() });
  } catch (error) {
    throw new TestServerError(
      'INVALID_ANSWER',
      `not a valid ${messageName}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return goProtoJson(schema, message);
}
