/**
 * Bytes as a report shows them: hex always, and the text when they are valid UTF-8; cut to
 * {@link SHOWN_BYTES} with the full size said (`shown-value.ts`).
 *
 * @module
 */
import { type BytesShown, bytesShown, SHOWN_BYTES } from './shown-value.js';

/**
 * `bytes` as `{ hex, text?, size? }`: `text` only when the bytes are valid UTF-8, so a
 * report never shows a replacement character the input did not have; at most
 * {@link SHOWN_BYTES} of them, and `size` (the full count) when they were cut.
 *
 * @throws Never.
 * @example
 * ```ts
 * bytesField(new Uint8Array([0x68, 0x69])); // { hex: '6869', text: 'hi' }
 * ```
 */
export function bytesField(bytes: Uint8Array): BytesShown {
  return bytesShown(bytes, SHOWN_BYTES);
}
