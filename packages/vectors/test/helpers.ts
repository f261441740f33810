/**
 * Shared test helpers: temp vector directories and the outside programs that recompute
 * the vectors independently of any TypeScript code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The repository's top-level vectors/: the source of truth, edited by hand and by vectors.py. */
export const REPO_VECTORS_DIR = join(REPO_ROOT, 'vectors');
/** The copy this package ships (made by its build): what the loader reads by default. */
export const VECTORS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'vectors');
export const SCRIPT = join(REPO_ROOT, 'scripts', 'vectors.py');

/** The interpreter behind the `python3` shim, resolved once: the pyenv shim costs ~250 ms a call. */
let python: string | undefined;
export function pythonExecutable(): string {
  python ??= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  }).trim();
  return python;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory holding `files` (name → text or bytes); removed after the file's tests. */
export function tempVectorsDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pnm-vectors-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** A minimal valid vector, to be broken one field at a time. */
export function signVector(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'sample',
    description: 'A sample.',
    tags: ['doc-example'],
    kind: 'sign',
    body: { utf8: '{"room_id":"room01"}' },
    secret: { utf8: 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6' },
    signature: '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
    ...overrides,
  };
}

/** A vector file's text with `vectors`, named after `name`. */
export function vectorFileText(
  name: string,
  vectors: unknown[],
  extra: Record<string, unknown> = {},
): string {
  const file = {
    $schema: './schema.json',
    formatVersion: 1,
    name,
    description: 'Test file.',
    source: 'Written for the loader tests.',
    vectors,
    ...extra,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
