/**
 * The real vectors/ directory: every file loads, validates and keeps the invariants the
 * other packages rely on.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  defaultVectorsDir,
  loadVectorFiles,
  loadVectorFilesSync,
  loadVectors,
  loadVectorsSync,
  toHex,
  type Vector,
  type VectorFile,
} from '../src/index.js';
import { REPO_ROOT, VECTORS_DIR } from './helpers.js';

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const summarize = (v: Vector) => ({ ...v, body: digest(v.body), secret: digest(v.secret) });
const summarizeFile = (f: VectorFile) => ({ ...f, vectors: f.vectors.map(summarize) });

const files = loadVectorFilesSync();
const vectors = files.flatMap((f) => f.vectors);
const schema = JSON.parse(readFileSync(join(VECTORS_DIR, 'schema.json'), 'utf8'));
const vocabulary = new Set<string>(schema.$defs.tag.anyOf.map((t: { const: string }) => t.const));

describe('vectors/', () => {
  test('defaultVectorsDir is the repository vectors/ directory', () => {
    expect(defaultVectorsDir()).toBe(VECTORS_DIR);
  });

  test('every *.json except schema.json is loaded, sorted by name', () => {
    const expected = readdirSync(VECTORS_DIR)
      .filter((n) => n.endsWith('.json') && n !== 'schema.json')
      .sort();
    expect(files.map((f) => `${f.name}.json`)).toEqual(expected);
    expect(expected).toEqual([
      'edge-cases.json',
      'plugnmeet-doc.json',
      'rfc4231.json',
      'verify-negatives.json',
      'wycheproof.json',
    ]);
  });

  test('async and sync loaders agree', async () => {
    // Digests instead of the bytes: deep equality over megabytes of Uint8Array is slow.
    expect((await loadVectorFiles()).map(summarizeFile)).toEqual(files.map(summarizeFile));
    expect((await loadVectors()).map(summarize)).toEqual(vectors.map(summarize));
    expect(loadVectorsSync().map(summarize)).toEqual(vectors.map(summarize));
  });

  test('ids are unique across all files', () => {
    const ids = vectors.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(files)('$name: header and file fields', (file) => {
    expect(file.formatVersion).toBe(1);
    expect(file.path).toBe(join(VECTORS_DIR, `${file.name}.json`));
    expect(file.source.length).toBeGreaterThan(10);
    for (const v of file.vectors) expect(v.file).toBe(`${file.name}.json`);
  });

  test('tags are kebab-case, from the schema vocabulary, without repeats', () => {
    for (const v of vectors) {
      for (const tag of v.tags) {
        expect(tag).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(vocabulary.has(tag), `${v.id}: ${tag}`).toBe(true);
      }
      expect(new Set(v.tags).size).toBe(v.tags.length);
    }
  });

  test('every vocabulary tag is used somewhere', () => {
    const used = new Set(vectors.flatMap((v) => v.tags));
    expect([...vocabulary].filter((t) => !used.has(t))).toEqual([]);
  });

  test('sign signatures are 64 lowercase hex digits; empty secrets allow refusal', () => {
    for (const v of vectors) {
      if (v.kind !== 'sign') continue;
      expect(v.signature).toMatch(/^[0-9a-f]{64}$/);
      if (v.secret.length === 0) expect(v.refusal, v.id).toBe('acceptable');
    }
  });

  test('each set has the expected number of vectors', () => {
    const counts = Object.fromEntries(files.map((f) => [f.name, f.vectors.length]));
    expect(counts).toEqual({
      'edge-cases': 76,
      'plugnmeet-doc': 7,
      rfc4231: 7,
      'verify-negatives': 78,
      wycheproof: 87,
    });
  });

  test('the sets cover what they promise', () => {
    const byId = new Map(vectors.map((v) => [v.id, v]));
    const size = (id: string) => byId.get(id)?.body.length;
    expect(size('large-body-128kib')).toBe(131072);
    expect(size('large-body-1mib')).toBe(1 << 20);
    expect(size('large-body-1mib-non-ascii')).toBe(1 << 20);
    expect(byId.get('secret-131-bytes')?.secret.length).toBe(131);
    expect(toHex(byId.get('bom-prefixed')?.body.subarray(0, 3) ?? new Uint8Array())).toBe('efbbbf');
    expect(toHex(byId.get('invalid-utf8-cesu-surrogate')?.body ?? new Uint8Array())).toContain(
      'eda080',
    );
    const wycheproofIds = vectors.filter((v) => v.tags.includes('wycheproof'));
    expect(
      wycheproofIds
        .filter((v) => v.kind === 'verify')
        .every((v) => v.kind === 'verify' && v.result === 'invalid'),
    ).toBe(true);
    const results = vectors.flatMap((v) => (v.kind === 'verify' ? [v.result] : []));
    expect(results).toContain('valid');
    expect(results).toContain('invalid');
  });

  test('the doc file reproduces the signatures published in docs/plugnmeet-api.md §1.6', () => {
    const doc = files.find((f) => f.name === 'plugnmeet-doc');
    const published = readFileSync(join(REPO_ROOT, 'docs', 'plugnmeet-api.md'), 'utf8');
    const signs = doc?.vectors.filter((v) => v.kind === 'sign') ?? [];
    expect(signs).toHaveLength(7);
    // Six published rows plus the snippet input, which has no published signature.
    expect(signs.filter((v) => published.includes(`\`${v.signature}\``))).toHaveLength(6);
  });
});
