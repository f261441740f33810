/**
 * Where the shared vectors live, and how file names appear in messages.
 *
 * Only node:path and node:url are used, which Deno and Bun provide as well.
 *
 * @module
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's root: this module sits in `src/` or `dist/` of it. */
const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * The vector files this package ships (its build copies the repository's top-level
 * `vectors/` there), so that an installed package needs no checkout beside it.
 */
export const BUNDLED_VECTORS_DIR = resolve(PACKAGE_ROOT, 'vectors');

/** The schema that travels with this loader (the loader and it change together). */
export const BUNDLED_SCHEMA_PATH = resolve(BUNDLED_VECTORS_DIR, 'schema.json');

function readEnv(name: string): string | undefined {
  try {
    // Deno without --allow-env throws on access; treat that as "not set".
    return globalThis.process?.env?.[name] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The directory holding the shared vector files: the ones this package ships, found from
 * this module's own location so it works from any working directory and from an installed
 * package. The environment variable `PNM_VECTORS_DIR` overrides it (resolved against the
 * working directory).
 *
 * @throws Never.
 * @example
 * ```ts
 * import { defaultVectorsDir } from '@plugnmeet-signing/vectors';
 * console.log(defaultVectorsDir()); // …/node_modules/@plugnmeet-signing/vectors/vectors
 * ```
 */
export function defaultVectorsDir(): string {
  const override = readEnv('PNM_VECTORS_DIR');
  return override ? resolve(override) : BUNDLED_VECTORS_DIR;
}

function inside(base: string, file: string): string | undefined {
  const path = relative(base, file);
  if (!path || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

function workingDirectory(): string | undefined {
  try {
    return globalThis.process?.cwd?.();
  } catch {
    return undefined;
  }
}

/**
 * How `file` is shown in messages: a shipped file by its name in the package
 * (`vectors/edge-cases.json`, wherever the package is installed), another file relative to
 * the working directory when it lies inside it, otherwise as given.
 */
export function displayPath(file: string): string {
  if (!file || !isAbsolute(file)) return file;
  const cwd = workingDirectory();
  return inside(PACKAGE_ROOT, file) ?? (cwd ? inside(cwd, file) : undefined) ?? file;
}
