/**
 * Whether an SDK kept every value of the server's answer: what the emulator sent, compared
 * with what the SDK gave back, value by value, with exactly the freedom protojson gives.
 *
 * @module
 */
import { type ExactJson, ExactNumber } from '../values/exact-json.js';

const INT64_TEXT = /^-?\d+$/;

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

/**
 * Every place where `got` lost or changed a value of `sent`, as `path: sent X, got Y`.
 * Keys may come back under their proto name or their JSON (lowerCamel) name; an int64 may
 * come back as its decimal string or as an exactly equal integer; a `null` (an unset
 * message) may be left out. Extra keys in `got` are the SDK's own business.
 *
 * @throws Never.
 * @example
 * ```ts
 * lostValues(parseExactJson('{"n":"9007199254740993"}'), parseExactJson('{"n":9007199254740992}'));
 * // ['n: sent "9007199254740993", got 9007199254740992']
 * ```
 */
export function lostValues(sent: ExactJson, got: ExactJson | undefined, path = ''): string[] {
  const at = path === '' ? '(answer)' : path;
  if (isObject(sent)) {
    if (!isObject(got)) return [`${at}: sent an object, got ${show(got)}`];
    return Object.entries(sent).flatMap(([key, value]) => {
      const child = path === '' ? key : `${path}.${key}`;
      const found = Object.hasOwn(got, key) ? got[key] : got[lowerCamel(key)];
      if (found === undefined && value === null) return [];
      return lostValues(value, found, child);
    });
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(got)) return [`${at}: sent a list, got ${show(got)}`];
    if (got.length !== sent.length) {
      return [`${at}: sent ${sent.length} items, got ${got.length}`];
    }
    return sent.flatMap((item, i) => lostValues(item, got[i], `${path}[${i}]`));
  }
  return sameScalar(sent, got) ? [] : [`${at}: sent ${show(sent)}, got ${show(got)}`];
}
