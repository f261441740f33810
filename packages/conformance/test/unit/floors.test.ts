/**
 * The floors of `src/`: data flows one way, so a module imports only from its own floor or
 * the floors below it. Read from the source text, every static and dynamic import; a new
 * directory or top-level file must be given a floor here before it can be imported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Lowest first. The package README's "how it works" draws the same picture. */
const FLOORS: ReadonlyArray<readonly string[]> = [
  // 0: the vocabulary: values, identities, cases, answers, errors.
  [
    'values',
    'errors.ts',
    'version.ts',
    'column-key.ts',
    'model.ts',
    'cases.ts',
    'schemas',
    'input-file.ts',
  ],
  // 1: the judges: pure functions from a case and its trace to judgements.
  ['reference.ts', 'vector-check.ts', 'diagnosis', 'judges'],
  // 2: what a run expects.
  ['expectations'],
  // 3: the report: its data, its findings, its verdict, every format.
  ['reports'],
  // 4: the cases and what subjects are made of.
  ['snippets', 'environments', 'sdk', 'properties'],
  // 5: the subjects: implementations in their environments.
  ['implementations'],
  // 6: the corrections, built from the subjects; every built-in column.
  ['corrections', 'columns.ts'],
  // 7: running subjects on cases.
  ['runner', 'run.ts'],
  // 8: the one pipeline: load, check, select, run, settle, redact.
  ['pipeline', 'select.ts'],
  // 9: the entry points.
  ['cli', 'index.ts'],
];

function floorOf(path: string): number {
  const top = relative(SRC, path).split('/')[0] ?? '';
  const floor = FLOORS.findIndex((names) => names.includes(top));
  if (floor < 0) throw new Error(`${top} has no floor: add it to FLOORS in ${import.meta.url}`);
  return floor;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every relative module a source imports, statically or dynamically, resolved. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1] as string);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(path), s.replace(/\.js$/, '.ts')));
}

describe('the floors of src/', () => {
  const files = sources(SRC);

  test('every module has a floor', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(() => floorOf(file)).not.toThrow();
  });

  test('no import runs up the floors', () => {
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => floorOf(target) > floorOf(file))
        .map(
          (target) =>
            `${relative(SRC, file)} (floor ${floorOf(file)}) imports ${relative(SRC, target)} (floor ${floorOf(target)})`,
        ),
    );
    expect(upward).toEqual([]);
  });
});
