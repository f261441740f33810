/**
 * Byte-level helpers that word errors like Go's `internal/encoding/json` decoder: UTF-8
 * validity as `utf8.DecodeRune` sees it, positions as `Decoder.Position` counts them, and `%q`.
 *
 * @module
 */

const isContinuation = (b: number) => b >= 0x80 && b <= 0xbf;

/**
 * Length of the valid UTF-8 sequence at `i` as Go's `utf8.DecodeRune` accepts it (no
 * overlong forms, no UTF-16 surrogates, nothing above U+10FFFF), or 0 when invalid.
 *
 * @throws Never.
 * @example
 * ```ts
 * runeLength(new Uint8Array([0xc3, 0xa9]), 0); // 2
 * runeLength(new Uint8Array([0xed, 0xa0, 0x80]), 0); // 0: a surrogate
 * ```
 */
export function runeLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const b1 = bytes[i + 1] ?? 0;
  if (b0 >= 0xc2 && b0 <= 0xdf) return isContinuation(b1) ? 2 : 0;
  const b2 = bytes[i + 2] ?? 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return b1 >= lo && b1 <= hi && isContinuation(b2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return b1 >= lo && b1 <= hi && isContinuation(b2) && isContinuation(bytes[i + 3] ?? 0) ? 4 : 0;
  }
  return 0;
}

/**
 * Go's `Decoder.Position` of a byte offset, as its errors print it: `(line L:C)`, the column
 * counted in runes (an invalid byte counts as one).
 *
 * @throws Never.
 * @example
 * ```ts
 * goPosition(new TextEncoder().encode('{\n  "a"'), 4); // '(line 2:3)'
 * ```
 */
export function goPosition(bytes: Uint8Array, offset: number): string {
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

/**
 * Go's `%q` of the control runes it writes as a letter escape (`\t`, not `\x09`); every
 * other control byte is `\xNN`.
 *
 * @example
 * ```ts
 * GO_CONTROL_ESCAPES[9]; // the two characters backslash and t
 * ```
 */
export const GO_CONTROL_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

const ESCAPES: Record<number, string> = { ...GO_CONTROL_ESCAPES, 34: '\\"', 92: '\\\\' };

const utf8 = new TextDecoder();

/**
 * Go's `%q` of a byte string, close enough for the short slices error messages quote: ASCII
 * escapes, `\xNN` for other control bytes and invalid UTF-8, other characters as they are.
 *
 * @throws Never.
 * @example
 * ```ts
 * goQuote(new TextEncoder().encode('","roo')); // '"\\",\\"roo"'
 * ```
 */
export function goQuote(bytes: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const n = runeLength(bytes, i);
    if (n === 0) {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i++;
    } else if (n > 1) {
      out += utf8.decode(bytes.subarray(i, i + n));
      i += n;
    } else {
      out +=
        ESCAPES[b] ??
        (b < 0x20 || b === 0x7f ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b));
      i++;
    }
  }
  return `${out}"`;
}
