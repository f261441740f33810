/**
 * A small `multipart/form-data` reader, enough to see which fields an upload carried.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import type { FormPart } from './types.js';

/**
 * Splits a multipart body into its parts. Returns `undefined` when the Content-Type has no
 * boundary or the body does not follow it, which the upload handler reports as a bad request.
 *
 * @throws Never.
 * @example
 * ```ts
 * const parts = parseMultipart(body, 'multipart/form-data; boundary=xyz');
 * parts?.find((p) => p.name === 'document_link');
 * ```
 */
export function parseMultipart(body: Uint8Array, contentType: string): FormPart[] | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return undefined;
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = data.indexOf(delimiter);
  if (start < 0) return undefined;
  for (;;) {
    start += delimiter.length;
    // `--` right after a delimiter closes the body.
    if (data[start] === 0x2d && data[start + 1] === 0x2d) return parts;
    const next = data.indexOf(delimiter, start);
    if (next < 0) return undefined;
    const part = data.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) return undefined;
    const head = part.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const type = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1];
    parts.push({
      name,
      ...(filename === undefined ? {} : { filename }),
      ...(type === undefined ? {} : { contentType: type }),
      data: new Uint8Array(part.subarray(headerEnd + 4)),
    });
    start = next;
  }
}
