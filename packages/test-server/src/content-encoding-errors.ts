/**
 * The text Go's decoders give for a corrupt stream, from the error Node's zlib gave for the
 * same bytes: `c.Body()` returns that text and the HMAC is checked over it, so it must be
 * Go's word for word. Measured on Fiber v3.5.0 (fasthttp 1.73, klauspost/compress 1.19,
 * andybalholm/brotli 1.2).
 *
 * Not exact (Node does not say where): flate corruption inside a stream, which Go reports as
 * `flate: corrupt input before offset N`, and fewer than 10 bytes of trailing garbage after
 * a gzip member, which Go reports as `unexpected EOF`; and a corrupt zstd frame past its magic
 * number, decoded only on a Node with zstd (22.15+; this machine has 20), in Node's words.
 *
 * @module
 */

/** Go's (klauspost/compress zstd) refusal of bytes that do not start with the frame magic. */
export const ZSTD_MAGIC_MISMATCH_TEXT = 'invalid input: magic number mismatch';

/**
 * Go's error text for `input` that Node's decoder for `coding` refused with `error`.
 *
 * @throws Never.
 * @example
 * ```ts
 * goDecodeErrorText('gzip', bytes, { code: 'Z_DATA_ERROR', message: 'incorrect header check' });
 * // 'gzip: invalid header'
 * ```
 */
export function goDecodeErrorText(coding: string, input: Uint8Array, error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const gzip = coding === 'gzip' || coding === 'x-gzip';
  // Go reads gzip's 10-byte header with io.ReadFull: nothing at all is io.EOF, a part of it
  // io.ErrUnexpectedEOF, whatever those bytes were.
  if (gzip && input.length === 0) return 'EOF';
  if (gzip && input.length < 10) return 'unexpected EOF';
  if (code === 'Z_BUF_ERROR') return 'unexpected EOF';
  // Only where Node has zstd (22.15+), not measured here (Node 20): Node's words, labelled.
  if (coding === 'zstd') return `zstd: ${String(message)}`;
  if (typeof code === 'string' && code.startsWith('ERR__ERROR_')) {
    // Node names brotli's decoder error (ERR__ERROR_FORMAT_PADDING_2); Go prints the same
    // name after `brotli: ` (PADDING_2).
    return `brotli: ${code.replace(/^ERR__ERROR_(FORMAT_)?/, '')}`;
  }
  const kind = gzip ? 'gzip' : 'zlib';
  if (message === 'incorrect header check') return `${kind}: invalid header`;
  if (message === 'incorrect data check' || message === 'incorrect length check') {
    return `${kind}: invalid checksum`;
  }
  return 'flate: corrupt input';
}
