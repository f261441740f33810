/**
 * One run pipeline (load → check → select → run → settle → redact) for the library, `run`
 * and `docs-patch`: a shard run through the library leaves whole entries to the merge, the
 * library's report carries what `merge` needs and is redacted, and `docs-patch` writes a
 * redacted report.json and holds its integers to the run command's bounds.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_VECTORS_DIR, bundledVectorSet } from '@plugnmeet-signing/vectors';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { parseDocsPatchOptions } from '../src/cli/docs-patch.js';
import { parseRunOptions } from '../src/cli/options.js';
import { isConformanceError } from '../src/errors.js';
import { outsideColumn } from '../src/implementations/outside.js';
import { conformanceRun } from '../src/pipeline/conformance-run.js';
import type { ConformanceRunOptions } from '../src/pipeline/options.js';
import { expectationsFromReport } from '../src/reports/expectations-update.js';
import { mergeReports } from '../src/reports/merge.js';
import type { Report } from '../src/reports/report.js';
import { staleFromResults } from '../src/reports/verdict.js';
import { cli, misbehaving } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'pnm-pipeline-'));
const SHARDS = 3;
const RUNS = 30 * SHARDS;

/** Breaks on one vector only (the body `-n`), so its entry's evidence lands in one shard. */
const brokenOnOne = `${process.execPath} ${misbehaving} garbage -n`;

function run(options: Partial<ConformanceRunOptions>): Promise<Report> {
  return conformanceRun({
    columns: async () => [await outsideColumn(brokenOnOne)],
    seed: 7,
    runs: RUNS,
    jobs: 1,
    requireAll: false,
    secrets: [],
    ...options,
  });
}

describe('conformanceRun as a library', () => {
  test('a shard leaves whole entries to the merge; the merge and the unsharded run agree', async () => {
    const first = await run({ expectations: [] });
    const listed = expectationsFromReport(first, {
      formatVersion: 1,
      description: '',
      expectations: [],
    }).expectations;
    expect(listed.length).toBe(1);
    // Its vector, and the property search, may each show it: checkable in every shard.
    const expectations = listed.map((e) => ({ ...e, property: true }));
    const whole = await run({ expectations });
    expect(whole.staleExpectations).toEqual([]);
    expect(whole.summary.ok).toBe(true);

    const shards = await Promise.all(
      Array.from({ length: SHARDS }, (_, index) =>
        run({ expectations, shard: { index, count: SHARDS } }),
      ),
    );
    // Some shard met the entry nowhere: judged as a whole run, it would call it stale …
    const wholeRule = shards.map((s) => staleFromResults(s, s.expectations ?? [], true));
    expect(wholeRule.some((stale) => stale.length > 0)).toBe(true);
    // … yet each shard says only what it saw, and passes.
    for (const shard of shards) {
      expect(shard.shard?.count).toBe(SHARDS);
      expect(shard.expectations).toEqual(expectations);
      expect(shard.staleExpectations).toEqual([]);
      expect(shard.summary.ok).toBe(true);
    }
    const merged = mergeReports(shards);
    expect(merged.staleExpectations).toEqual(whole.staleExpectations);
    expect(merged.summary.ok).toBe(whole.summary.ok);
    expect(merged.results.length).toBe(whole.results.length);
  }, 60_000);

  test('the report names the shipped vector set, carries requireAll and is redacted', async () => {
    const plain = await run({ runs: 0, requireAll: true });
    const hello = plain.columns[0]?.runtimeVersion ?? '';
    expect(hello).not.toBe('');
    expect(plain.vectorSet).toEqual(bundledVectorSet());
    expect(plain.requireAll).toBe(true);
    // What the implementation said of itself, taken for a secret of the runner's.
    const [name] = hello.split(' ');
    const secret = { name: 'PNM_TEST_TOKEN', value: name as string };
    const redacted = await run({ runs: 0, secrets: [secret] });
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(secret.value);
    expect(redacted.columns[0]?.runtimeVersion).toBe(
      hello.replace(secret.value, '[redacted PNM_TEST_TOKEN]'),
    );
  }, 60_000);
});

describe('docs-patch', () => {
  test.each([
    ['runs', '1e12'],
    ['runs', ''],
    ['runs', '-1'],
    ['runs', '10000001'],
    ['seed', '4294967296'],
    ['seed', '1e3'],
    ['jobs', '0'],
    ['jobs', '257'],
    ['jobs', '0x10'],
  ])('--%s %j is the usage error the run command gives', (name, value) => {
    const said = (parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        return isConformanceError(error) ? [error.code, error.message] : ['not coded', error];
      }
      return ['accepted'];
    };
    const run = said(() => parseRunOptions([`--${name}`, value], {}));
    expect(run[0]).toBe('ERR_CONFORMANCE_USAGE');
    expect(said(() => parseDocsPatchOptions([`--${name}`, value]))).toEqual([
      'ERR_CONFORMANCE_USAGE',
      `docs-patch: ${run[1]}`,
    ]);
  });

  test('the command line refuses it with exit 2 before anything runs', async () => {
    const out = join(work, 'refused');
    const result = await execa(
      process.execPath,
      [cli, 'docs-patch', '--out', out, '--runs', '1e3'],
      {
        reject: false,
        env: { CI: 'false', NO_COLOR: '1' },
      },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--runs expected an integer ≥ 0 and ≤ 10000000, got "1e3"');
    expect(result.stderr).not.toContain('    at ');
    expect(() => readdirSync(out)).toThrow();
  });

  test("a secret of the runner's environment never reaches its report.json", async () => {
    // The secret is in the vectors' directory name, which the report names for each file.
    const secret = 'pnm-docs-secret-0815';
    const vectors = join(work, secret, 'vectors');
    mkdirSync(vectors, { recursive: true });
    cpSync(BUNDLED_VECTORS_DIR, vectors, { recursive: true });
    const out = join(work, 'docs');
    const result = await execa(
      process.execPath,
      [cli, 'docs-patch', '--out', out, '--runs', '0', '--quiet'],
      {
        reject: false,
        env: {
          CI: 'false',
          NO_COLOR: '1',
          PNM_VECTORS_DIR: vectors,
          PLUGNMEET_API_SECRET: secret,
        },
      },
    );
    expect([0, 1], result.stderr).toContain(result.exitCode);
    const text = readFileSync(join(out, 'report.json'), 'utf8');
    const report = JSON.parse(text) as Report;
    expect(report.vectorFiles.length).toBeGreaterThan(0);
    for (const file of report.vectorFiles)
      expect(file.path).toContain('[redacted PLUGNMEET_API_SECRET]');
    for (const written of [text, readFileSync(join(out, 'NOTE.md'), 'utf8'), result.stdout])
      expect(written).not.toContain(secret);
  }, 300_000);
});
