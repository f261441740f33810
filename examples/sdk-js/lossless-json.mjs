/**
 * JSON.parse for the runner's messages that keeps integers above 2^53 exact.
 *
 * A `request` may hold an int64 as a bare number (9007199254740993); JSON.parse would
 * round it before the SDK ever saw it, and the adapter, not the SDK, would have lost the
 * digit. A JS user holding such a value has it as a string (JSON.stringify cannot write a
 * BigInt), and protojson accepts int64 as a string, so that is what the SDK is handed.
 */

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** `text` with every unsafe integer literal outside strings turned into a string literal. */
export function quoteUnsafeIntegers(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      out += char;
      if (char === '\\') out += text[++i] ?? '';
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)?.[0] ?? char;
      const isInteger = /^-?\d+$/.test(literal);
      out += isInteger && !Number.isSafeInteger(Number(literal)) ? `"${literal}"` : literal;
      i += literal.length - 1;
      continue;
    }
    out += char;
  }
  return out;
}

/** JSON.parse, keeping unsafe integers as their decimal strings. */
export function parseLossless(text) {
  return JSON.parse(quoteUnsafeIntegers(text));
}
