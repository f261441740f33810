/**
 * Reading JSON tokens straight from the body's bytes, for the strict scan: a 50 MiB body has
 * millions of literals and keys, and decoding each one to a string (a `TextDecoder` call, a
 * regex, a `JSON.parse`) held the event loop for seconds. Bytes are compared in place; text is
 * made only where it is needed (a key's name, an error message).
 *
 * @module
 */

/** JSON literal tokens, as far as the strict scan cares. */
export type LiteralToken = 'true' | 'false' | 'null' | 'number';

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/** Whether `bytes[start..end)` spells `word` (ASCII). */
function spells(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    if (bytes[start + k] !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Whether `bytes[start..end)` is a JSON number: `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`. */
function isNumber(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (bytes[i] === 0x2d) i++;
  if (i >= end || !isDigit(bytes[i])) return false;
  if (bytes[i] === 0x30) i++;
  else while (i < end && isDigit(bytes[i])) i++;
  if (i < end && bytes[i] === 0x2e) {
    const digits = ++i;
    while (i < end && isDigit(bytes[i])) i++;
    if (i === digits) return false;
  }
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i++;
    const digits = i;
    while (i < end && isDigit(bytes[i])) i++;
    if (i === digits) return false;
  }
  return i === end;
}

/**
 * The literal token `bytes[start..end)` spells, or `undefined` when it is not one (a syntax
 * error, which the normal parse reports in its own words).
 *
 * @throws Never.
 * @example
 * ```ts
 * literalToken(new TextEncoder().encode('[-1.5e3]'), 1, 7); // 'number'
 * literalToken(new TextEncoder().encode('nul'), 0, 3); // undefined
 * ```
 */
export function literalToken(
  bytes: Uint8Array,
  start: number,
  end: number,
): LiteralToken | undefined {
  if (spells(bytes, start, end, 'true')) return 'true';
  if (spells(bytes, start, end, 'false')) return 'false';
  if (spells(bytes, start, end, 'null')) return 'null';
  return isNumber(bytes, start, end) ? 'number' : undefined;
}

const utf8 = new TextDecoder();
/** Past this many bytes a key is decoded by TextDecoder rather than char codes. */
const SHORT_KEY_BYTES = 64;

/**
 * The name a JSON string `bytes[start..end)` (quotes included, already checked to be valid
 * UTF-8 with valid escapes) stands for: `JSON.parse` only when it holds a backslash, char
 * codes for a short ASCII one, `TextDecoder` otherwise. `undefined` when `JSON.parse` refuses.
 *
 * @throws Never.
 * @example
 * ```ts
 * stringText(new TextEncoder().encode('"room_id"'), 0, 9); // 'room_id'
 * stringText(new TextEncoder().encode('"a\\u0062"'), 0, 9); // 'ab'
 * ```
 */
export function stringText(bytes: Uint8Array, start: number, end: number): string | undefined {
  let ascii = true;
  for (let k = start + 1; k < end - 1; k++) {
    const b = bytes[k] as number;
    if (b === 0x5c) {
      try {
        return JSON.parse(utf8.decode(bytes.subarray(start, end))) as string;
      } catch {
        return undefined;
      }
    }
    if (b >= 0x80) ascii = false;
  }
  if (ascii && end - start - 2 <= SHORT_KEY_BYTES) {
    return String.fromCharCode.apply(
      null,
      bytes.subarray(start + 1, end - 1) as unknown as number[],
    );
  }
  return utf8.decode(bytes.subarray(start + 1, end - 1));
}
