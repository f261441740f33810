/**
 * Undoing a request's `Content-Encoding` the way Fiber v3.5.0's `c.Body()` does (req.go,
 * `Body` and `tryDecodeBodyInOrder`): the header's field lines are joined into one list, empty
 * elements dropped, names lowercased, and the codings undone from the last to the first, every
 * stage limited to the app's `BodyLimit` (fasthttp's `Body*WithLimit`), so a small compressed
 * bomb never grows past the body limit, even nested.
 *
 * When a stage fails, `c.Body()` returns the error's text, which the auth middleware then
 * signs; the texts here were measured on the real Fiber v3.5.0 (a Go program posting each
 * case through `app.Test`).
 *
 * @module
 */
import type { Buffer } from 'node:buffer';
import * as zlib from 'node:zlib';
import { goDecodeErrorText, ZSTD_MAGIC_MISMATCH_TEXT } from './content-encoding-errors.js';

/**
 * What `c.Body()` returns when inflation passes the limit: the error's text, which is then
 * what the auth middleware signs (Fiber also sets status 413, which the 401 overwrites).
 */
export const BODY_TOO_LARGE_TEXT = 'fasthttp: body size exceeds the given limit';

/** The decoded body, or the text `c.Body()` returns instead and the status Fiber set. */
export type DecodedBody =
  | { readonly ok: true; readonly body: Uint8Array }
  | {
      readonly ok: false;
      /**
       * `too large` (413), `unsupported` (415: a coding Fiber does not know), `not implemented`
       * (501: `compress`), `corrupt` (no status: the handler goes on with the text as body),
       * `unavailable here` (zstd on a Node without `zlib.zstdDecompressSync`: not Fiber's).
       */
      readonly reason:
        | 'too large'
        | 'unsupported'
        | 'not implemented'
        | 'corrupt'
        | 'unavailable here';
      /** What `c.Body()` returns: the text the HMAC is checked over. */
      readonly text: string;
      /** The status Fiber's `c.Body()` set, when it set one. */
      readonly status?: 413 | 415 | 501;
    };

/**
 * Fiber's list of codings from the `Content-Encoding` field lines, in header order: joined
 * with `,`, split on `,`, each element trimmed and ASCII-lowercased, empty ones dropped.
 *
 * @throws Never.
 * @example
 * ```ts
 * contentCodings(['GZIP, ', ' identity']); // ['gzip', 'identity']
 * ```
 */
export function contentCodings(lines: readonly string[]): string[] {
  return lines
    .join(',')
    .split(',')
    .map((element) =>
      // Go's strings lowering here is ASCII-only: a non-ASCII name stays as sent (and is 415).
      element
        .replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '')
        .replace(/[A-Z]/g, (c) => c.toLowerCase()),
    )
    .filter((element) => element !== '');
}

// Node 22.15+ has zstd in zlib; Node 20 does not (looked up once, read-only).
const zstdDecompressSync = (
  zlib as unknown as {
    zstdDecompressSync?: (input: Uint8Array, options: { maxOutputLength: number }) => Buffer;
  }
).zstdDecompressSync;

/** One stage: the decoded bytes, or a failed `DecodedBody`. */
function decodeStage(coding: string, input: Uint8Array, limit: number): Uint8Array | DecodedBody {
  // Node's zlib refuses with ERR_BUFFER_TOO_LARGE when the output would exceed
  // maxOutputLength, as fasthttp refuses past BodyLimit (exactly BodyLimit bytes pass).
  const options = { maxOutputLength: Math.max(1, limit) };
  // A view, not a copy: the inflated body can be as large as the limit.
  const view = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  try {
    switch (coding) {
      case 'identity':
        return input;
      case 'gzip':
      case 'x-gzip':
        return view(zlib.gunzipSync(input, options));
      case 'deflate':
        return view(zlib.inflateSync(input, options));
      case 'br':
      case 'brotli':
        return view(zlib.brotliDecompressSync(input, options));
      case 'zstd':
        return zstdStage(input, options);
      case 'compress':
      case 'x-compress':
        return { ok: false, reason: 'not implemented', status: 501, text: 'Not Implemented' };
      default:
        return { ok: false, reason: 'unsupported', status: 415, text: 'Unsupported Media Type' };
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, reason: 'too large', status: 413, text: BODY_TOO_LARGE_TEXT };
    }
    return { ok: false, reason: 'corrupt', text: goDecodeErrorText(coding, input, error) };
  }
}

/** zstd: what Fiber says without decoding is exact here; decoding needs Node's zstd. */
function zstdStage(
  input: Uint8Array,
  options: { maxOutputLength: number },
): Uint8Array | DecodedBody {
  // Measured: an empty body decodes to nothing, under 4 bytes is a short read, and 4 bytes
  // that are not the frame magic are refused by name.
  if (input.length === 0) return input;
  if (input.length < 4) return { ok: false, reason: 'corrupt', text: 'unexpected EOF' };
  const magic = input[0] === 0x28 && input[1] === 0xb5 && input[2] === 0x2f && input[3] === 0xfd;
  if (!magic) return { ok: false, reason: 'corrupt', text: ZSTD_MAGIC_MISMATCH_TEXT };
  if (zstdDecompressSync) {
    const out = zstdDecompressSync(input, options);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }
  return {
    ok: false,
    reason: 'unavailable here',
    text: `pnm-test-server: a zstd frame cannot be decoded on Node ${process.versions.node} (zlib.zstdDecompressSync needs Node 22.15 or later); the real server would decode it`,
  };
}

/**
 * Undoes the codings named by the `Content-Encoding` field lines `lines` (none: the body as
 * it is), from the last to the first, each stage refused as `too large` once its output
 * passes `limit` bytes: zlib stops there, so the work and memory stay within the limit
 * whatever the compression ratio or nesting.
 *
 * @throws Never: every failure is `{ ok: false, reason, text }`.
 * @example
 * ```ts
 * decodeContentEncoding(gzipSync('{"room_id":"r1"}'), ['gzip, identity'], 50 << 20); // { ok: true, body }
 * decodeContentEncoding(bomb, ['br'], 50 << 20); // { ok: false, reason: 'too large', status: 413, ... }
 * decodeContentEncoding(body, ['foo'], 50 << 20); // { ok: false, reason: 'unsupported', status: 415, ... }
 * ```
 */
export function decodeContentEncoding(
  body: Uint8Array,
  lines: readonly string[],
  limit: number,
): DecodedBody {
  const codings = contentCodings(lines);
  let current = body;
  for (let i = codings.length - 1; i >= 0; i--) {
    const stage = decodeStage(codings[i] as string, current, limit);
    if (!(stage instanceof Uint8Array)) return stage;
    current = stage;
  }
  return { ok: true, body: current };
}
