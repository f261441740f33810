/**
 * Sign vectors are checked against the reference like verify vectors: a file whose stated
 * signature (or verdict) the reference does not give is refused with its path and the JSON
 * path of the field, before any column runs. Spawns nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVectorFilesWith, type Vector, type VectorFile } from '@plugnmeet-signing/vectors';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { columnKey } from '../../src/column-key.js';
import { isConformanceError } from '../../src/errors.js';
import { conformanceRun } from '../../src/pipeline/conformance-run.js';
import { referenceSignature } from '../../src/reference.js';
import { checkVectorsAgainstReference, emptyKeyMac } from '../../src/vector-check.js';

const utf8 = new TextEncoder();
const body = utf8.encode('{"room_id":"room01"}');
const secret = utf8.encode('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
const right = referenceSignature(body, secret) as string;
const wrong = right.replace(/^./, (c) => (c === '0' ? '1' : '0'));

const base = { file: 'mine.json', description: '', tags: [], body, secret };
const file = (vectors: Vector[]): VectorFile => ({
  path: '/vectors/mine.json',
  name: 'mine',
  formatVersion: 1,
  description: '',
  source: '',
  vectors,
});

function refusal(files: VectorFile[]): string | undefined {
  try {
    checkVectorsAgainstReference(files);
    return undefined;
  } catch (error) {
    expect(isConformanceError(error) && error.code).toBe('ERR_CONFORMANCE_REFERENCE');
    return (error as Error).message;
  }
}

describe('vectors against the reference', () => {
  const table: Array<[string, Vector[], string | undefined]> = [
    ['a right sign vector', [{ ...base, id: 's', kind: 'sign', signature: right }], undefined],
    [
      'a wrong sign vector, second in its file',
      [
        { ...base, id: 's', kind: 'sign', signature: right },
        { ...base, id: 'bad', kind: 'sign', signature: wrong },
      ],
      `/vectors/mine.json: $.vectors[1].signature (bad): the vector says ${wrong}, the reference computes ${right}`,
    ],
    [
      'an empty secret stating the true empty-key MAC',
      [
        {
          ...base,
          id: 'e',
          kind: 'sign',
          secret: new Uint8Array(),
          signature: emptyKeyMac(body),
          refusal: 'acceptable',
        },
      ],
      undefined,
    ],
    [
      'an empty secret stating another MAC',
      [
        {
          ...base,
          id: 'e',
          kind: 'sign',
          secret: new Uint8Array(),
          signature: right,
          refusal: 'acceptable',
        },
      ],
      '$.vectors[0].signature (e)',
    ],
    [
      'a right verify vector',
      [{ ...base, id: 'v', kind: 'verify', presented: right, result: 'valid' }],
      undefined,
    ],
    [
      'a verify vector stating valid for a wrong signature',
      [{ ...base, id: 'v', kind: 'verify', presented: wrong, result: 'valid' }],
      '/vectors/mine.json: $.vectors[0].result (v): the vector says valid, the reference says invalid',
    ],
  ];
  test.each(table)('%s', (_name, vectors, expected) => {
    const message = refusal([file(vectors)]);
    if (expected === undefined) expect(message).toBeUndefined();
    else expect(message).toContain(expected);
  });

  test('every shipped vector agrees with the reference', async () => {
    expect(refusal(await loadVectorFilesWith([]))).toBeUndefined();
  });

  test('conformanceRun refuses a wrong file before any column runs', async () => {
    const opened: string[] = [];
    const column = {
      id: columnKey({ implementation: 'x', environment: 'y' }),
      implementation: {
        id: 'x',
        label: 'x',
        kind: 'outside' as const,
        origin: 'outside' as const,
        checks: 'signature' as const,
        language: 'x',
      },
      environment: { id: 'y', label: 'y' },
      capabilities: ['sign' as const],
      modes: ['worker' as const],
      probe: async () => {
        opened.push('probe');
        return { available: true as const, runtimeVersion: '1' };
      },
      open: async () => {
        throw new Error('never opened');
      },
    };
    await expect(
      conformanceRun({
        columns: [column],
        vectorFiles: [file([{ ...base, id: 'bad', kind: 'sign', signature: wrong }])],
        expectations: [],
        seed: 1,
        runs: 0,
        jobs: 1,
        requireAll: false,
      }),
    ).rejects.toThrow('$.vectors[0].signature (bad)');
    expect(opened).toEqual([]);
  });

  test('the CLI names the file and the JSON path, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnm-bad-vectors-'));
    const path = join(dir, 'mine.json');
    writeFileSync(
      path,
      JSON.stringify({
        $schema: './schema.json',
        formatVersion: 1,
        name: 'mine',
        description: 'a wrong vector',
        source: 'this test',
        vectors: [
          {
            id: 'mine-wrong',
            description: 'stated signature is not the HMAC',
            tags: ['empty-body'],
            kind: 'sign',
            body: { utf8: '{"room_id":"room01"}' },
            secret: { utf8: 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6' },
            signature: wrong,
          },
        ],
      }),
    );
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['--vectors', dir, '--runs', '0', '--quiet', '--only', 'nothing-runs']);
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(2);
    expect(stderr.join('')).toContain(`${path}: $.vectors[0].signature (mine-wrong)`);
  });
});
