/**
 * Reads a file a user named (an expectations file, a report to merge or render) with the
 * checks vector files get: only a regular file is read (opening a FIFO nobody writes to
 * blocks forever, and uninterruptibly; a device such as /dev/zero never ends), and only up
 * to a size limit. The file is opened without blocking and checked again through its
 * descriptor, so one swapped for a FIFO between the check and the open is refused too.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { ConformanceError, type ConformanceErrorCode } from './errors.js';

/**
 * The largest expectations file read: the bound vector files have (MAX_VECTOR_FILE_BYTES).
 *
 * @example
 * ```ts
 * readInputFile(path, 'ERR_CONFORMANCE_EXPECTATIONS', MAX_INPUT_FILE_BYTES);
 * ```
 */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

/** What a file that is not a regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * The text (UTF-8) of the regular file at `path`, at most `limit` bytes.
 *
 * @param code The error code to throw with (the caller's kind of file).
 * @throws {ConformanceError} `code` naming the path: it cannot be opened, is not a regular
 * file (`not a regular file (a FIFO)`), or is over `limit` (`too large: N bytes, the limit
 * is L`).
 * @example
 * ```ts
 * const text = readInputFile('expectations.json', 'ERR_CONFORMANCE_EXPECTATIONS');
 * ```
 */
export function readInputFile(
  path: string,
  code: ConformanceErrorCode,
  limit: number = MAX_INPUT_FILE_BYTES,
): string {
  const refuse = (why: string, cause?: unknown) =>
    new ConformanceError(code, `${path}: cannot read: ${why}`, {
      file: path,
      ...(cause === undefined ? {} : { cause }),
    });
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    throw refuse((cause as Error).message, cause);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refuse(`not a regular file (${kindOf(stats)})`);
    if (stats.size > limit) throw refuse(`too large: ${stats.size} bytes, the limit is ${limit}`);
    // One byte past the limit finds a file that grew since fstat.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, limit) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) throw refuse(`too large: over ${limit} bytes, the limit`);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
