/**
 * Go's protojson skips a field whose value is `null` before it looks at the field's oneof
 * (`unmarshalMessage`: the null check, then `seenOneofs`), so `{"chat_msg":null,
 * "notification_msg":{…}}` sets one member; protobuf-es counts the null member as set and
 * refuses with "oneof set multiple times". Null oneof members are removed first.
 *
 * @module
 */
import type { DescField, DescMessage } from '@bufbuild/protobuf';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `google.protobuf.Value` and `NullValue` take `null` as a value: Go does not skip those. */
function takesNull(field: DescField): boolean {
  return (
    (field.fieldKind === 'message' && field.message.typeName === 'google.protobuf.Value') ||
    (field.fieldKind === 'enum' && field.enum.typeName === 'google.protobuf.NullValue')
  );
}

/**
 * Deletes, in place, every key of `json` (protojson for `schema`, by either field name) that
 * is a member of a oneof and whose value is `null`, in nested messages too (fields, list
 * elements, map values). Returns `json`.
 *
 * @throws Never.
 * @example
 * ```ts
 * dropNullOneofMembers(messageSchema('plugnmeet.BroadcastToRoomReq'),
 *   { room_id: 'r', chat_msg: null, notification_msg: { message: 'b' } });
 * // { room_id: 'r', notification_msg: { message: 'b' } }
 * ```
 */
export function dropNullOneofMembers(schema: DescMessage, json: unknown): unknown {
  if (!isObject(json) || schema.typeName.startsWith('google.protobuf.')) return json;
  for (const key in json) {
    const field = schema.fields.find((f) => f.jsonName === key || f.name === key);
    if (field === undefined) continue;
    const value = json[key];
    if (value === null) {
      if (field.oneof !== undefined && !takesNull(field)) delete json[key];
      continue;
    }
    if (field.fieldKind === 'message') dropNullOneofMembers(field.message, value);
    else if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
      for (const item of value) dropNullOneofMembers(field.message, item);
    } else if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value)) {
      for (const k in value) dropNullOneofMembers(field.message, value[k]);
    }
  }
  return json;
}
