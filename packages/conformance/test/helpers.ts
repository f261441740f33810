/**
 * What the CLI-level tests share: the built CLI, the example and fixture implementations,
 * the real Python interpreter, and an empty expectations file.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The built `pnm-conformance`. */
export const cli = here('../dist/cli/bin.js');
/** The protocol v1 example an SDK author copies. */
export const example = here('../../../examples/python/plugnmeet_signer.py');
/** A deliberately broken copy of it. */
export const broken = here('./fixtures/broken_signer.py');
/** An implementation that misbehaves on purpose (see its header). */
export const misbehaving = here('./fixtures/misbehaving.mjs');

let python: string | undefined;

/** The real Python interpreter: `python3` is often a slow pyenv shim, so resolve it once. */
export function realPython(): string {
  python ??= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  }).trim();
  return python;
}

/** Writes an expectations file with no entries into `dir` and returns its path. */
export function emptyExpectations(dir: string): string {
  const path = join(dir, 'none.json');
  writeFileSync(path, JSON.stringify({ formatVersion: 1, description: '', expectations: [] }));
  return path;
}
