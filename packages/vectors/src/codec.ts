/**
 * Exact decoders for the three plain bytes encodings. Each byte string has exactly one
 * accepted spelling, so two files that mean the same bytes also look the same.
 *
 * @module
 */
import { schemaError } from './issues.js';

const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const LOWERCASE_HEX = /^(?:[0-9a-f]{2})*$/;
const PADDED_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// With the u flag a surrogate pair is one code point outside this range, so only lone
// surrogates match: they have no UTF-8 encoding and TextEncoder would turn them into U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The same wording as the schema's `x-message` annotations. */
const HEX_RULE = 'must be lowercase hex with an even number of digits';
const BASE64_RULE = "must be standard padded base64 (A-Z a-z 0-9 + /, '=' padding, no whitespace)";

/**
 * Lowercase hex of `bytes`, the spelling `HASH-SIGNATURE` uses.
 *
 * @throws {TypeError} When `bytes` is not a `Uint8Array`.
 * @example
 * ```ts
 * toHex(new Uint8Array([0, 171])); // '00ab'
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('"bytes" expected a Uint8Array');
  let out = '';
  for (const byte of bytes) out += HEX_DIGITS[byte];
  return out;
}

/**
 * Decodes lowercase hex with an even number of digits; anything else is refused rather
 * than guessed at.
 *
 * @throws {VectorError} `ERR_VECTOR_SCHEMA` when `hex` is not lowercase even-length hex.
 * @example
 * ```ts
 * fromHex('00ab'); // Uint8Array [0, 171]
 * fromHex('00AB'); // throws VectorError
 * ```
 */
export function fromHex(hex: string): Uint8Array {
  return decodeHex(hex, '', '');
}

/** {@link fromHex} that names the file and JSON path in its error. */
export function decodeHex(hex: unknown, jsonPath: string, file: string): Uint8Array {
  if (typeof hex !== 'string' || !LOWERCASE_HEX.test(hex))
    throw schemaError(file, jsonPath, HEX_RULE);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Standard padded base64 whose padding bits are zero (one spelling per byte string). */
export function decodeBase64(text: unknown, jsonPath: string, file: string): Uint8Array {
  if (typeof text !== 'string' || !PADDED_BASE64.test(text)) {
    throw schemaError(file, jsonPath, BASE64_RULE);
  }
  // The pattern leaves only one ambiguity: non-zero bits after the last byte ("QR==" also
  // decodes to "A"). Re-encoding catches it.
  const binary = atob(text);
  if (btoa(binary) !== text) {
    throw schemaError(file, jsonPath, 'must be canonical base64 (the padding bits must be zero)');
  }
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

const utf8 = new TextEncoder();

/** UTF-8 of a string without lone surrogates. */
export function encodeUtf8(text: unknown, jsonPath: string, file: string): Uint8Array {
  if (typeof text !== 'string') throw schemaError(file, jsonPath, 'must be a string');
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw schemaError(
      file,
      jsonPath,
      `contains a lone surrogate (\\u${code} at index ${lone.index}), which has no UTF-8 encoding; use hex`,
    );
  }
  return utf8.encode(text);
}
