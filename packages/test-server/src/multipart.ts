/**
 * Reads a `multipart/form-data` body into its parts with busboy, enough to see which fields
 * an upload carried.
 *
 * busboy rather than the runtime's own `Response.formData()`: measured on the three runtimes
 * the emulator runs on, `formData()` answers differently for the same bytes (Node 20 refuses a
 * preamble or an epilogue, Deno 2.9 reads a body cut short as an empty form, Bun 1.4 replaces
 * a part's declared type with one guessed from the file name); busboy is the same code on all
 * three.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import busboy from 'busboy';
import type { FormPart } from './types.js';

/** The boundary parameter of a Content-Type, quoted or not; `undefined` when it has none. */
function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** A part in the making: a file's bytes arrive in chunks after the part is announced. */
interface Pending {
  readonly part: Omit<FormPart, 'data'>;
  readonly chunks: Buffer[];
}

/**
 * Splits a multipart body into its parts, in body order. Resolves to `undefined` when the
 * Content-Type has no boundary or the body does not follow it (empty, cut short, a part
 * header that never ends), which the upload handler reports as a bad request.
 *
 * What a part holds: `name`; `filename` as sent, path included (a part with an empty
 * filename is a plain field, as Go's `mime/multipart` in the real server takes it);
 * `contentType`, the part's media type in lowercase without parameters (`text/plain` when
 * the part named none, RFC 7578's default); `data`, a file's bytes exactly, or a field's
 * text in UTF-8 (bytes that are not UTF-8 read as U+FFFD). Parts without a name, and parts
 * whose Content-Disposition is missing or not `form-data`, are skipped, as the real server
 * (Go's `ReadForm`) skips them.
 *
 * Any Content-Type with a `boundary=` is read as multipart: the server calls this whenever
 * the Content-Type merely contains `multipart/form-data`.
 *
 * @throws Never: a body busboy cannot read resolves to `undefined`.
 * @example
 * ```ts
 * const parts = await parseMultipart(body, 'multipart/form-data; boundary=xyz');
 * parts?.find((p) => p.name === 'document_link');
 * ```
 */
export function parseMultipart(
  body: Uint8Array,
  contentType: string,
): Promise<FormPart[] | undefined> {
  const boundary = boundaryOf(contentType);
  if (!boundary) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const pending: Pending[] = [];
    let settled = false;
    const settle = (parts: FormPart[] | undefined) => {
      if (settled) return;
      settled = true;
      resolve(parts);
    };
    const fail = () => settle(undefined);
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        // Given the boundary alone: busboy refuses a Content-Type that is not exactly
        // multipart/form-data, and the server reads any that contains it.
        headers: {
          'content-type': `multipart/form-data; boundary="${boundary.replace(/["\\]/g, '\\$&')}"`,
        },
        // The file name as sent, path and all, not its last segment.
        preservePath: true,
        // busboy cuts a field at 1 MiB by default; the server's body limit already bounds it.
        limits: { fieldSize: Number.POSITIVE_INFINITY },
        // A `filename="é.pdf"` is UTF-8 on the wire (browsers, curl, undici), not latin1.
        defParamCharset: 'utf8',
      });
    } catch {
      fail();
      return;
    }
    parser.on('field', (name, value, info) => {
      pending.push({
        part: { name, contentType: info.mimeType },
        chunks: [Buffer.from(value, 'utf8')],
      });
    });
    parser.on('file', (name, stream, info) => {
      const entry: Pending = {
        part: {
          name,
          ...(info.filename === undefined ? {} : { filename: info.filename }),
          contentType: info.mimeType,
        },
        chunks: [],
      };
      pending.push(entry);
      stream.on('data', (chunk: Buffer) => entry.chunks.push(chunk));
      // A body cut inside a file destroys its stream with an error: without a listener that
      // error would be thrown from the event loop and take the whole server down.
      stream.on('error', fail);
    });
    parser.on('error', fail);
    // 'close' comes once every file stream has ended, so every part has all its bytes.
    parser.on('close', () => {
      settle(
        pending
          // busboy hands a part without a name (or with an empty one) on as `undefined`;
          // Go's ReadForm skips it.
          .filter(({ part }) => typeof part.name === 'string')
          .map(({ part, chunks }) => ({ ...part, data: new Uint8Array(Buffer.concat(chunks)) })),
      );
    });
    parser.end(body);
  });
}
