/**
 * Reads newline-terminated lines from a stream with a size limit per line. readline keeps a
 * line whole however long it gets, so one endless line from an implementation would grow
 * the runner's memory until a string length limit crashes it; here a line longer than the
 * limit is reported as such, with its beginning, and the rest of it is thrown away.
 *
 * @module
 */
import type { Readable } from 'node:stream';

/** What {@link LineReader.next} gives: a line, a line over the limit, or the end. */
export type LineItem =
  | { kind: 'line'; text: string }
  | { kind: 'overlong'; head: string; limit: number }
  | { kind: 'end' };

/** How much of an over-long line is kept to show. */
const HEAD_BYTES = 200;
/** Lines read ahead of the requests before the stream is paused (back-pressure on a flood). */
const MAX_QUEUED = 16;

/**
 * Lines of `input`, one at a time, each at most `maxLineBytes` bytes (without the newline).
 *
 * @example
 * ```ts
 * const reader = new LineReader(child.stdout, 1 << 20);
 * const item = await reader.next(); // { kind: 'line', text: '{"id":"x",…}' }
 * ```
 */
export class LineReader {
  readonly #input: Readable;
  readonly #limit: number;
  readonly #queue: LineItem[] = [];
  #waiting: ((item: LineItem) => void) | undefined;
  #parts: Buffer[] = [];
  #partBytes = 0;
  #overlong = false;
  #ended = false;

  constructor(input: Readable, maxLineBytes: number) {
    this.#input = input;
    this.#limit = maxLineBytes;
    input.on('data', (chunk: Buffer) => this.#take(chunk));
    input.on('end', () => this.#end());
    input.on('close', () => this.#end());
    input.on('error', () => this.#end());
  }

  /** The next item; after `end`, every call gives `end` again. */
  next(): Promise<LineItem> {
    const item = this.#queue.shift();
    if (this.#queue.length < MAX_QUEUED && this.#input.isPaused()) this.#input.resume();
    if (item) return Promise.resolve(item);
    if (this.#ended) return Promise.resolve({ kind: 'end' });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  #emit(item: LineItem): void {
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting(item);
      return;
    }
    this.#queue.push(item);
    if (this.#queue.length >= MAX_QUEUED) this.#input.pause();
  }

  #take(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      this.#append(chunk.subarray(start, end));
      if (newline === -1) break;
      this.#finishLine();
      start = newline + 1;
    }
  }

  #append(piece: Buffer): void {
    if (this.#overlong) return;
    if (this.#partBytes + piece.length > this.#limit) {
      // Keep only the head to show; the rest of the line is dropped as it arrives.
      this.#parts.push(piece.subarray(0, Math.max(0, HEAD_BYTES - this.#partBytes)));
      this.#overlong = true;
      return;
    }
    this.#parts.push(Buffer.from(piece));
    this.#partBytes += piece.length;
  }

  #finishLine(): void {
    const bytes = Buffer.concat(this.#parts);
    if (this.#overlong) {
      this.#emit({
        kind: 'overlong',
        head: bytes.subarray(0, HEAD_BYTES).toString('utf8'),
        limit: this.#limit,
      });
    } else {
      this.#emit({ kind: 'line', text: bytes.toString('utf8').replace(/\r$/, '') });
    }
    this.#parts = [];
    this.#partBytes = 0;
    this.#overlong = false;
  }

  #end(): void {
    if (this.#ended) return;
    // A last line without a newline still counts as a line (and an over-long one as such).
    if (this.#partBytes > 0 || this.#overlong) this.#finishLine();
    this.#ended = true;
    this.#emit({ kind: 'end' });
  }
}
