/**
 * Bytes as a report shows them: hex always, and the text when they are valid UTF-8.
 *
 * @module
 */

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `bytes` as `{ hex, text? }`: `text` only when the bytes are valid UTF-8, so a report never
 * shows a replacement character the input did not have.
 *
 * @throws Never.
 * @example
 * ```ts
 * bytesField(new Uint8Array([0x68, 0x69])); // { hex: '6869', text: 'hi' }
 * ```
 */
export function bytesField(bytes: Uint8Array): { hex: string; text?: string } {
  let text: string | undefined;
  try {
    text = strict.decode(bytes);
  } catch {}
  return { hex: Buffer.from(bytes).toString('hex'), ...(text === undefined ? {} : { text }) };
}
