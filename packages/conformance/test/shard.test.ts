import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ExpectationsFile } from '../src/expectations/file.js';
import { renderMarkdown } from '../src/reports/markdown.js';
import { mergeReports } from '../src/reports/merge.js';
import { type Report, resultGroups } from '../src/reports/report.js';
import { broken, cli, emptyExpectations, example, misbehaving, realPython } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'pnm-shard-'));
const SHARDS = 3;
const RUNS = 60; // divisible by SHARDS: the shards' property runs add up to the unsharded ones

let impls: string[];
const none = emptyExpectations(work);

function conformance(args: string[]) {
  return execa(process.execPath, [cli, ...args], {
    reject: false,
    env: { CI: 'false', NO_COLOR: '1' },
  });
}

function read(path: string): Report {
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}

/** Runs the whole matrix, unsharded or as one shard, and returns exit code and report. */
async function run(name: string, expectations: string, shard?: number, columns = impls) {
  const out = join(work, `${name}.json`);
  const result = await conformance([
    ...columns,
    ...[
      '--runs',
      String(RUNS),
      '--quiet',
      '--expectations',
      expectations,
      '--report',
      `json=${out}`,
    ],
    ...(shard === undefined ? [] : ['--shard', `${shard}/${SHARDS}`]),
  ]);
  return {
    exitCode: result.exitCode,
    report: read(out),
    out,
    output: result.stdout + result.stderr,
  };
}

const cellKey = (r: Report['results'][number]) =>
  `${r.implementation}/${r.environment} × ${r.vector}`;

beforeAll(() => {
  const python = realPython();
  impls = ['--impl', `${python} ${example}`, '--impl', `${python} ${broken}`];
});

describe('--shard i/n and merge', () => {
  test('the shards cover exactly the unsharded cells, each once, with the same outcomes', async () => {
    const whole = await run('whole', none);
    const shards = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) => run(`shard-${i + 1}`, none, i + 1)),
    );
    const all = shards.flatMap((s) => s.report.results.map(cellKey));
    expect(new Set(all).size).toBe(all.length); // no cell twice
    expect([...all].sort()).toEqual(whole.report.results.map(cellKey).sort()); // nothing missing, nothing extra
    for (const shard of shards) {
      // Every shard has a real share of every column, and says which shard it is.
      expect(shard.report.results.length).toBeGreaterThan(whole.report.results.length / SHARDS / 2);
      expect(new Set(shard.report.results.map((r) => r.implementation))).toEqual(
        new Set(['python-example', 'python-broken']),
      );
    }
    expect(shards.map((s) => s.report.shard)).toEqual(
      [0, 1, 2].map((index) => ({ index, count: SHARDS })),
    );
    const outcome = new Map(whole.report.results.map((r) => [cellKey(r), r.outcome]));
    for (const r of shards.flatMap((s) => s.report.results))
      expect(r.outcome, cellKey(r)).toBe(outcome.get(cellKey(r)));
    // Property runs are split and seeded per shard.
    // (The broken column searches on after each finding, so only the clean one adds up exactly.)
    for (const shard of shards) expect(shard.report.properties[0]?.runs).toBe(RUNS / SHARDS);
    expect(
      new Set(shards.map((s) => JSON.stringify(s.report.propertyFindings.map((f) => f.seed)))).size,
    ).toBe(SHARDS);

    // `merge` gives the unsharded verdict and counts, and renders in every format.
    const merged = join(work, 'merged.json');
    const formats = {
      junit: join(work, 'merged.xml'),
      markdown: join(work, 'merged.md'),
      html: join(work, 'merged.html'),
    };
    const result = await conformance([
      'merge',
      ...Object.entries(formats).flatMap(([format, path]) => ['--report', `${format}=${path}`]),
      merged,
      ...shards.map((s) => s.out),
    ]);
    expect(result.exitCode).toBe(whole.exitCode);
    const report = read(merged);
    expect(report.shard).toBeUndefined();
    expect(report.mergedFrom).toBe(SHARDS);
    // Column by column and vector file by vector file, as an unsharded run orders them.
    const place = (r: Report['results'][number]) =>
      `${r.implementation}/${r.environment} × ${r.group}`;
    expect(report.results.map(place)).toEqual(whole.report.results.map(place));
    expect(report.results.map(cellKey).sort()).toEqual(whole.report.results.map(cellKey).sort());
    const { ok, ...counts } = report.summary;
    const { ok: wholeOk, ...wholeCounts } = whole.report.summary;
    expect(counts).toEqual(wholeCounts);
    expect(ok).toBe(wholeOk);
    const brokenRuns = shards.reduce((sum, s) => sum + (s.report.properties[1]?.runs ?? 0), 0);
    expect(report.properties.map((p) => [p.implementation, p.runs])).toEqual([
      ['python-example', RUNS],
      ['python-broken', brokenRuns],
    ]);
    // One vector finding per column and cause, its vectors joined from every shard.
    const vectorFindings = (r: Report) =>
      r.findings
        .filter((f) => f.vectors[0] !== 'property')
        .map((f) => [f.implementation, f.cause, [...f.vectors].sort()]);
    expect(vectorFindings(report)).toEqual(vectorFindings(whole.report));

    const junit = readFileSync(formats.junit, 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(
      report.results.length + report.properties.length,
    );
    const markdown = readFileSync(formats.markdown, 'utf8');
    const matrix = (md: string) =>
      md
        .split('\n')
        .filter((l) => l.startsWith('| impl-'))
        .map((l) => l.split(' | ').slice(0, -1));
    expect(matrix(markdown)).toEqual(matrix(renderMarkdown(whole.report)));
    const html = readFileSync(formats.html, 'utf8');
    expect(html).toContain(`merged from ${SHARDS} shard reports`);
    expect(html.match(/<td class="cell /g)).toHaveLength(
      report.columns.length * resultGroups(report).length,
    );

    // `render` turns the merged JSON into the same Markdown.
    const rendered = join(work, 'rendered.md');
    expect(
      (await conformance(['render', '--report', `markdown=${rendered}`, merged])).exitCode,
    ).toBe(whole.exitCode);
    expect(readFileSync(rendered, 'utf8')).toBe(markdown);
  });

  test('staleness is judged over all shards: met elsewhere is not stale, met nowhere is', async () => {
    // A third column that breaks on one vector only (the body `-n`): its entry's evidence
    // lands in exactly one shard.
    const impls3 = [...impls, '--impl', `${process.execPath} ${misbehaving} garbage -n`];
    // Expectations that make the unsharded run pass: each entry's failing vectors are
    // spread over the shards, so most shards miss some entry's evidence.
    const expectations = join(work, 'expected.json');
    writeFileSync(
      expectations,
      JSON.stringify({ formatVersion: 1, description: '', expectations: [] }),
    );
    await conformance([
      ...impls3,
      '--runs',
      String(RUNS),
      '--quiet',
      '--expectations',
      expectations,
      '--update-expectations',
    ]);
    const file = JSON.parse(readFileSync(expectations, 'utf8')) as ExpectationsFile;
    expect(file.expectations.length).toBeGreaterThan(1);
    const whole = await run('expected-whole', expectations, undefined, impls3);
    expect(whole.exitCode, whole.output).toBe(0);

    const shards = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) =>
        run(`expected-shard-${i + 1}`, expectations, i + 1, impls3),
      ),
    );
    // Some entry really is unmet in some shard (otherwise this test proves nothing) …
    const unmetSomewhere = shards.some((s) =>
      file.expectations.some(
        (e) =>
          e.vectors[0] !== '*' &&
          e.vectors.length > 0 &&
          !s.report.results.some((r) => r.outcome === 'xfail' && e.vectors.includes(r.vector)),
      ),
    );
    expect(unmetSomewhere).toBe(true);
    // … yet no shard calls anything stale or fails: that judgement is merge's.
    for (const shard of shards) {
      expect(shard.report.staleExpectations, shard.output).toEqual([]);
      expect(shard.exitCode, shard.output).toBe(0);
    }
    const merged = mergeReports(shards.map((s) => s.report));
    expect(merged.staleExpectations).toEqual([]);
    expect(merged.summary.ok).toBe(true);

    // An entry met in no shard is stale after the merge, and the merge fails.
    const never = {
      implementation: 'python-broken',
      environment: 'python',
      cause: 'uppercase-hex',
      explanation: 'never happens',
      vectors: [],
      property: true,
    };
    const withStale = join(work, 'with-stale.json');
    writeFileSync(
      withStale,
      JSON.stringify({ ...file, expectations: [...file.expectations, never] }),
    );
    const staleShards = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) => run(`stale-shard-${i + 1}`, withStale, i + 1)),
    );
    for (const shard of staleShards) expect(shard.exitCode, shard.output).toBe(0);
    const out = join(work, 'stale-merged.json');
    const result = await conformance(['merge', out, ...staleShards.map((s) => s.out)]);
    expect(result.exitCode).toBe(1);
    expect(read(out).staleExpectations).toEqual([
      {
        implementation: 'python-broken',
        environment: 'python',
        vector: '*',
        cause: 'uppercase-hex',
      },
    ]);
    expect(result.stdout).toContain('python-broken/python: * (uppercase-hex)');
    // And the unsharded run agrees.
    const wholeStale = await run('stale-whole', withStale);
    expect(wholeStale.exitCode).toBe(1);
    expect(wholeStale.report.staleExpectations).toEqual(read(out).staleExpectations);
  });

  test('merge refuses a partial or overlapping set of shards (exit 2)', async () => {
    const [one, two] = [join(work, 'shard-1.json'), join(work, 'shard-2.json')];
    const partial = await conformance(['merge', join(work, 'partial.json'), one, two]);
    expect(partial.exitCode).toBe(2);
    expect(partial.stderr).toContain('missing shard 3/3');
    const twice = await conformance(['merge', join(work, 'twice.json'), one, one, two]);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain('the same shard appears twice');
    const mixed = await conformance([
      'merge',
      join(work, 'mixed.json'),
      join(work, 'whole.json'),
      one,
    ]);
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toContain('got unsharded, 1/3');
  });
});
