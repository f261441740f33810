/**
 * Reads every vector file of a directory, sync or async.
 *
 * Only node:fs and node:path are used, which Deno and Bun provide as well.
 *
 * @module
 */
import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { VectorIssue } from './errors.js';
import { ExpansionBudget } from './expansion-budget.js';
import { vectorError } from './issues.js';
import { decodeVectorBytes, parseVectorBytes, parseVectorText } from './parse.js';
import { defaultVectorsDir, displayPath } from './paths.js';
import type { Vector, VectorFile } from './types.js';

type Entry = { name: string; isDirectory(): boolean };

function vectorFileNames(dir: string, entries: readonly Entry[]): string[] {
  // Anything but a directory is taken, FIFOs and devices too, so that reading refuses them
  // by name instead of a vector file silently going missing.
  const names = entries
    .filter((e) => !e.isDirectory() && e.name.endsWith('.json') && e.name !== 'schema.json')
    .map((e) => e.name)
    .sort();
  if (names.length === 0) {
    // An empty directory is almost always a wrong path (a stale PNM_VECTORS_DIR, say), and
    // loading nothing would let a test suite pass without testing anything.
    throw vectorError('ERR_VECTOR_IO', dir, [
      { jsonPath: '', message: 'holds no vector files (*.json besides schema.json)' },
    ]);
  }
  return names;
}

function ioError(path: string, action: string, cause: unknown) {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return vectorError(
    'ERR_VECTOR_IO',
    path,
    [{ jsonPath: '', message: `cannot ${action}: ${reason}` }],
    cause,
  );
}

/**
 * The largest vector file read, in bytes. Vector files are small text (the biggest bodies
 * are generated from a bytes spec, not spelled out); a bound keeps a mistaken path (a
 * symlink to /dev/zero, a multi-gigabyte log) from exhausting memory.
 */
export const MAX_VECTOR_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Why `path` (with `stats`, symlinks followed) must not be read, or undefined. Only
 * regular files are read: opening a FIFO blocks until someone writes to it, and a device
 * like /dev/zero never ends.
 */
function unreadable(stats: Stats): string | undefined {
  if (!stats.isFile()) {
    const kind = stats.isFIFO()
      ? 'a FIFO'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isDirectory()
          ? 'a directory'
          : stats.isSocket()
            ? 'a socket'
            : 'not a file';
    return `not a regular file (${kind})`;
  }
  if (stats.size > MAX_VECTOR_FILE_BYTES) {
    return `too large: ${stats.size} bytes, the limit is ${MAX_VECTOR_FILE_BYTES}`;
  }
  return undefined;
}

function refuse(path: string, why: string) {
  return vectorError('ERR_VECTOR_IO', path, [{ jsonPath: '', message: `cannot read: ${why}` }]);
}

/** Refuses an id used twice across files, naming both places. */
function checkIdsAcrossFiles(files: readonly VectorFile[]): VectorFile[] {
  const seen = new Map<string, string>();
  for (const file of files) {
    const issues: VectorIssue[] = [];
    file.vectors.forEach(({ id }, i) => {
      const first = seen.get(id);
      if (first !== undefined)
        issues.push({
          jsonPath: `/vectors/${i}/id`,
          message: `duplicate id "${id}" (first at ${first})`,
        });
      else seen.set(id, `${displayPath(file.path)}: /vectors/${i}/id`);
    });
    if (issues.length > 0) throw vectorError('ERR_VECTOR_DUPLICATE_ID', file.path, issues);
  }
  return [...files];
}

/**
 * Loads every `*.json` file of `dir` except `schema.json`, sorted by file name; each is
 * validated against vectors/schema.json and expanded, and ids must be unique across files.
 *
 * @param dir Defaults to {@link defaultVectorsDir} (the vectors this package ships, or
 * `PNM_VECTORS_DIR`).
 * Only regular files up to {@link MAX_VECTOR_FILE_BYTES} are read (a symlink to one is fine),
 * one at a time, and all their bodies and secrets together may expand to at most
 * `budget` (MAX_TOTAL_EXPANDED_BYTES unless given; pass one budget to several loads to hold
 * them to one total).
 *
 * @throws {VectorError} `ERR_VECTOR_IO` (unreadable or empty directory, unreadable file,
 * one that is not a regular file such as a FIFO or device, or one over the size bound),
 * `ERR_VECTOR_JSON` (not UTF-8 or not JSON, with line and column), `ERR_VECTOR_SCHEMA`
 * (with the JSON path at fault) or `ERR_VECTOR_DUPLICATE_ID` (naming both places).
 * @example
 * ```ts
 * import { loadVectorFiles } from '@plugnmeet-signing/vectors';
 * for (const file of await loadVectorFiles()) console.log(file.name, file.vectors.length);
 * ```
 */
export async function loadVectorFiles(
  dir: string = defaultVectorsDir(),
  budget: ExpansionBudget = new ExpansionBudget(),
): Promise<VectorFile[]> {
  const root = resolve(dir);
  let entries: Entry[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (cause) {
    throw ioError(root, 'list the directory', cause);
  }
  // One file at a time, each read, decoded and parsed before the next is read: several
  // large files never sit in memory together, and a file's bytes are let go before its text
  // is parsed.
  const files: VectorFile[] = [];
  for (const name of vectorFileNames(root, entries)) {
    const path = join(root, name);
    files.push(parseVectorText(await readVectorText(path), path, budget));
  }
  return checkIdsAcrossFiles(files);
}

/** The text of one vector file, after the type and size checks (see {@link unreadable}). */
async function readVectorText(path: string): Promise<string> {
  let bytes: Uint8Array;
  let why: string | undefined;
  try {
    why = unreadable(await stat(path));
    bytes = why === undefined ? await readFile(path) : new Uint8Array();
  } catch (cause) {
    throw ioError(path, 'read the file', cause);
  }
  if (why !== undefined) throw refuse(path, why);
  // It may have grown between stat and read.
  if (bytes.length > MAX_VECTOR_FILE_BYTES) throw refuse(path, 'too large');
  return decodeVectorBytes(bytes, path);
}

/**
 * The shipped vectors and a user's own directories together, as one set: each directory
 * loaded as {@link loadVectorFiles} does, and ids unique across all of them (a user's
 * vector may not silently replace a shipped one).
 *
 * @param dirs Directories to add to {@link defaultVectorsDir}.
 * @throws {VectorError} As {@link loadVectorFiles}; `ERR_VECTOR_DUPLICATE_ID` naming both
 * places when an added vector reuses an id.
 * @example
 * ```ts
 * const files = await loadVectorFilesWith(['conformance/my-vectors']);
 * ```
 */
export async function loadVectorFilesWith(dirs: readonly string[]): Promise<VectorFile[]> {
  // One budget for the whole set: the total is what the run holds, whatever the directories.
  const budget = new ExpansionBudget();
  const groups: VectorFile[][] = [];
  for (const dir of [defaultVectorsDir(), ...dirs]) groups.push(await loadVectorFiles(dir, budget));
  return checkIdsAcrossFiles(groups.flat());
}

/**
 * {@link loadVectorFiles}, synchronously: for test frameworks that build their test list at
 * collection time (`test.each(loadVectorFilesSync()...)`).
 *
 * @throws {VectorError} As {@link loadVectorFiles}.
 * @example
 * ```ts
 * const vectors = loadVectorFilesSync().flatMap((f) => f.vectors);
 * test.each(vectors.filter((v) => v.kind === 'sign'))('$id', (v) => { ... });
 * ```
 */
export function loadVectorFilesSync(
  dir: string = defaultVectorsDir(),
  budget: ExpansionBudget = new ExpansionBudget(),
): VectorFile[] {
  const root = resolve(dir);
  let entries: Entry[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (cause) {
    throw ioError(root, 'list the directory', cause);
  }
  const files = vectorFileNames(root, entries).map((name) => {
    const path = join(root, name);
    let bytes: Uint8Array;
    let why: string | undefined;
    try {
      why = unreadable(statSync(path));
      bytes = why === undefined ? readFileSync(path) : new Uint8Array();
    } catch (cause) {
      throw ioError(path, 'read the file', cause);
    }
    if (why !== undefined) throw refuse(path, why);
    if (bytes.length > MAX_VECTOR_FILE_BYTES) throw refuse(path, 'too large');
    return parseVectorBytes(bytes, path, budget);
  });
  return checkIdsAcrossFiles(files);
}

/**
 * Every vector of every file in `dir`, flattened in file order (see {@link loadVectorFiles}).
 *
 * @throws {VectorError} As {@link loadVectorFiles}.
 * @example
 * ```ts
 * const signVectors = (await loadVectors()).filter((v) => v.kind === 'sign');
 * ```
 */
export async function loadVectors(dir?: string): Promise<Vector[]> {
  return (await loadVectorFiles(dir)).flatMap((file) => file.vectors);
}

/**
 * {@link loadVectors}, synchronously.
 *
 * @throws {VectorError} As {@link loadVectorFiles}.
 * @example
 * ```ts
 * const byId = new Map(loadVectorsSync().map((v) => [v.id, v]));
 * ```
 */
export function loadVectorsSync(dir?: string): Vector[] {
  return loadVectorFilesSync(dir).flatMap((file) => file.vectors);
}
