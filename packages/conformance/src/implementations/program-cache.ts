/**
 * Rendered worker programs and their builds (Go binaries, Java classes), stored once per
 * content hash under `node_modules/.cache/pnm-conformance/`, so a second run neither rewrites
 * nor recompiles anything.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `packages/conformance/node_modules/.cache/pnm-conformance/` (ignored by git). */
export const CACHE_ROOT = fileURLToPath(
  new URL('../../node_modules/.cache/pnm-conformance/', import.meta.url),
);

/**
 * For programs that must not live under a `node_modules` directory: Deno refuses to strip
 * TypeScript types there (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING), and a user's own
 * script never sits there either.
 */
export const OUTSIDE_CACHE_ROOT = join(tmpdir(), `pnm-conformance-${userInfo().uid}`);

const DONE = '.done';
const FAILED = '.build-error.txt';

/** Hex SHA-256 of the parts, each length-prefixed so no two part lists collide. */
export function contentHash(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:${part}`);
  return hash.digest('hex').slice(0, 24);
}

export interface Materialized {
  /** The directory holding the files (and build output). */
  dir: string;
  /** The build's error text, when the build failed (cached too: builds are deterministic). */
  buildError?: string;
  /** Whether this call did the work (false: found in the cache). */
  built: boolean;
}

/**
 * Makes `<CACHE_ROOT>/<kind>/<hash of key and files>/` hold `files`, built by `build` (which
 * returns an error text on failure, and throws when it could not tell, e.g. on a timeout:
 * that is not cached). Work happens in a private directory that is renamed into
 * place, so concurrent runs never see half a build.
 */
export async function materialize(
  kind: string,
  key: readonly string[],
  files: Readonly<Record<string, string>>,
  build?: (dir: string) => Promise<string | undefined>,
  root: string = CACHE_ROOT,
): Promise<Materialized> {
  const hash = contentHash([...key, ...Object.entries(files).flat()]);
  const dir = join(root, kind, hash);
  if (existsSync(join(dir, DONE))) return { dir, built: false, ...readFailure(dir) };
  const work = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(work, { recursive: true });
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
    const error = build ? await build(work) : undefined;
    if (error !== undefined) writeFileSync(join(work, FAILED), error);
    writeFileSync(join(work, DONE), '');
    try {
      renameSync(work, dir);
    } catch {
      // Another run finished the same build first; theirs is as good as ours.
      rmSync(work, { recursive: true, force: true });
      if (!existsSync(join(dir, DONE))) throw new Error(`could not place ${dir}`);
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return { dir, built: true, ...readFailure(dir) };
}

function readFailure(dir: string): { buildError?: string } {
  const path = join(dir, FAILED);
  return existsSync(path) ? { buildError: readFileSync(path, 'utf8') } : {};
}
