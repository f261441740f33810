/**
 * Byte strings compared and read as text, one way for the whole package.
 *
 * @module
 */

/** Whether `a` and `b` hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// ignoreBOM keeps a leading U+FEFF: the text is the bytes', byte for byte.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The bytes as text when they are valid UTF-8, else undefined. A leading byte order mark
 * stays in the text as U+FEFF.
 *
 * @example
 * ```ts
 * strictUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // '\ufeffa'
 * strictUtf8(new Uint8Array([0xff])); // undefined
 * ```
 */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}
