/**
 * How much of any one value a report shows. An implementation controls what it sends and
 * answers (a body padded with megabytes, a number of a million digits, a 1 MB event), and
 * every cell and finding of every format shows some of it; so each shown text is cut to
 * {@link SHOWN_CHARS} characters and each shown byte string to {@link SHOWN_BYTES} bytes,
 * and a cut value says its full size. With these bounds a report's size follows from the
 * number of its cells, not from what an implementation sent (see REPORT_BUDGET_BYTES).
 *
 * @module
 */

import type { HelloIdentity } from '../model.js';
import { strictUtf8 } from '../values/bytes.js';

/** The longest text a report shows of one value (an expected, actual or detail text). */
export const SHOWN_CHARS = 1000;

/** The most bytes a report shows of one byte string (as hex, and as text when UTF-8). */
export const SHOWN_BYTES = 512;

/** Bytes as a report shows them. `size` is there when they were cut: the full byte count. */
export interface BytesShown {
  hex: string;
  text?: string;
  size?: number;
}

/**
 * `text` cut after `max` characters (never inside a surrogate pair), saying how long it was.
 *
 * @throws Never.
 * @example
 * ```ts
 * cutText('9'.repeat(5000), 10); // '9999999999… (5000 characters in all)'
 * ```
 */
export function cutText(text: string, max: number = SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length} characters in all)`;
}

/**
 * An outside implementation's hello identity as a report shows it: each value cut like
 * every other value it sends (a hello line may be a megabyte long).
 *
 * @throws Never.
 * @example
 * ```ts
 * shownIdentity({ name: 'x'.repeat(5000), version: '1', language: 'go' }).name.length; // 1000 + a note
 * ```
 */
export function shownIdentity(identity: HelloIdentity): HelloIdentity {
  const { name, version, language, runtime } = identity;
  return {
    name: cutText(name),
    version: cutText(version),
    language: cutText(language),
    ...(runtime === undefined ? {} : { runtime: cutText(runtime) }),
  };
}

/** The bytes as UTF-8 text, or undefined; `cut` allows an incomplete last character. */
function utf8Text(bytes: Uint8Array, cut: boolean): string | undefined {
  // A cut may fall inside a character of up to 4 bytes: drop at most 3 trailing bytes.
  for (let drop = 0; drop <= (cut ? 3 : 0) && drop < bytes.length + 1; drop++) {
    const text = strictUtf8(bytes.subarray(0, bytes.length - drop));
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * The first `max` bytes of `bytes` as `{ hex, text?, size? }`: `text` only when they are
 * valid UTF-8 (so a report never shows a replacement character the input did not have),
 * `size` only when they were cut. Reads no more than `max` bytes of a large input.
 *
 * @throws Never.
 * @example
 * ```ts
 * bytesShown(new Uint8Array([0x68, 0x69])); // { hex: '6869', text: 'hi' }
 * bytesShown(new Uint8Array(1 << 20), 2); // { hex: '0000', text: '\u0000\u0000', size: 1048576 }
 * ```
 */
export function bytesShown(bytes: Uint8Array, max: number = SHOWN_BYTES): BytesShown {
  const cut = bytes.length > max;
  const head = cut ? bytes.subarray(0, max) : bytes;
  const text = utf8Text(head, cut);
  return {
    hex: Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('hex'),
    ...(text === undefined ? {} : { text }),
    ...(cut ? { size: bytes.length } : {}),
  };
}

/**
 * How many bytes a shown byte string stands for: its full `size` when it was cut.
 *
 * @throws Never.
 * @example
 * ```ts
 * fullSize({ hex: '6869' }); // 2
 * ```
 */
export function fullSize(bytes: BytesShown): number {
  return bytes.size ?? bytes.hex.length / 2;
}

/**
 * Words for a cut byte string, for every renderer alike: `` or ` (the first 512 of 1048576
 * bytes)`.
 *
 * @throws Never.
 * @example
 * ```ts
 * cutNote({ hex: 'ab', size: 9 }); // ' (the first 1 of 9 bytes)'
 * ```
 */
export function cutNote(bytes: BytesShown): string {
  return bytes.size === undefined
    ? ''
    : ` (the first ${bytes.hex.length / 2} of ${bytes.size} bytes)`;
}
