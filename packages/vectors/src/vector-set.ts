/**
 * Which vector set a run used: this package's name and version, and a digest of the
 * shipped files, so that a report says exactly which vectors judged it.
 *
 * Only node:fs, node:path and node:crypto are used, which Deno and Bun provide as well.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_VECTORS_DIR } from './paths.js';

/** The shipped vector set, as a report records it. */
export interface VectorSetInfo {
  /** The package the vectors ship in. */
  package: string;
  /** Its version: the vector set's version. */
  version: string;
  /** Lowercase hex SHA-256 over every shipped `*.json` file (schema included), by name. */
  sha256: string;
  /** The shipped vector files' names, sorted (schema.json excluded). */
  files: string[];
}

let cached: VectorSetInfo | undefined;

/**
 * The name, version and digest of the vector set this package ships. The digest covers
 * each file's name and bytes, length-prefixed, so two sets agree only when every file does.
 *
 * @throws {Error} When the package's files cannot be read (a broken installation).
 * @example
 * ```ts
 * import { bundledVectorSet } from '@plugnmeet-signing/vectors';
 * const { version, sha256 } = bundledVectorSet(); // '0.1.0', '3f…'
 * ```
 */
export function bundledVectorSet(): VectorSetInfo {
  if (cached) return cached;
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const names = readdirSync(BUNDLED_VECTORS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const hash = createHash('sha256');
  for (const name of names) {
    const bytes = readFileSync(join(BUNDLED_VECTORS_DIR, name));
    hash.update(`${name.length}:${name}${bytes.length}:`).update(bytes);
  }
  cached = {
    package: manifest.name,
    version: manifest.version,
    sha256: hash.digest('hex'),
    files: names.filter((name) => name !== 'schema.json'),
  };
  return cached;
}
