/**
 * The vectors this package ships: a byte-for-byte copy of the repository's top-level
 * vectors/ (a stale build would judge with old vectors), and the set's version and digest
 * as reports record them, recomputed here with openssl's independent SHA-256.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUNDLED_VECTORS_DIR, bundledVectorSet } from '../src/index.js';
import { REPO_VECTORS_DIR, VECTORS_DIR } from './helpers.js';

/** Every file under `dir`, as sorted relative paths (walked by hand: Deno and Bun too). */
function tree(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? tree(path, base) : [relative(base, path)];
    })
    .sort();
}

describe('the shipped vectors', () => {
  test('live in the package, where the loader looks', () => {
    expect(BUNDLED_VECTORS_DIR).toBe(VECTORS_DIR);
  });

  test('are the repository vectors/, file for file and byte for byte', () => {
    const files = tree(REPO_VECTORS_DIR);
    expect(files).toContain('schema.json');
    expect(files).toContain('wycheproof/LICENSE');
    expect(tree(VECTORS_DIR)).toEqual(files);
    for (const name of files) {
      expect(
        readFileSync(join(VECTORS_DIR, name)).equals(readFileSync(join(REPO_VECTORS_DIR, name))),
        name,
      ).toBe(true);
    }
  });

  test('are named by the package version and a digest of every file', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const set = bundledVectorSet();
    expect(set.package).toBe('@plugnmeet-signing/vectors');
    expect(set.version).toBe(manifest.version);
    const names = readdirSync(REPO_VECTORS_DIR)
      .filter((n) => n.endsWith('.json'))
      .sort();
    expect(set.files).toEqual(names.filter((n) => n !== 'schema.json'));
    // The same framing, hashed by openssl from the bytes on disk.
    const framed = Buffer.concat(
      names.flatMap((name) => {
        const bytes = readFileSync(join(REPO_VECTORS_DIR, name));
        return [Buffer.from(`${name.length}:${name}${bytes.length}:`), bytes];
      }),
    );
    const openssl = execFileSync('openssl', ['dgst', '-sha256', '-r'], {
      input: framed,
      encoding: 'utf8',
    });
    expect(set.sha256).toBe(openssl.split(' ')[0]);
  });
});
