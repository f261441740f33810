/**
 * Serving a mounted prefix (the control API): the handler sees the headers first and reads
 * the body only if it wants it, up to a limit of its own. A caller without the token, or with
 * a body over the limit, gets its answer at once and the body is never buffered: the rest is
 * read and thrown away (so that a client still sending it sees the answer rather than a
 * broken pipe), up to the server's own body limit, past which the connection is closed.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestResponse } from './types.js';

/** A request to a mounted prefix: never authenticated, never recorded. */
export interface MountedRequest {
  readonly method: string;
  /** The request target as sent, with any query string. */
  readonly url: string;
  /** The path without the query string. */
  readonly path: string;
  /** Header names lowercased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Reads the body, at most `limitBytes` of it: `'too large'` when the Content-Length says
   * more, or as soon as more arrives (the rest is never read).
   *
   * @throws {Error} when the client goes away before the body ends.
   */
  readBody(limitBytes: number): Promise<Uint8Array | 'too large'>;
}

/**
 * Answers every request under a mounted prefix. Only `status`, `headers` and `body` of its
 * answer are used: a mounted API speaks plainly, with no protojson, delays or hang-ups.
 */
export type MountedHandler = (request: MountedRequest) => TestResponse | Promise<TestResponse>;

const EMPTY = new Uint8Array(0);

function readLimited(request: IncomingMessage, limit: number): Promise<Uint8Array | 'too large'> {
  const declared = request.headers['content-length'];
  // Refused from the headers alone: nothing of a declared 50 MiB body is read.
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve('too large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop here: a chunked body over the limit is not read to its end.
        done();
        request.pause();
        resolve('too large');
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(new Uint8Array(Buffer.concat(chunks)));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => onError(new Error('the client went away before the body ended'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

/**
 * Runs `handler` for `request` and writes its answer. A body the handler did not read to its
 * end (refused before reading, or over its limit) is discarded as it arrives, at most
 * `drainLimitBytes` of it; a larger one (declared or sent) ends the connection.
 *
 * @throws Never: a handler that throws is the caller's to catch (the control API catches its own).
 * @example
 * ```ts
 * if (mounted) return serveMounted(mounted, request, response, { url, path, headers }, bodyLimit);
 * ```
 */
export async function serveMounted(
  handler: MountedHandler,
  request: IncomingMessage,
  response: ServerResponse,
  target: { url: string; path: string; headers: Record<string, string> },
  drainLimitBytes: number,
): Promise<void> {
  let complete = request.complete;
  const reply = await handler({
    method: request.method ?? 'GET',
    ...target,
    readBody: async (limit) => {
      const body = await readLimited(request, limit);
      complete = body !== 'too large';
      return body;
    },
  });
  const declared = Number(request.headers['content-length'] ?? 0);
  const drain = !complete && declared <= drainLimitBytes;
  if (drain) {
    let drained = 0;
    request.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      // A chunked body without end must not keep the server reading forever.
      if (drained > drainLimitBytes) request.socket.destroy();
    });
    request.resume();
  }
  const payload = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? EMPTY);
  response.writeHead(reply.status ?? 200, {
    ...reply.headers,
    'content-length': String(payload.length),
    ...(complete || drain ? {} : { connection: 'close' }),
  });
  response.end(payload);
}
