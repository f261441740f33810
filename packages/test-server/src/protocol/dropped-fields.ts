/**
 * Which JSON keys protojson (`DiscardUnknown: true`) silently drops.
 *
 * @module
 */
import type { DescField, DescMessage } from '@bufbuild/protobuf';

// Well-known types have their own JSON forms (Struct is any object, Timestamp a string, …):
// their contents are not fields of a message and are never dropped.
const isWellKnown = (schema: DescMessage) => schema.typeName.startsWith('google.protobuf.');

/** A message's fields by proto name and by JSON name. */
function fieldsByName(schema: DescMessage): Map<string, DescField> {
  const byName = new Map<string, DescField>();
  for (const f of schema.fields) byName.set(f.name, f).set(f.jsonName, f);
  return byName;
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
  const dropped: string[] = [];
  // One lookup table per message type per call: a body can have millions of keys.
  const lookups = new Map<DescMessage, Map<string, DescField>>();
  collect(schema, json, prefix, dropped, lookups);
  return dropped;
}

/** Appends the dropped paths under `json` to `dropped` (no spread: it can be millions long). */
function collect(
  schema: DescMessage,
  json: unknown,
  prefix: string,
  dropped: string[],
  lookups: Map<DescMessage, Map<string, DescField>>,
): void {
  if (!isObject(json) || isWellKnown(schema)) return;
  let byName = lookups.get(schema);
  if (byName === undefined) {
    byName = fieldsByName(schema);
    lookups.set(schema, byName);
  }
  // Object.keys: faster than for…in on an object of millions of keys.
  for (const key of Object.keys(json)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const field = byName.get(key);
    if (!field) {
      dropped.push(path);
      continue;
    }
    const value = json[key];
    if (field.fieldKind === 'message') {
      collect(field.message, value, path, dropped, lookups);
    } else if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
      value.forEach((item, i) => {
        collect(field.message, item, `${path}[${i}]`, dropped, lookups);
      });
    } else if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value)) {
      for (const k of Object.keys(value)) {
        collect(field.message, value[k], `${path}[${JSON.stringify(k)}]`, dropped, lookups);
      }
    }
  }
}
