/**
 * Issue 18, items 10, 11 and 12: the files a user passes. Vector files that expand past
 * any reasonable size, a large file of many tiny vectors, a huge diverging vector, and
 * expectations files that are a FIFO, a device or too large. Every file here is made at
 * test time. Each run ends with the documented exit code, in bounded time and memory, with
 * its reports bounded where it writes them, and nothing left running.
 */
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import {
  expectBoundedReports,
  expectNoSurvivors,
  impl,
  longestLine,
  PEAK_BOUND_BYTES,
  recordedPids,
  reportArgs,
  runCliMeasured,
  trackedWorkDirs,
} from './hostile-helpers.js';

const vectorsDir = fileURLToPath(new URL('../../../vectors/', import.meta.url));
const work = trackedWorkDirs();
const MiB = 1024 * 1024;

/** A vectors directory in `dir` with the schema and one file `name` of `vectors` (JSON text each). */
function vectorDir(dir: string, name: string, vectors: Iterable<string>): string {
  const root = join(dir, 'vectors');
  mkdirSync(root);
  copyFileSync(join(vectorsDir, 'schema.json'), join(root, 'schema.json'));
  const head = `{"$schema":"./schema.json","formatVersion":1,"name":"${name}","description":"made by the test","source":"hostile-input-files.test.ts","vectors":[\n`;
  const parts = [head];
  let first = true;
  for (const vector of vectors) {
    parts.push(first ? vector : `,\n${vector}`);
    first = false;
  }
  parts.push('\n]}\n');
  writeFileSync(join(root, `${name}.json`), parts.join(''));
  return root;
}

/** One sign vector as JSON text, with its signature computed here. */
function signVector(id: string, tags: string[], body: object, bodyBytes: Buffer): string {
  const signature = createHmac('sha256', 'k').update(bodyBytes).digest('hex');
  return JSON.stringify({
    id,
    description: `made by the test: ${id}`,
    tags,
    kind: 'sign',
    body,
    secret: { utf8: 'k' },
    signature,
  });
}

/** `count` tiny sign vectors (a 10-byte body, a 1-byte secret), as JSON text each. */
function* tinyVectors(count: number): Generator<string> {
  for (let i = 0; i < count; i++) {
    const text = `{"n":${i}}`;
    yield signVector(`tiny-${i}`, ['short-secret'], { utf8: text }, Buffer.from(text));
  }
}

/** Run options for the vectors tagged `tag` (the test's, and the few shipped ones), no property search. */
const select = (tag: string, expectations: string) => [
  '--only',
  tag,
  '--runs',
  '0',
  '--quiet',
  '--expectations',
  expectations,
];

describe('vector files', () => {
  test('100 vectors of a 64 MiB repeat each are refused by the total budget, before they are made', async () => {
    const w = work();
    const body = { repeat: { unit: { hex: '61' }, count: 64 * MiB } };
    const bytes = Buffer.alloc(64 * MiB, 0x61);
    const signature = createHmac('sha256', 'k').update(bytes).digest('hex');
    const one = (i: number) =>
      JSON.stringify({
        id: `repeat-${i}`,
        description: 'made by the test',
        tags: ['large-body'],
        kind: 'sign',
        body,
        secret: { utf8: 'k' },
        signature,
      });
    const dir = vectorDir(
      w.dir,
      'repeats',
      Array.from({ length: 100 }, (_, i) => one(i)),
    );
    const result = await runCliMeasured(
      ['--impl', impl('good', w.pids), '--vectors', dir, ...select('large-body', w.expectations)],
      60_000,
      w.dir,
    );
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(60_000);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    expect(result.stderr).toContain(join(dir, 'repeats.json'));
    expect(result.stderr).toContain('/vectors/2/body/repeat: expands to 67108864 bytes');
    expect(result.stderr).toContain('MAX_TOTAL_EXPANDED_BYTES');
    expect(recordedPids(w.pids)).toEqual([]);
  });

  test('one 60 MiB vector of 0xff on which an implementation diverges is shown cut, in bounded memory', async () => {
    const w = work();
    const size = 60 * MiB;
    const dir = vectorDir(w.dir, 'huge', [
      signVector(
        'huge-ff',
        ['large-body', 'invalid-utf8', 'short-secret'],
        { repeat: { unit: { hex: 'ff' }, count: size } },
        Buffer.alloc(size, 0xff),
      ),
    ]);
    const result = await runCliMeasured(
      [
        '--impl',
        impl('diverges-on-large', w.pids),
        '--vectors',
        dir,
        ...select('large-body', w.expectations),
        ...reportArgs(w.dir),
      ],
      180_000,
      w.dir,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(180_000);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    expect(longestLine(result.stdout)).toBeLessThan(1_200);
    expect(result.stdout).toContain(`(${size} bytes)`);
    const reports = expectBoundedReports(w.dir, 1_000_000);
    const finding = reports.json.findings.find((f) => f.vectors.includes('huge-ff'));
    expect(finding?.minimal.body.size).toBe(size);
    await expectNoSurvivors(w.pids);
  });

  test('a 45 MB file of 250,000 tiny vectors is refused by the total count, before it is validated', async () => {
    const w = work();
    const dir = vectorDir(w.dir, 'tiny', tinyVectors(250_000));
    const result = await runCliMeasured(
      ['--impl', impl('good', w.pids), '--vectors', dir, ...select('short-secret', w.expectations)],
      60_000,
      w.dir,
    );
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(60_000);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    expect(result.stderr).toContain(`${join(dir, 'tiny.json')}: /vectors: has 250000 vectors`);
    expect(result.stderr).toContain('MAX_TOTAL_VECTORS');
    expect(recordedPids(w.pids)).toEqual([]);
  });

  test('99,000 tiny vectors, just under the count, run in bounded memory with bounded reports', async () => {
    const w = work();
    const dir = vectorDir(w.dir, 'tiny', tinyVectors(99_000));
    const result = await runCliMeasured(
      [
        '--impl',
        impl('good', w.pids),
        '--vectors',
        dir,
        ...select('short-secret', w.expectations),
        ...reportArgs(w.dir),
      ],
      300_000,
      w.dir,
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.elapsedMs).toBeLessThan(300_000);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    const reports = expectBoundedReports(w.dir, 128 * MiB);
    expect(reports.json.summary.ok).toBe(true);
    expect(reports.json.summary.pass).toBeGreaterThanOrEqual(99_000);
    await expectNoSurvivors(w.pids);
  });
});

describe('an --expectations file that is not a small regular file', () => {
  test.each([
    [
      'a FIFO nobody writes to',
      (path: string) => execa('mkfifo', [path]),
      'not a regular file (a FIFO)',
    ],
    [
      '/dev/zero',
      (path: string) => symlinkSync('/dev/zero', path),
      'not a regular file (a device)',
    ],
    [
      'a 65 MiB file',
      (path: string) => {
        writeFileSync(path, '');
        truncateSync(path, 65 * MiB);
      },
      `too large: ${65 * MiB} bytes, the limit is ${64 * MiB}`,
    ],
  ])('%s is refused, not read', async (_name, make, why) => {
    const w = work();
    const path = join(w.dir, 'expectations.json');
    await make(path);
    const result = await runCliMeasured(
      ['--impl', impl('good', w.pids), '--only', 'percent', '--runs', '0', '--expectations', path],
      15_000,
      w.dir,
    );
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(15_000);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    expect(result.stderr).toContain(`${path}: cannot read: ${why}`);
    expect(recordedPids(w.pids)).toEqual([]);
  });

  test('a FIFO given to render is refused too', async () => {
    const w = work();
    const path = join(w.dir, 'report.json');
    await execa('mkfifo', [path]);
    const result = await runCliMeasured(
      ['render', '--report', `markdown=${join(w.dir, 'out.md')}`, path],
      15_000,
      w.dir,
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${path}: cannot read: not a regular file (a FIFO)`);
  });
});
