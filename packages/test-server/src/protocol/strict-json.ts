/**
 * What Go's protojson refuses and `JSON.parse` accepts: a known field given twice (by either
 * of its names), a map key given twice, bytes that are not UTF-8 inside a string, and nesting
 * past protojson's recursion limit. `JSON.parse` keeps the last duplicate, replaces invalid
 * UTF-8 (once the body is text) and nests as deep as memory allows, so these are found on the
 * raw bytes before it runs (google.golang.org/protobuf v1.36.11, `encoding/protojson`
 * `unmarshalMessage` and `skipJSONValue`, `internal/encoding/json` `parseString`).
 *
 * @module
 */
import type { DescField, DescMessage } from '@bufbuild/protobuf';

/** `protowire.DefaultRecursionLimit`: the remaining depth protojson starts a body with. */
export const PROTOJSON_RECURSION_LIMIT = 10_000;

const utf8 = new TextDecoder();

/**
 * What a value at one place in the body means to protojson:
 * `message` (an object is `unmarshalMessage`, one level deeper), `list` or `map` of a known
 * field, `skip` (the value of an unknown field, walked by `skipJSONValue`), `scalar`.
 */
type Slot =
  | { readonly kind: 'message'; readonly schema: DescMessage; readonly remaining: number }
  | { readonly kind: 'list'; readonly field: DescField; readonly remaining: number }
  | { readonly kind: 'map'; readonly field: DescField; readonly remaining: number }
  | { readonly kind: 'skip'; readonly limit: number; readonly open: number }
  | { readonly kind: 'scalar' };

/** An open object or array, and what its members mean. */
type Frame =
  | {
      readonly type: 'message';
      readonly schema: DescMessage;
      readonly remaining: number;
      readonly seen: Set<number>;
    }
  | {
      readonly type: 'map';
      readonly field: DescField;
      readonly remaining: number;
      readonly seen: Set<string>;
    }
  | { readonly type: 'array'; readonly element: Slot }
  | { readonly type: 'skip'; readonly limit: number; readonly open: number };

const SCALAR: Slot = { kind: 'scalar' };

/** A byte of a number or of `true`, `false`, `null` (checked exactly by the normal parse). */
const isLiteralByte = (b: number) =>
  b === 0x2b ||
  b === 0x2d ||
  b === 0x2e ||
  (b >= 0x30 && b <= 0x39) ||
  (b >= 0x41 && b <= 0x5a) ||
  (b >= 0x61 && b <= 0x7a);

/** What may follow a literal: whitespace, `,`, `]`, `}`. */
const isDelimiter = (b: number) =>
  b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2c || b === 0x5d || b === 0x7d;

/** Length of the valid UTF-8 sequence at `i` (Go's `utf8.DecodeRune`), 0 when invalid. */
function runeLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const b1 = bytes[i + 1] ?? 0;
  const cont = (b: number) => b >= 0x80 && b <= 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(b1) ? 2 : 0;
  const b2 = bytes[i + 2] ?? 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf; // no UTF-16 surrogates
    return b1 >= lo && b1 <= hi && cont(b2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
    return b1 >= lo && b1 <= hi && cont(b2) && cont(bytes[i + 3] ?? 0) ? 4 : 0;
  }
  return 0;
}

/** Go's `Decoder.Position`: 1-based line, and column in runes (an invalid byte is one). */
function position(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < offset; i += Math.max(1, runeLength(bytes, i))) column++;
  return `(line ${line}:${column})`;
}

const fieldNamed = (schema: DescMessage, name: string) =>
  schema.fields.find((f) => f.jsonName === name) ?? schema.fields.find((f) => f.name === name);

/** What the value of `field` (in a message with `remaining` depth left) means. */
function slotOf(field: DescField, remaining: number): Slot {
  switch (field.fieldKind) {
    case 'message':
      return { kind: 'message', schema: field.message, remaining };
    case 'list':
      return { kind: 'list', field, remaining };
    case 'map':
      return { kind: 'map', field, remaining };
    default:
      return SCALAR;
  }
}

/**
 * The error Go's protojson (`DiscardUnknown: true`) gives for `body` as `schema` when it is
 * one `JSON.parse` would not give, as `proto: …` text; `undefined` when there is none. Stops
 * quietly at anything else (a syntax error, a value of the wrong type): the normal parse
 * reports those. Iterative, so any depth is safe to scan.
 *
 * @throws Never.
 * @example
 * ```ts
 * strictJsonRefusal(messageSchema('plugnmeet.IsRoomActiveReq'),
 *   new TextEncoder().encode('{"room_id":"a","room_id":"b"}'));
 * // 'proto: (line 1:16): duplicate field "room_id"'
 * ```
 */
export function strictJsonRefusal(schema: DescMessage, bytes: Uint8Array): string | undefined {
  const stack: Frame[] = [];
  let i = 0;
  // The slot of the next value, when one is expected (after ':' or in an array).
  let next: Slot | undefined = { kind: 'message', schema, remaining: PROTOJSON_RECURSION_LIMIT };
  const skipSpace = () => {
    while (i < bytes.length) {
      const b = bytes[i];
      if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return;
      i++;
    }
  };
  /** Scans a string at `i`; its end (after the quote), or a refusal, or -1 to stop. */
  const scanString = (): number | string => {
    const start = i;
    i++;
    while (i < bytes.length) {
      const b = bytes[i] as number;
      if (b === 0x22) return ++i;
      if (b === 0x5c) {
        i += 2;
        continue;
      }
      if (b < 0x20) return -1;
      const n = runeLength(bytes, i);
      if (n === 0) return `proto: syntax error ${position(bytes, start)}: invalid UTF-8 in string`;
      i += n;
    }
    return -1;
  };
  /** Opens a container for a value in `slot` at `i` ('{' or '['); a refusal, or false to stop. */
  const open = (slot: Slot, isObject: boolean): string | boolean => {
    switch (slot.kind) {
      case 'message': {
        if (!isObject) return false;
        const remaining = slot.remaining - 1;
        if (remaining < 0) return 'proto: exceeded max recursion depth';
        stack.push({ type: 'message', schema: slot.schema, remaining, seen: new Set() });
        return true;
      }
      case 'list': {
        if (isObject) return false;
        const field = slot.field as DescField & { fieldKind: 'list' };
        const element: Slot =
          field.listKind === 'message'
            ? { kind: 'message', schema: field.message, remaining: slot.remaining }
            : SCALAR;
        stack.push({ type: 'array', element });
        return true;
      }
      case 'map':
        if (!isObject) return false;
        stack.push({ type: 'map', field: slot.field, remaining: slot.remaining, seen: new Set() });
        return true;
      case 'skip': {
        const depth = slot.open + 1;
        if (depth > slot.limit) return 'proto: exceeded max recursion depth';
        if (isObject) stack.push({ type: 'skip', limit: slot.limit, open: depth });
        else
          stack.push({ type: 'array', element: { kind: 'skip', limit: slot.limit, open: depth } });
        return true;
      }
      default:
        return false; // a container where a scalar goes: the normal parse reports the type
    }
  };

  while (true) {
    skipSpace();
    if (i >= bytes.length) return undefined;
    const b = bytes[i] as number;
    const top = stack.at(-1);
    if (next !== undefined) {
      // A value.
      const slot: Slot = next;
      next = undefined;
      if (b === 0x7b || b === 0x5b) {
        const opened = open(slot, b === 0x7b);
        if (typeof opened === 'string') return opened;
        if (!opened) return undefined;
        i++;
        skipSpace();
        if (bytes[i] === 0x5d && b === 0x5b) {
          stack.pop();
          i++;
        } else if (b === 0x5b) {
          next = (stack.at(-1) as Frame & { type: 'array' }).element;
        }
      } else if (b === 0x22) {
        const end = scanString();
        if (typeof end === 'string') return end;
        if (end < 0) return undefined;
      } else {
        while (i < bytes.length && isLiteralByte(bytes[i] as number)) i++;
        if (i < bytes.length && !isDelimiter(bytes[i] as number)) return undefined;
      }
      if (stack.length === 0) return undefined; // the top-level value is done
      continue;
    }
    if (top === undefined) return undefined;
    if (b === 0x7d || b === 0x5d) {
      if ((b === 0x5d) !== (top.type === 'array')) return undefined;
      stack.pop();
      i++;
      if (stack.length === 0) return undefined;
      continue;
    }
    if (b === 0x2c) {
      i++;
      if (top.type === 'array') next = top.element;
      continue;
    }
    if (top.type === 'array' || b !== 0x22) return undefined;
    // A member name.
    const start = i;
    const end = scanString();
    if (typeof end === 'string') return end;
    if (end < 0) return undefined;
    const raw = utf8.decode(bytes.subarray(start, end));
    let name: string;
    try {
      name = JSON.parse(raw) as string;
    } catch {
      return undefined;
    }
    skipSpace();
    if (bytes[i] !== 0x3a) return undefined;
    i++;
    if (top.type === 'skip') {
      next = { kind: 'skip', limit: top.limit, open: top.open };
    } else if (top.type === 'map') {
      if (top.seen.has(name)) return `proto: ${position(bytes, start)}: duplicate map key ${raw}`;
      top.seen.add(name);
      const field = top.field as DescField & { fieldKind: 'map' };
      next =
        field.mapKind === 'message'
          ? { kind: 'message', schema: field.message, remaining: top.remaining }
          : SCALAR;
    } else {
      const field = fieldNamed(top.schema, name);
      if (field === undefined) {
        // skipJSONValue counts open containers against the message's remaining depth.
        next = { kind: 'skip', limit: top.remaining, open: 0 };
      } else {
        if (top.seen.has(field.number)) {
          return `proto: ${position(bytes, start)}: duplicate field ${raw}`;
        }
        top.seen.add(field.number);
        next = slotOf(field, top.remaining);
      }
    }
  }
}
