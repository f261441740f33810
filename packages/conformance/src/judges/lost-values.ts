/**
 * Whether an SDK kept every value of the server's answer: what the emulator sent, compared
 * with what the SDK gave back, value by value, with exactly the freedom protojson gives.
 *
 * @module
 */
import { type DescField, type DescMessage, ScalarType } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import { type ExactJson, ExactNumber } from '../values/exact-json.js';

const INT64_TEXT = /^-?\d+$/;

/**
 * What is known of the value at one place of the answer: the message an object is, what the
 * items of a list or the values of a map are; `undefined` where nothing is known, which
 * keeps the strict rule there (every value sent must come back).
 */
type Shape =
  | { kind: 'message'; message: DescMessage }
  | { kind: 'list'; item: Shape | undefined }
  | { kind: 'map'; value: Shape | undefined }
  | undefined;

function isObject(value: ExactJson | undefined): value is { [key: string]: ExactJson } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof ExactNumber)
  );
}

/** `room_info` → `roomInfo`: protojson's JSON name, which a parser may use instead. */
function lowerCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A value in 80 characters at most; a longer one (a number of a million digits too) says its length. */
function show(value: ExactJson | undefined): string {
  if (value === undefined) return 'nothing';
  const text = value instanceof ExactNumber ? value.text : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}… (${text.length} characters)` : text;
}

/** Whether two scalars are the same value under protojson's rules (int64 as text or number). */
function sameScalar(sent: ExactJson, got: ExactJson | undefined): boolean {
  if (sent instanceof ExactNumber) {
    if (got instanceof ExactNumber) {
      const [a, b] = [sent.integer(), got.integer()];
      return a !== undefined && b !== undefined ? a === b : Number(sent.text) === Number(got.text);
    }
    return typeof got === 'string' && got === sent.text;
  }
  if (typeof sent === 'string' && INT64_TEXT.test(sent) && got instanceof ExactNumber) {
    // protojson writes int64 as a decimal string; an SDK may hand it back as a number, but
    // only an exactly equal integer keeps it (a float literal has lost its low digits).
    return got.integer() === BigInt(sent);
  }
  return sent === got;
}

/** The shape of a message, or nothing for a well-known type, whose JSON is not its fields. */
function messageShape(message: DescMessage): Shape {
  return message.typeName.startsWith('google.protobuf.') ? undefined : { kind: 'message', message };
}

function fieldShape(field: DescField): Shape {
  switch (field.fieldKind) {
    case 'message':
      return messageShape(field.message);
    case 'list':
      return {
        kind: 'list',
        item: field.listKind === 'message' ? messageShape(field.message) : undefined,
      };
    case 'map':
      return {
        kind: 'map',
        value: field.mapKind === 'message' ? messageShape(field.message) : undefined,
      };
    default:
      return undefined;
  }
}

/** The field of `message` a key names: its proto name (what the server writes) or JSON name. */
function fieldNamed(message: DescMessage, key: string): DescField | undefined {
  return (
    message.fields.find((f) => f.name === key) ?? message.fields.find((f) => f.jsonName === key)
  );
}

/** Whether a JSON number or numeric string is zero; `-0` is not a float's default (protobuf spec). */
function isZero(value: ExactJson, float: boolean): boolean {
  const text =
    value instanceof ExactNumber ? value.text : typeof value === 'string' ? value : undefined;
  if (text === undefined || text.trim() === '') return false;
  const number = Number(text);
  return number === 0 && !(float && Object.is(number, -0));
}

/** Whether `value` is the JSON of `field`'s proto3 default (`0`, `"0"`, `""`, `false`, `[]`, `{}`, the zero enum). */
function isDefault(field: DescField, value: ExactJson): boolean {
  switch (field.fieldKind) {
    case 'list':
      return Array.isArray(value) && value.length === 0;
    case 'map':
      return isObject(value) && Object.keys(value).length === 0;
    case 'enum':
      return value === field.enum.values.find((v) => v.number === 0)?.name || isZero(value, false);
    case 'scalar':
      switch (field.scalar) {
        case ScalarType.BOOL:
          return value === false;
        case ScalarType.STRING:
        case ScalarType.BYTES:
          return value === '';
        default:
          return isZero(
            value,
            field.scalar === ScalarType.DOUBLE || field.scalar === ScalarType.FLOAT,
          );
      }
    default:
      return false;
  }
}

/**
 * Whether protojson itself leaves `value` out when `field` holds it: a field without
 * explicit presence (a proto3 scalar, enum, list or map not marked `optional` and not in a
 * oneof) at its default. A message field, an `optional` one or a oneof member has presence:
 * sent, it must come back, default or not.
 */
function protojsonOmits(field: DescField, value: ExactJson): boolean {
  const implicit =
    field.fieldKind === 'list' ||
    field.fieldKind === 'map' ||
    field.presence === FeatureSet_FieldPresence.IMPLICIT;
  return implicit && isDefault(field, value);
}

function lost(sent: ExactJson, got: ExactJson | undefined, path: string, shape: Shape): string[] {
  const at = path === '' ? '(answer)' : path;
  if (isObject(sent)) {
    if (!isObject(got)) return [`${at}: sent an object, got ${show(got)}`];
    return Object.entries(sent).flatMap(([key, value]) => {
      const child = path === '' ? key : `${path}.${key}`;
      if (shape?.kind === 'map') {
        // A map's keys are data: never renamed, and an entry is written even at its default.
        return lost(value, Object.hasOwn(got, key) ? got[key] : undefined, child, shape.value);
      }
      const field = shape?.kind === 'message' ? fieldNamed(shape.message, key) : undefined;
      const jsonName = field?.jsonName ?? lowerCamel(key);
      const found = Object.hasOwn(got, key) ? got[key] : got[jsonName];
      if (found === undefined && (value === null || (field && protojsonOmits(field, value)))) {
        return [];
      }
      return lost(value, found, child, field ? fieldShape(field) : undefined);
    });
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(got)) return [`${at}: sent a list, got ${show(got)}`];
    if (got.length !== sent.length) {
      return [`${at}: sent ${sent.length} items, got ${got.length}`];
    }
    const item = shape?.kind === 'list' ? shape.item : undefined;
    return sent.flatMap((value, i) => lost(value, got[i], `${path}[${i}]`, item));
  }
  return sameScalar(sent, got) ? [] : [`${at}: sent ${show(sent)}, got ${show(got)}`];
}

/**
 * Every place where `got` lost or changed a value of `sent`, as `path: sent X, got Y`.
 * Keys may come back under their proto name or their JSON (lowerCamel) name; an int64 may
 * come back as its decimal string or as an exactly equal integer; a `null` (an unset
 * message) may be left out. Extra keys in `got` are the SDK's own business.
 *
 * With `schema`, the message `sent` is, a field protojson itself leaves out may be left out
 * too: one without explicit presence sent at its proto3 default, as an SDK that parses the
 * answer into a protobuf message and serializes it back writes it. Without `schema`, every
 * value sent must come back.
 *
 * @param schema The message descriptor of `sent` (a route's response, the webhook event).
 * @throws Never.
 * @example
 * ```ts
 * lostValues(parseExactJson('{"n":"9007199254740993"}'), parseExactJson('{"n":9007199254740992}'));
 * // ['n: sent "9007199254740993", got 9007199254740992']
 * lostValues(parseExactJson('{"status":false,"msg":""}'), parseExactJson('{}'), messageSchema('plugnmeet.CommonResponse'));
 * // []: protojson leaves out false and ""
 * ```
 */
export function lostValues(
  sent: ExactJson,
  got: ExactJson | undefined,
  schema?: DescMessage,
): string[] {
  return lost(sent, got, '', schema ? messageShape(schema) : undefined);
}
