/**
 * Undoing a request's `Content-Encoding` the way Fiber v3.5.0's `c.Body()` does, with its
 * output limit: fasthttp's `BodyGunzipWithLimit` / `BodyUnbrotliWithLimit` /
 * `BodyInflateWithLimit` stop once the inflated bytes pass the app's `BodyLimit`, so a small
 * compressed bomb never grows past the body limit.
 *
 * @module
 */
import type { Buffer } from 'node:buffer';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/**
 * What `c.Body()` returns when inflation passes the limit: the error's text, which is then
 * what the auth middleware signs (Fiber also sets status 413, which the 401 overwrites).
 */
export const BODY_TOO_LARGE_TEXT = 'fasthttp: body size exceeds the given limit';

/** The decoded body, or why it could not be decoded. */
export type DecodedBody =
  | { readonly ok: true; readonly body: Uint8Array }
  | { readonly ok: false; readonly reason: 'too large' | 'corrupt' };

/**
 * Undoes `encoding` (`gzip`, `deflate`, `br`; anything else leaves the body as it is),
 * refusing as `too large` once the output passes `limit` bytes: zlib stops there, so the work
 * and memory stay within the limit whatever the compression ratio.
 *
 * @throws Never: a corrupt stream is `{ ok: false, reason: 'corrupt' }`.
 * @example
 * ```ts
 * decodeContentEncoding(gzipSync('{"room_id":"r1"}'), 'gzip', 50 << 20); // { ok: true, body }
 * decodeContentEncoding(bomb, 'br', 50 << 20); // { ok: false, reason: 'too large' }
 * ```
 */
export function decodeContentEncoding(
  body: Uint8Array,
  encoding: string | undefined,
  limit: number,
): DecodedBody {
  // Node's zlib refuses with ERR_BUFFER_TOO_LARGE when the output would exceed
  // maxOutputLength, as fasthttp refuses past BodyLimit (exactly BodyLimit bytes pass).
  const options = { maxOutputLength: Math.max(1, limit) };
  // A view, not a copy: the inflated body can be as large as the limit.
  const view = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return { ok: true, body: view(gunzipSync(body, options)) };
      case 'deflate':
        return { ok: true, body: view(inflateSync(body, options)) };
      case 'br':
      case 'brotli':
        return { ok: true, body: view(brotliDecompressSync(body, options)) };
      default:
        return { ok: true, body };
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: code === 'ERR_BUFFER_TOO_LARGE' ? 'too large' : 'corrupt' };
  }
}
