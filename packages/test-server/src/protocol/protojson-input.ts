/**
 * What protobuf-es's `fromJson` is given: the parsed body with only what Go's protojson would
 * read. Two reasons:
 *
 * - Go skips a field whose value is `null` before it looks at the field's oneof
 *   (`unmarshalMessage`: the null check, then `seenOneofs`), so `{"chat_msg":null,
 *   "notification_msg":{…}}` sets one member; protobuf-es counts the null member as set and
 *   refuses with "oneof set multiple times". Null oneof members are left out.
 * - Unknown keys are dropped either way (`DiscardUnknown: true`, `ignoreUnknownFields`), but
 *   `fromJson` walks every one of them: an object of 4 million keys took seconds. The copy is
 *   made by looking up the schema's fields, so it costs the fields, not the keys.
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

/** The value of `field` as `fromJson` should see it (nested messages reduced too). */
function fieldInput(field: DescField, value: unknown): unknown {
  if (field.fieldKind === 'message') return protojsonInput(field.message, value);
  if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
    return value.map((item) => protojsonInput(field.message, item));
  }
  if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = protojsonInput(field.message, value[key]);
    return out;
  }
  return value;
}

/**
 * A copy of `json` (protojson for `schema`) with only the keys that name a field of `schema`
 * (by either name) and are not a `null` oneof member, in nested messages too (fields, list
 * elements, map values). Anything that is not an object, and well-known types, as they are.
 *
 * @throws Never.
 * @example
 * ```ts
 * protojsonInput(messageSchema('plugnmeet.BroadcastToRoomReq'),
 *   { room_id: 'r', chat_msg: null, notification_msg: { message: 'b' }, extra: 1 });
 * // { room_id: 'r', notification_msg: { message: 'b' } }
 * ```
 */
export function protojsonInput(schema: DescMessage, json: unknown): unknown {
  if (!isObject(json) || schema.typeName.startsWith('google.protobuf.')) return json;
  const out: Record<string, unknown> = {};
  for (const field of schema.fields) {
    // The strict scan refused a field given by both names, so at most one is here.
    const key = Object.hasOwn(json, field.jsonName)
      ? field.jsonName
      : Object.hasOwn(json, field.name)
        ? field.name
        : undefined;
    if (key === undefined) continue;
    const value = json[key];
    if (value === null && field.oneof !== undefined && !takesNull(field)) continue;
    out[key] = fieldInput(field, value);
  }
  return out;
}
