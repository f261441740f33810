/**
 * Where the shared vectors live, and how file names appear in messages.
 *
 * Only node:path and node:url are used, which Deno and Bun provide as well.
 *
 * @module
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this module sits in packages/vectors/{src,dist}/. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The schema that travels with this loader (the loader and it change together). */
export const BUNDLED_SCHEMA_PATH = resolve(REPO_ROOT, 'vectors', 'schema.json');

function readEnv(name: string): string | undefined {
  try {
    // Deno without --allow-env throws on access; treat that as "not set".
    return globalThis.process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The directory holding the shared vector files: the repository's top-level `vectors/`,
 * found from this module's own location so it works from any working directory. The
 * environment variable `PNM_VECTORS_DIR` overrides it (resolved against the working
 * directory).
 *
 * @throws Never.
 * @example
 * ```ts
 * import { defaultVectorsDir } from '@plugnmeet-signing/vectors';
 * console.log(defaultVectorsDir()); // /work/main/vectors
 * ```
 */
export function defaultVectorsDir(): string {
  const override = readEnv('PNM_VECTORS_DIR');
  return override ? resolve(override) : resolve(REPO_ROOT, 'vectors');
}

/**
 * How `file` is shown in messages: relative to the repository root when it lies inside it
 * (`vectors/edge-cases.json`, whatever the working directory), otherwise as given.
 */
export function displayPath(file: string): string {
  if (!file || !isAbsolute(file)) return file;
  const inside = relative(REPO_ROOT, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return file;
  return inside.split(sep).join('/');
}
