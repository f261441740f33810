/**
 * Broken files are refused with a VectorError naming the file and the JSON path at fault.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  isVectorError,
  loadVectorFiles,
  loadVectorFilesSync,
  parseVectorFile,
  type VectorError,
  type VectorErrorCode,
} from '../src/index.js';
import { signVector, tempVectorsDir, VECTORS_DIR, vectorFileText } from './helpers.js';

/** Loads `dir` both ways and returns the (identical) error. */
async function refusal(dir: string): Promise<VectorError> {
  let syncError: unknown;
  try {
    loadVectorFilesSync(dir);
  } catch (error) {
    syncError = error;
  }
  const asyncError: unknown = await loadVectorFiles(dir).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isVectorError(syncError) || !isVectorError(asyncError)) {
    throw new Error(`expected VectorErrors, got ${String(syncError)} / ${String(asyncError)}`);
  }
  expect(asyncError.message).toBe(syncError.message);
  return syncError;
}

/** One file named bad.json holding one vector built from `overrides`. */
function oneVector(overrides: Record<string, unknown>): string {
  return tempVectorsDir({ 'bad.json': vectorFileText('bad', [signVector(overrides)]) });
}

async function expectRefused(
  dir: string,
  code: VectorErrorCode,
  jsonPath: string,
  message: string | RegExp,
): Promise<VectorError> {
  const error = await refusal(dir);
  expect(error.code).toBe(code);
  expect(error.jsonPath).toBe(jsonPath);
  expect(error.file).toBe(join(dir, 'bad.json'));
  const headline = error.message.split('\n')[0] ?? '';
  expect(headline.startsWith(`${join(dir, 'bad.json')}`)).toBe(true);
  if (typeof message === 'string')
    expect(headline).toBe(`${join(dir, 'bad.json')}: ${jsonPath}: ${message}`);
  else expect(headline).toMatch(message);
  return error;
}

describe('invalid JSON', () => {
  test('names file, line and column', async () => {
    const dir = tempVectorsDir({ 'bad.json': '{\n  "vectors": [\n    {"id": "x",}\n  ]\n}\n' });
    const error = await refusal(dir);
    expect(error.code).toBe('ERR_VECTOR_JSON');
    expect(error.message).toBe(
      `${join(dir, 'bad.json')}:3:16: invalid JSON: Quoted object key expected, found '}'`,
    );
  });

  test('truncated file', async () => {
    const dir = tempVectorsDir({ 'bad.json': '{"vectors": [' });
    expect((await refusal(dir)).message).toMatch(
      /bad\.json:1:14: invalid JSON: Array item or end of array '\]' expected, found end of file$/,
    );
  });

  test('a repeated key in one object', async () => {
    const dir = tempVectorsDir({ 'bad.json': '{"body": {"utf8": "a", "utf8": "b"}}' });
    expect((await refusal(dir)).message).toMatch(
      /bad\.json:1:24: invalid JSON: duplicate key "utf8" in one object$/,
    );
  });

  // lossless-json 4.3.3 calls onDuplicateKey only when the two values differ: a key
  // repeated with an equal value would pass. The Python checker (scripts/vectors.py) and a
  // serde struct refuse it, so json-text.ts finds it itself.
  test('a repeated key with an equal value', async () => {
    const dir = tempVectorsDir({ 'bad.json': '{\n  "name": "bad",\n  "name": "bad"\n}' });
    expect((await refusal(dir)).message).toMatch(
      /bad\.json:3:3: invalid JSON: duplicate key "name" in one object$/,
    );
  });

  // lossless-json recurses once per level: nested deep enough, it throws a RangeError (the
  // call stack), not a SyntaxError with a position.
  test.each([600, 200_000])('nesting %i levels deep', async (levels) => {
    const dir = tempVectorsDir({ 'bad.json': `${'['.repeat(levels)}${']'.repeat(levels)}` });
    const error = await refusal(dir);
    expect(error.code).toBe('ERR_VECTOR_JSON');
    expect(error.message).toMatch(/bad\.json:1:513: invalid JSON: nesting deeper than 512$/);
  });

  test('a control character inside a string is named, not printed', async () => {
    const dir = tempVectorsDir({ 'bad.json': '{"name": "a\tb"}' });
    expect((await refusal(dir)).message).toMatch(
      /bad\.json:1:12: invalid JSON: Invalid character, found control character U\+0009$/,
    );
  });

  test('a byte order mark', async () => {
    const dir = tempVectorsDir({ 'bad.json': `\ufeff${vectorFileText('bad', [signVector()])}` });
    expect((await refusal(dir)).message).toMatch(
      /bad\.json:1:1: invalid JSON: JSON value expected, found a byte order mark/,
    );
  });

  test('bytes that are not UTF-8', async () => {
    const dir = tempVectorsDir({ 'bad.json': new Uint8Array([0x7b, 0xff, 0x7d]) });
    const error = await refusal(dir);
    expect(error.code).toBe('ERR_VECTOR_JSON');
    expect(error.message).toBe(`${join(dir, 'bad.json')}: is not valid UTF-8`);
  });
});

describe('schema violations', () => {
  test('missing field', async () => {
    const vector = signVector();
    delete vector.signature;
    const dir = tempVectorsDir({ 'bad.json': vectorFileText('bad', [vector]) });
    await expectRefused(
      dir,
      'ERR_VECTOR_SCHEMA',
      '/vectors/0',
      "must have required property 'signature'",
    );
  });

  test('two encodings in one bytes spec', async () => {
    await expectRefused(
      oneVector({ body: { utf8: 'a', hex: '61' } }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/body',
      'must have exactly one of utf8, hex, base64, repeat',
    );
  });

  test('no encoding, or an unknown one', async () => {
    await expectRefused(
      oneVector({ secret: {} }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/secret',
      'must have exactly one of utf8, hex, base64, repeat',
    );
    await expectRefused(
      oneVector({ secret: { text: 'a' } }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/secret',
      'must have exactly one of utf8, hex, base64, repeat (unknown property "text")',
    );
    await expectRefused(
      oneVector({ body: 'plain' }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/body',
      'must have exactly one of utf8, hex, base64, repeat',
    );
  });

  test.each([['ABCD'], ['abc'], ['0x00'], ['00 11']])('bad hex %j', async (hex) => {
    await expectRefused(
      oneVector({ body: { hex } }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/body/hex',
      'must be lowercase hex with an even number of digits',
    );
  });

  test.each([['YQ'], ['YQ='], ['Y Q=='], ['YQ==\n'], ['-_8=']])('bad base64 %j', async (base64) => {
    await expectRefused(
      oneVector({ body: { base64 } }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/body/base64',
      /must be standard padded base64/,
    );
  });

  test('non-canonical base64 padding bits', async () => {
    await expectRefused(
      oneVector({ body: { base64: 'YR==' } }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/body/base64',
      'must be canonical base64 (the padding bits must be zero)',
    );
  });

  test('a lone surrogate has no UTF-8', async () => {
    await expectRefused(
      oneVector({ body: { utf8: 'a\ud800b' } }),
      'ERR_VECTOR_SCHEMA',
      '/vectors/0/body/utf8',
      /lone surrogate \(\\ud800 at index 1\)/,
    );
  });

  test.each<[string, unknown, string, string | RegExp]>([
    [
      'count 0',
      { unit: { utf8: 'a' }, count: 0 },
      '/vectors/0/body/repeat/count',
      'must be an integer from 1 to 67108864',
    ],
    [
      'fractional count',
      { unit: { utf8: 'a' }, count: 1.5 },
      '/vectors/0/body/repeat/count',
      'must be an integer from 1 to 67108864',
    ],
    ['missing unit', { count: 2 }, '/vectors/0/body/repeat', "must have required property 'unit'"],
    [
      'empty unit',
      { unit: { hex: '' }, count: 2 },
      '/vectors/0/body/repeat/unit',
      'must not be empty',
    ],
    [
      'nested repeat',
      { unit: { repeat: { unit: { utf8: 'a' }, count: 2 } }, count: 2 },
      '/vectors/0/body/repeat/unit',
      'must have exactly one of utf8, hex, base64 (unknown property "repeat")',
    ],
    [
      'unknown key',
      { unit: { utf8: 'a' }, count: 2, times: 3 },
      '/vectors/0/body/repeat',
      'has unknown property "times"',
    ],
    [
      'too large',
      { unit: { utf8: 'abcd' }, count: 67108864 },
      '/vectors/0/body/repeat',
      /expands to 268435456 bytes, more than the 67108864-byte limit$/,
    ],
  ])('bad repeat: %s', async (_name, repeat, jsonPath, message) => {
    await expectRefused(oneVector({ body: { repeat } }), 'ERR_VECTOR_SCHEMA', jsonPath, message);
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    [
      'uppercase signature',
      { signature: 'A'.repeat(64) },
      '/vectors/0/signature',
      'must be 64 lowercase hex digits',
    ],
    [
      'bad id',
      { id: 'Not_Kebab' },
      '/vectors/0/id',
      "must be kebab-case (lowercase letters and digits joined by single '-'), at most 80 characters",
    ],
    [
      'unknown tag',
      { tags: ['doc-example', 'typo-tag'] },
      '/vectors/0/tags/1',
      'must be a tag from the vocabulary in vectors/schema.json ($defs/tag)',
    ],
    ['bad kind', { kind: 'sgn' }, '/vectors/0/kind', 'must be "sign" or "verify"'],
    [
      'bad refusal',
      { refusal: 'maybe' },
      '/vectors/0/refusal',
      'must be "acceptable" when present',
    ],
    ['unknown property', { note: 'x' }, '/vectors/0', 'has unknown property "note"'],
    [
      'verify field on a sign vector',
      { result: 'valid' },
      '/vectors/0',
      'has unknown property "result"',
    ],
  ])('%s', async (_name, overrides, jsonPath, message) => {
    await expectRefused(oneVector(overrides), 'ERR_VECTOR_SCHEMA', jsonPath, message);
  });

  test('header fields', async () => {
    const wrongVersion = tempVectorsDir({
      'bad.json': vectorFileText('bad', [signVector()], { formatVersion: 2 }),
    });
    await expectRefused(
      wrongVersion,
      'ERR_VECTOR_SCHEMA',
      '/formatVersion',
      'must be 1 (the only format version this schema describes)',
    );
    const wrongName = tempVectorsDir({ 'bad.json': vectorFileText('other', [signVector()]) });
    await expectRefused(
      wrongName,
      'ERR_VECTOR_SCHEMA',
      '/name',
      'must equal the file name without .json ("bad")',
    );
    const noVectors = tempVectorsDir({ 'bad.json': vectorFileText('bad', []) });
    await expectRefused(
      noVectors,
      'ERR_VECTOR_SCHEMA',
      '/vectors',
      'must NOT have fewer than 1 items',
    );
  });

  test('every problem of a file is listed, one line each', async () => {
    const broken = [
      signVector({ body: { hex: 'XY' } }),
      signVector({ id: 'second', secret: { utf8: 'a', hex: '61' } }),
    ];
    const dir = tempVectorsDir({ 'bad.json': vectorFileText('bad', broken) });
    const error = await refusal(dir);
    const file = join(dir, 'bad.json');
    expect(error.message.split('\n')).toEqual([
      `${file}: /vectors/0/body/hex: must be lowercase hex with an even number of digits`,
      `${file}: /vectors/1/secret: must have exactly one of utf8, hex, base64, repeat`,
    ]);
    expect(error.issues).toHaveLength(2);
  });
});

describe('duplicate ids', () => {
  test('within one file', async () => {
    const dir = tempVectorsDir({ 'bad.json': vectorFileText('bad', [signVector(), signVector()]) });
    await expectRefused(
      dir,
      'ERR_VECTOR_DUPLICATE_ID',
      '/vectors/1/id',
      'duplicate id "sample" (first at /vectors/0/id)',
    );
  });

  test('across files, naming both places', async () => {
    const dir = tempVectorsDir({
      'a.json': vectorFileText('a', [signVector({ id: 'other' }), signVector()]),
      'bad.json': vectorFileText('bad', [signVector()]),
    });
    await expectRefused(
      dir,
      'ERR_VECTOR_DUPLICATE_ID',
      '/vectors/0/id',
      `duplicate id "sample" (first at ${join(dir, 'a.json')}: /vectors/1/id)`,
    );
  });
});

describe('directories', () => {
  test('a missing directory', async () => {
    const dir = join(tempVectorsDir({}), 'nope');
    const error = await refusal(dir);
    expect(error.code).toBe('ERR_VECTOR_IO');
    expect(error.file).toBe(dir);
    expect(error.message).toMatch(/nope: \/: cannot list the directory: .*ENOENT/);
  });

  test('a directory without vector files', async () => {
    const dir = tempVectorsDir({ 'schema.json': '{}', 'notes.txt': 'x' });
    const error = await refusal(dir);
    expect(error.code).toBe('ERR_VECTOR_IO');
    expect(error.message).toBe(`${dir}: /: holds no vector files (*.json besides schema.json)`);
  });

  test('schema.json and other files are skipped; a valid file loads', async () => {
    const dir = tempVectorsDir({
      'schema.json': 'not even JSON',
      'readme.md': '# x',
      'good.json': vectorFileText('good', [signVector()]),
    });
    const [file] = loadVectorFilesSync(dir);
    expect(file?.name).toBe('good');
    expect(file?.vectors[0]?.file).toBe('good.json');
  });
});

describe('parseVectorFile', () => {
  test('validates a parsed value and names the path it is given', () => {
    expect(() => parseVectorFile({ vectors: 1 }, 'memory.json')).toThrow(
      /^memory\.json: \/: must have required property/,
    );
    const file = parseVectorFile(
      JSON.parse(vectorFileText('memory', [signVector()])),
      'memory.json',
    );
    expect(file.vectors[0]?.kind).toBe('sign');
  });

  test('files inside the repository are shown relative to its root', () => {
    try {
      parseVectorFile({}, join(VECTORS_DIR, 'edge-cases.json'));
      expect.unreachable();
    } catch (error) {
      expect(isVectorError(error) && error.message.startsWith('vectors/edge-cases.json: /: ')).toBe(
        true,
      );
    }
  });
});
