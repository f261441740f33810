/**
 * Which JSON keys protojson (`DiscardUnknown: true`) silently drops.
 *
 * @module
 */
import type { DescField, DescMessage } from '@bufbuild/protobuf';

// Well-known types have their own JSON forms (Struct is any object, Timestamp a string, …):
// their contents are not fields of a message and are never dropped.
const isWellKnown = (schema: DescMessage) => schema.typeName.startsWith('google.protobuf.');

function fieldFor(schema: DescMessage, key: string): DescField | undefined {
  return schema.fields.find((f) => f.name === key || f.jsonName === key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The paths (`metadata.roomTitel`, `rooms[0].x`, `extra["k"].y`) of every key in `json`
 * that names no field of `schema` or of the nested message it sits in, as spelled in the body.
 * Both a field's proto name and its JSON name are fields (protojson accepts both).
 *
 * @throws Never.
 * @example
 * ```ts
 * droppedFields(messageSchema('plugnmeet.IsRoomActiveReq'), { roomid: 'r1' }); // ['roomid']
 * ```
 */
export function droppedFields(schema: DescMessage, json: unknown, prefix = ''): string[] {
  if (!isObject(json) || isWellKnown(schema)) return [];
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const field = fieldFor(schema, key);
    if (!field) {
      dropped.push(path);
      continue;
    }
    if (field.fieldKind === 'message') {
      dropped.push(...droppedFields(field.message, value, path));
    } else if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
      value.forEach((item, i) => {
        dropped.push(...droppedFields(field.message, item, `${path}[${i}]`));
      });
    } else if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value)) {
      for (const [k, item] of Object.entries(value)) {
        dropped.push(...droppedFields(field.message, item, `${path}[${JSON.stringify(k)}]`));
      }
    }
  }
  return dropped;
}
