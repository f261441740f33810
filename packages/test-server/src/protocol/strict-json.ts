/**
 * What Go's protojson refuses and `JSON.parse` accepts (and, for control characters in a
 * string, what both refuse, in Go's words): a known field given twice (by either
 * of its names), a map key given twice, bytes that are not UTF-8 inside a string, a `\u`
 * escape of a lone UTF-16 surrogate, a leading byte order mark, and nesting past protojson's
 * recursion limit — and, since a later duplicate would hide it, a value of the wrong JSON type.
 * `JSON.parse` keeps the last duplicate, takes lone surrogates, never sees
 * invalid UTF-8 or a BOM (both are gone once the body is text) and nests as deep as memory
 * allows, so these are found on the raw bytes before it runs, in document order, as Go reads
 * (google.golang.org/protobuf v1.36.11: `encoding/protojson` `unmarshalMessage`,
 * `skipJSONValue`; `internal/encoding/json` `parseString`, `parseNext`).
 *
 * @module
 */
import { type DescField, type DescMessage, ScalarType } from '@bufbuild/protobuf';
import { GO_CONTROL_ESCAPES, goPosition, goQuote, runeLength } from './go-json-text.js';
import { literalToken, stringText } from './json-bytes.js';

/** `protowire.DefaultRecursionLimit`: the remaining depth protojson starts a body with. */
export const PROTOJSON_RECURSION_LIMIT = 10_000;

/** Which JSON scalars a field takes: Go refuses the others. */
type Accepts = 'string' | 'bool' | 'number-or-string';

/**
 * What a value at one place in the body means to protojson: `message` (an object is
 * `unmarshalMessage`, one level deeper), a `list` or `map` field, `skip` (an unknown field's
 * value, walked by `skipJSONValue` against the message's remaining depth), or a scalar.
 * `nullable`: a field's own value may be `null` (skipped); list elements and map values not.
 */
type Slot =
  | {
      readonly kind: 'message';
      readonly schema: DescMessage;
      readonly remaining: number;
      readonly nullable: boolean;
    }
  | { readonly kind: 'list'; readonly element: Slot; readonly nullable: boolean }
  | { readonly kind: 'map'; readonly value: Slot; readonly nullable: boolean }
  | { readonly kind: 'skip'; readonly limit: number; readonly open: number }
  | {
      readonly kind: 'scalar';
      readonly accepts: Accepts;
      /** Go's `protoreflect.Kind` name and the field's JSON name, for its error text. */
      readonly goKind: string;
      readonly jsonName: string;
      readonly nullable: boolean;
    };

/** An open object or array; `after` is what was read last inside it. */
type Frame = { after: 'open' | 'comma' | 'value' } & (
  | {
      readonly type: 'message';
      readonly schema: DescMessage;
      readonly remaining: number;
      readonly seen: Set<number>;
    }
  | { readonly type: 'map'; readonly value: Slot; readonly seen: Set<string> }
  | { readonly type: 'skip'; readonly limit: number; readonly open: number }
  | { readonly type: 'array'; readonly element: Slot }
);

const utf8 = new TextDecoder();
const BOM = [0xef, 0xbb, 0xbf];
/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`: the escapes besides `\u`. */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** `protoreflect.Kind.String()` per protobuf-es scalar type. */
const GO_KIND: Record<ScalarType, string> = {
  [ScalarType.DOUBLE]: 'double',
  [ScalarType.FLOAT]: 'float',
  [ScalarType.INT64]: 'int64',
  [ScalarType.UINT64]: 'uint64',
  [ScalarType.INT32]: 'int32',
  [ScalarType.FIXED64]: 'fixed64',
  [ScalarType.FIXED32]: 'fixed32',
  [ScalarType.BOOL]: 'bool',
  [ScalarType.STRING]: 'string',
  [ScalarType.BYTES]: 'bytes',
  [ScalarType.UINT32]: 'uint32',
  [ScalarType.SFIXED32]: 'sfixed32',
  [ScalarType.SFIXED64]: 'sfixed64',
  [ScalarType.SINT32]: 'sint32',
  [ScalarType.SINT64]: 'sint64',
};

/** A scalar slot: of an enum when `scalar` is undefined. */
function scalarSlot(scalar: ScalarType | undefined, jsonName: string, nullable: boolean): Slot {
  const accepts: Accepts =
    scalar === ScalarType.STRING || scalar === ScalarType.BYTES
      ? 'string'
      : scalar === ScalarType.BOOL
        ? 'bool'
        : 'number-or-string';
  const goKind = scalar === undefined ? 'enum' : GO_KIND[scalar];
  return { kind: 'scalar', accepts, goKind, jsonName, nullable };
}

/** The slot of a list element or map value (Go names a map value's field `value`). */
function elementSlot(field: DescField, remaining: number): Slot {
  if (field.fieldKind !== 'list' && field.fieldKind !== 'map') return slotOf(field, remaining);
  const kind = field.fieldKind === 'list' ? field.listKind : field.mapKind;
  const jsonName = field.fieldKind === 'list' ? field.jsonName : 'value';
  if (kind === 'message') {
    return { kind: 'message', schema: field.message as DescMessage, remaining, nullable: false };
  }
  return scalarSlot(kind === 'enum' ? undefined : (field.scalar as ScalarType), jsonName, false);
}

/** What the value of `field` (in a message with `remaining` depth left) means. */
function slotOf(field: DescField, remaining: number): Slot {
  switch (field.fieldKind) {
    case 'message':
      return { kind: 'message', schema: field.message, remaining, nullable: true };
    case 'list':
      return { kind: 'list', element: elementSlot(field, remaining), nullable: true };
    case 'map':
      return { kind: 'map', value: elementSlot(field, remaining), nullable: true };
    case 'enum':
      return scalarSlot(undefined, field.jsonName, true);
    default:
      return scalarSlot(field.scalar, field.jsonName, true);
  }
}

/** A message's fields by JSON name, then by proto name (the JSON name wins, as in Go). */
function fieldsByName(schema: DescMessage): Map<string, DescField> {
  const byName = new Map<string, DescField>();
  for (const f of schema.fields) byName.set(f.name, f);
  for (const f of schema.fields) byName.set(f.jsonName, f);
  return byName;
}

/** A byte of a number or of `true`, `false`, `null` (checked exactly by the normal parse). */
const isLiteralByte = (b: number) =>
  b === 0x2b ||
  b === 0x2d ||
  b === 0x2e ||
  (b >= 0x30 && b <= 0x39) ||
  (b >= 0x41 && b <= 0x5a) ||
  (b >= 0x61 && b <= 0x7a);

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const isHex = (b: number | undefined) =>
  b !== undefined &&
  ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));

/** JSON token kinds, as far as slots care. */
type Token = 'object' | 'array' | 'string' | 'true' | 'false' | 'null' | 'number';

/** Whether `slot` takes a `token`; when not, Go refuses it there (with {@link misfit}'s text). */
function fits(slot: Slot, token: Token): boolean {
  if (slot.kind === 'skip') return true;
  if (token === 'null') return slot.nullable;
  switch (slot.kind) {
    case 'message':
    case 'map':
      return token === 'object';
    case 'list':
      return token === 'array';
    default:
      if (token === 'string') return slot.accepts !== 'bool';
      if (token === 'number') return slot.accepts === 'number-or-string';
      return (token === 'true' || token === 'false') && slot.accepts === 'bool';
  }
}

/** Go's refusal of a token (spelled `raw`, at `offset`) that `slot` does not take. */
function misfit(slot: Slot, raw: string, bytes: Uint8Array, offset: number): string {
  const at = goPosition(bytes, offset);
  if (slot.kind === 'scalar') {
    return `proto: ${at}: invalid value for ${slot.goKind} field ${slot.jsonName}: ${raw}`;
  }
  return `proto: syntax error ${at}: unexpected token ${raw}`;
}

/**
 * The error Go's protojson (`DiscardUnknown: true`) gives for `body` as `schema` when it is
 * one `JSON.parse` would not give, as `proto: …` text; `undefined` when there is none. A value
 * of the wrong JSON type is refused here too, in Go's words: `JSON.parse` would let a later
 * duplicate hide it. Stops quietly at a syntax error, which the normal parse reports in its own
 * words, and does not judge values of the right JSON type (ranges, enum names, base64).
 * Iterative, so any depth is safe to scan.
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
  if (BOM.every((b, k) => bytes[k] === b)) {
    return `proto: syntax error ${goPosition(bytes, 0)}: invalid value \ufeff`;
  }
  const stack: Frame[] = [];
  // Built once per message type per scan: millions of keys each look their field up.
  const lookups = new Map<DescMessage, Map<string, DescField>>();
  const fieldNamed = (message: DescMessage, name: string) => {
    let byName = lookups.get(message);
    if (byName === undefined) {
      byName = fieldsByName(message);
      lookups.set(message, byName);
    }
    return byName.get(name);
  };
  let i = 0;
  let pending: Slot | undefined = {
    kind: 'message',
    schema,
    remaining: PROTOJSON_RECURSION_LIMIT,
    nullable: false,
  };

  /** Scans the string at `i`: its end (after the quote), a refusal, or -1 to stop. */
  const scanString = (): number | string => {
    const start = i;
    i++;
    while (i < bytes.length) {
      const b = bytes[i] as number;
      if (b === 0x22) return ++i;
      if (b < 0x20) {
        const rune = GO_CONTROL_ESCAPES[b] ?? `\\x${b.toString(16).padStart(2, '0')}`;
        return `proto: syntax error ${goPosition(bytes, start)}: invalid character '${rune}' in string`;
      }
      if (b === 0x5c) {
        const escaped = bytes[i + 1];
        if (escaped !== 0x75) {
          // Any other escape than these is a syntax error: stop, the normal parse reports it
          // (and nothing after it may be reported first, as Go stops there too).
          if (!SIMPLE_ESCAPES.has(escaped as number)) return -1;
          i += 2;
          continue;
        }
        if (![2, 3, 4, 5].every((k) => isHex(bytes[i + k]))) return -1;
        const unit = Number.parseInt(utf8.decode(bytes.subarray(i + 2, i + 6)), 16);
        i += 6;
        if (unit < 0xd800 || unit > 0xdfff) continue;
        // Go takes a surrogate only as the high half of a pair spelled as two escapes.
        const low =
          bytes[i] === 0x5c &&
          bytes[i + 1] === 0x75 &&
          [2, 3, 4, 5].every((k) => isHex(bytes[i + k]))
            ? Number.parseInt(utf8.decode(bytes.subarray(i + 2, i + 6)), 16)
            : -1;
        if (unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          i += 6;
          continue;
        }
        if (i + 6 > bytes.length) return -1; // unexpected EOF: the normal parse says so
        const next6 = goQuote(bytes.subarray(i, i + 6));
        return `proto: syntax error ${goPosition(bytes, start)}: invalid escape code ${next6} in string`;
      }
      if (b < 0x80) {
        i++;
        continue;
      }
      const n = runeLength(bytes, i);
      if (n === 0)
        return `proto: syntax error ${goPosition(bytes, start)}: invalid UTF-8 in string`;
      i += n;
    }
    return -1;
  };

  /** Opens `{` or `[` for a value in `slot`: a refusal, true, or false to stop. */
  const open = (slot: Slot, isObject: boolean): string | boolean => {
    if (slot.kind === 'skip') {
      const depth = slot.open + 1;
      if (depth > slot.limit) return 'proto: exceeded max recursion depth';
      stack.push(
        isObject
          ? { type: 'skip', limit: slot.limit, open: depth, after: 'open' }
          : {
              type: 'array',
              element: { kind: 'skip', limit: slot.limit, open: depth },
              after: 'open',
            },
      );
      return true;
    }
    if (isObject && slot.kind === 'message') {
      const remaining = slot.remaining - 1;
      if (remaining < 0) return 'proto: exceeded max recursion depth';
      stack.push({
        type: 'message',
        schema: slot.schema,
        remaining,
        seen: new Set(),
        after: 'open',
      });
      return true;
    }
    if (isObject && slot.kind === 'map') {
      stack.push({ type: 'map', value: slot.value, seen: new Set(), after: 'open' });
      return true;
    }
    if (!isObject && slot.kind === 'list') {
      stack.push({ type: 'array', element: slot.element, after: 'open' });
      return true;
    }
    return misfit(slot, isObject ? '{' : '[', bytes, i);
  };

  /** Reads the value at `i` for `slot`: a refusal, true to go on, or false to stop. */
  const value = (slot: Slot): string | boolean => {
    const b = bytes[i] as number;
    if (b === 0x7b || b === 0x5b) {
      const opened = open(slot, b === 0x7b);
      if (opened === true) i++;
      return opened;
    }
    const start = i;
    if (b === 0x22) {
      const end = scanString();
      if (typeof end === 'string') return end;
      if (end < 0) return false;
      return (
        fits(slot, 'string') || misfit(slot, utf8.decode(bytes.subarray(start, end)), bytes, start)
      );
    }
    while (i < bytes.length && isLiteralByte(bytes[i] as number)) i++;
    // Compared in place: only a refusal's message needs the literal as text.
    const token = literalToken(bytes, start, i);
    if (token === undefined) return false; // a syntax error: the normal parse reports it
    return fits(slot, token) || misfit(slot, utf8.decode(bytes.subarray(start, i)), bytes, start);
  };

  while (true) {
    while (isSpace(bytes[i])) i++;
    if (i >= bytes.length) return undefined;
    if (pending !== undefined) {
      const slot: Slot = pending;
      pending = undefined;
      const read = value(slot);
      if (read !== true) return read === false ? undefined : read;
      if (stack.length === 0) return undefined; // the top-level value was a scalar
      continue;
    }
    const top = stack.at(-1);
    if (top === undefined) return undefined; // the body's value is complete
    const b = bytes[i] as number;
    const close = top.type === 'array' ? 0x5d : 0x7d;
    if (top.after === 'value') {
      if (b === 0x2c) {
        top.after = 'comma';
        i++;
        continue;
      }
      if (b !== close) return undefined;
      stack.pop();
      i++;
      continue;
    }
    if (b === close && top.after === 'open') {
      stack.pop();
      i++;
      continue;
    }
    top.after = 'value';
    if (top.type === 'array') {
      pending = top.element;
      continue;
    }
    // A member name, then ':'.
    if (b !== 0x22) return undefined;
    const start = i;
    const end = scanString();
    if (typeof end === 'string') return end;
    if (end < 0) return undefined;
    while (isSpace(bytes[i])) i++;
    if (bytes[i] !== 0x3a) return undefined;
    i++;
    if (top.type === 'skip') {
      // An unknown field's keys are never looked at: no text is made for them.
      pending = { kind: 'skip', limit: top.limit, open: top.open };
      continue;
    }
    const name = stringText(bytes, start, end);
    if (name === undefined) return undefined;
    const raw = () => utf8.decode(bytes.subarray(start, end));
    if (top.type === 'map') {
      if (top.seen.has(name))
        return `proto: ${goPosition(bytes, start)}: duplicate map key ${raw()}`;
      top.seen.add(name);
      pending = top.value;
    } else {
      const field = fieldNamed(top.schema, name);
      if (field === undefined) {
        pending = { kind: 'skip', limit: top.remaining, open: 0 };
        continue;
      }
      if (top.seen.has(field.number)) {
        return `proto: ${goPosition(bytes, start)}: duplicate field ${raw()}`;
      }
      top.seen.add(field.number);
      pending = slotOf(field, top.remaining);
    }
  }
}
