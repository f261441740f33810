/**
 * schemas/report.json: the report the runner writes is valid under it (a real run's, and
 * one made in-process by a column that diverges, refuses and is unavailable), and
 * `readJsonReport` refuses a malformed report with its path and the JSON Pointer at fault.
 * Nothing spawned: the columns here are objects in this process.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVectorFilesWith } from '@plugnmeet-signing/vectors';
import { describe, expect, test } from 'vitest';
import { columnKey } from '../../src/column-key.js';
import { isConformanceError } from '../../src/errors.js';
import type { CaseInput, Column } from '../../src/model.js';
import { conformanceRun } from '../../src/pipeline/conformance-run.js';
import { referenceSignature } from '../../src/reference.js';
import { readJsonReport, renderJson } from '../../src/reports/json.js';
import { mergeReports } from '../../src/reports/merge.js';
import type { Report } from '../../src/reports/report.js';
import { firstIssue } from '../../src/schemas/issue.js';
import { validatorFor } from '../../src/schemas/load.js';
import { cell, column, expectation, report } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'pnm-report-schema-'));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** `--only python/utf8 --report json=…`, trimmed to three cells per outcome. */
const realRun = fixture('report-python-utf8.json');
/**
 * Real runs, trimmed to two cells per column, group and outcome (and long inputs cut):
 * `--only shell/dash,wire-shell/dash,shell-corrected/dash,wire-sdk-js/node,wire-client/node
 * --runs 20` (expected failures, corrections, wire columns, applied expectations) and
 * `--impl "python3 test/fixtures/broken_v2.py" --runs 10` with no expectations (protocol v2
 * cells with the bytes sent, findings).
 */
const realRuns = [
  realRun,
  fixture('report-shell-dash-wire.json'),
  fixture('report-broken-v2.json'),
];

let files = 0;
function written(json: unknown): string {
  files += 1;
  const path = join(dir, `r${files}.json`);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

function problem(json: unknown): string | undefined {
  const validate = validatorFor('report');
  return validate(json) ? undefined : JSON.stringify(firstIssue(validate.errors ?? [], json));
}

/** A column in this process: signs like the reference, except as `answer` says. */
function fake(id: string, answer: (input: CaseInput, right: string) => string | undefined): Column {
  const [implementation = '', environment = ''] = id.split('/');
  return {
    id: columnKey({ implementation, environment }),
    implementation: {
      id: implementation,
      label: implementation,
      kind: 'outside',
      origin: 'outside',
      checks: 'signature',
      language: 'js',
    },
    environment: { id: environment, label: environment, variables: { LANG: 'C' } },
    capabilities: ['sign', 'verify'],
    modes: ['worker'],
    probe: async () =>
      id.startsWith('gone')
        ? { available: false, reason: 'not installed', install: 'install it' }
        : { available: true, runtimeVersion: 'fake 1' },
    open: async () => ({
      sign: async (input) => {
        const right = referenceSignature(input.body, input.secret);
        if (right === undefined) return { kind: 'refused', message: 'empty secret' };
        const said = answer(input, right);
        if (said === undefined) return { kind: 'unrepresentable', reason: 'no' };
        return { kind: 'signature', signature: said };
      },
      verify: async (input, presented) => ({
        kind: 'verdict',
        valid: presented === referenceSignature(input.body, input.secret),
      }),
      close: async () => {},
    }),
  };
}

async function inProcessRun(): Promise<Report> {
  return conformanceRun({
    columns: [
      fake('upper/long', (input, right) => (input.body.length > 40 ? right.toUpperCase() : right)),
      fake('picky/nul', (input, right) => (input.body.includes(0) ? undefined : right)),
      fake('gone/away', (_input, right) => right),
    ],
    vectorFiles: await loadVectorFilesWith([]),
    expectations: [expectation('picky/nul', 'never-happens', ['*'])],
    seed: 7,
    runs: 30,
    jobs: 1,
    requireAll: false,
  });
}

describe('reports the runner writes', () => {
  test.each(realRuns)('a real run is valid and reads back (%s)', (path) => {
    const json = JSON.parse(readFileSync(path, 'utf8'));
    expect(problem(json)).toBeUndefined();
    expect(readJsonReport(path)).toEqual(json);
  });

  test('an in-process run with divergences, findings, stale and unavailable columns is valid', async () => {
    const run = await inProcessRun();
    // The run has every part the schema describes that a run can have.
    expect(run.findings.length).toBeGreaterThan(0);
    expect(run.propertyFindings.length).toBeGreaterThan(0);
    expect(run.staleExpectations.length).toBeGreaterThan(0);
    expect(run.columns.some((c) => !c.available)).toBe(true);
    const text = renderJson(run);
    expect(problem(JSON.parse(text))).toBeUndefined();
    expect(readJsonReport(written(text))).toEqual(JSON.parse(text));
  }, 60_000);

  test('the shards of a run and their merge are valid', () => {
    const shard = (index: number, vector: string) =>
      report({
        shard: { index, count: 2 },
        columns: [column('a/b')],
        results: [cell('a/b', vector, 'pass')],
        expectations: [],
      });
    const merged = mergeReports([shard(0, 'v1'), shard(1, 'v2')]);
    for (const json of [shard(0, 'v1'), merged]) {
      expect(problem(JSON.parse(renderJson(json)))).toBeUndefined();
    }
  });
});

describe('malformed reports', () => {
  const base = JSON.parse(readFileSync(realRun, 'utf8')) as Record<string, unknown>;
  const results = base.results as Record<string, unknown>[];
  const change = (key: string, value: unknown) => ({ ...base, [key]: value });
  const without = (key: string) => {
    const { [key]: _gone, ...rest } = base;
    return rest;
  };
  test.each([
    ['not an object', 'null', '', '/: expected an object, got null'],
    [
      'another format version (checked first)',
      { formatVersion: 2 },
      '/formatVersion',
      '/formatVersion: expected 1, got 2',
    ],
    [
      'no format version',
      without('formatVersion'),
      '/formatVersion',
      '/formatVersion: expected 1, got nothing',
    ],
    [
      'results that are no list',
      change('results', {}),
      '/results',
      '/results: expected an array, got {}',
    ],
    ['no findings', without('findings'), '/findings', '/findings: expected an array, got nothing'],
    ['no tool', without('tool'), '/tool', '/tool: expected an object, got nothing'],
    [
      'a cell with an unknown outcome',
      change('results', [{ ...results[0], outcome: 'maybe' }]),
      '/results/0/outcome',
      '/results/0/outcome: expected one of pass, fail, error, xfail, xpass, unrepresentable, unavailable, got "maybe"',
    ],
    [
      'a cell without its vector',
      change('results', [results[0], { ...results[1], vector: undefined }]),
      '/results/1/vector',
      '/results/1/vector: expected a string, got nothing',
    ],
    [
      'a column whose availability is text',
      change('columns', [{ ...(base.columns as object[])[0], available: 'yes' }]),
      '/columns/0/available',
      '/columns/0/available: expected a boolean, got "yes"',
    ],
    [
      'a negative duration',
      change('durationMs', -1),
      '/durationMs',
      '/durationMs: expected an integer ≥ 0, got -1',
    ],
    [
      'a summary without its verdict',
      change('summary', { ...(base.summary as object), ok: undefined }),
      '/summary/ok',
      '/summary/ok: expected a boolean, got nothing',
    ],
    [
      'an applied expectation with an unknown property',
      change('expectations', [{ ...expectation('a/b', 'c', []), vector: 'x' }]),
      '/expectations/0/vector',
      '/expectations/0/vector: expected no such property, got "x"',
    ],
  ])('refuses %s', (_name, json, pointer, message) => {
    const path = written(json);
    let error: unknown;
    try {
      readJsonReport(path);
    } catch (thrown) {
      error = thrown;
    }
    expect(isConformanceError(error) && error.code).toBe('ERR_CONFORMANCE_REPORT');
    expect(error).toMatchObject({ file: path, jsonPath: pointer, message: `${path}: ${message}` });
  });

  test("accepts properties it does not define (a newer runner's additions)", () => {
    expect(
      problem({ ...base, newField: 1, summary: { ...(base.summary as object), extra: 2 } }),
    ).toBeUndefined();
  });
});
