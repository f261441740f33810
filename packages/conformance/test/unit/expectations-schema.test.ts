/**
 * schemas/expectations.json as `readExpectations` applies it: the shipped files are
 * accepted, and a malformed file is refused with its path and the JSON Pointer at fault.
 * Nothing spawned.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { isConformanceError } from '../../src/errors.js';
import { readExpectations } from '../../src/expectations/file.js';

const dir = mkdtempSync(join(tmpdir(), 'pnm-expectations-schema-'));
const shipped = fileURLToPath(new URL('../../expectations.json', import.meta.url));
const example = fileURLToPath(
  new URL('../../../../examples/sdk-expectations.json', import.meta.url),
);

let files = 0;
function written(json: unknown): string {
  files += 1;
  const path = join(dir, `e${files}.json`);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

const entry = { implementation: 'java', environment: 'jdk17-c', cause: 'c', explanation: 'why' };
const file = (...expectations: unknown[]) => ({ formatVersion: 1, expectations });

describe('expectations files', () => {
  test.each([
    ['the shipped expectations.json', shipped],
    ['examples/sdk-expectations.json', example],
  ])('accepts %s', (_name, path) => {
    const read = readExpectations(path);
    expect(read.expectations.length).toBeGreaterThan(0);
  });

  test.each([
    ['no entries, no description', file(), 0],
    ['an entry without vectors (it lists none)', file(entry), 1],
    ['every optional field', file({ ...entry, vectors: ['*'], tags: ['t'], property: false }), 1],
    [
      'properties the top level does not define',
      { ...file(entry), $schema: './x.json', note: 1 },
      1,
    ],
  ])('accepts %s', (_name, json, count) => {
    const read = readExpectations(written(json));
    expect(read.expectations).toHaveLength(count);
    expect(read.expectations.every((e) => Array.isArray(e.vectors))).toBe(true);
  });

  test('reads a description that is no string as empty, as before', () => {
    expect(readExpectations(written({ ...file(), description: 7 })).description).toBe('');
  });

  test.each([
    ['not an object', [], '', '/: expected an object, got []'],
    [
      'no formatVersion',
      { expectations: [] },
      '/formatVersion',
      '/formatVersion: expected 1, got nothing',
    ],
    [
      'another formatVersion (checked first)',
      { formatVersion: 2 },
      '/formatVersion',
      '/formatVersion: expected 1, got 2',
    ],
    [
      'no expectations',
      { formatVersion: 1 },
      '/expectations',
      '/expectations: expected an array, got nothing',
    ],
    [
      'expectations as an object',
      { formatVersion: 1, expectations: {} },
      '/expectations',
      '/expectations: expected an array, got {}',
    ],
    [
      'an entry that is no object',
      file(entry, 'x'),
      '/expectations/1',
      '/expectations/1: expected an object, got "x"',
    ],
    [
      'an entry without environment',
      file({ implementation: 'x' }),
      '/expectations/0/environment',
      '/expectations/0/environment: expected a non-empty string, got nothing',
    ],
    [
      'an empty cause',
      file({ ...entry, cause: '' }),
      '/expectations/0/cause',
      '/expectations/0/cause: expected a non-empty string, got ""',
    ],
    [
      'an explanation that is a number',
      file({ ...entry, explanation: 3 }),
      '/expectations/0/explanation',
      '/expectations/0/explanation: expected a non-empty string, got 3',
    ],
    [
      'an unknown property',
      file({ ...entry, vector: ['a'] }),
      '/expectations/0/vector',
      '/expectations/0/vector: expected no such property, got ["a"]',
    ],
    [
      'vectors that are no list',
      file({ ...entry, vectors: 'a' }),
      '/expectations/0/vectors',
      '/expectations/0/vectors: expected an array of strings, got "a"',
    ],
    [
      'vectors as null',
      file({ ...entry, vectors: null }),
      '/expectations/0/vectors',
      '/expectations/0/vectors: expected an array of strings, got null',
    ],
    [
      'a vector that is no string',
      file({ ...entry, vectors: ['a', 1] }),
      '/expectations/0/vectors/1',
      '/expectations/0/vectors/1: expected a string, got 1',
    ],
    [
      'tags as null',
      file({ ...entry, tags: null }),
      '/expectations/0/tags',
      '/expectations/0/tags: expected an array of strings, got null',
    ],
    [
      'property as text',
      file({ ...entry, property: 'yes' }),
      '/expectations/0/property',
      '/expectations/0/property: expected a boolean, got "yes"',
    ],
  ])('refuses %s', (_name, json, pointer, message) => {
    const path = written(json);
    let error: unknown;
    try {
      readExpectations(path);
    } catch (thrown) {
      error = thrown;
    }
    expect(isConformanceError(error) && error.code).toBe('ERR_CONFORMANCE_EXPECTATIONS');
    expect(error).toMatchObject({ file: path, jsonPath: pointer, message: `${path}: ${message}` });
  });

  test('refuses what is not JSON, naming the file', () => {
    const path = written('{"formatVersion": 1,');
    expect(() => readExpectations(path)).toThrow(`${path}: not readable JSON:`);
  });
});
