/**
 * The report view, piece by piece: the mark vocabulary and one-case states, property
 * states, finding views, where a finding was seen, matrix cells and rows, the verdict word
 * and a state's terminal colour. Table-driven; nothing spawned.
 */
import { describe, expect, test } from 'vitest';
import type { Outcome } from '../../src/model.js';
import { CELL_MARKS, type CellStateName, caseState } from '../../src/reports/cell-state.js';
import { findingView, findingViews, seenIn } from '../../src/reports/finding-view.js';
import { paintState } from '../../src/reports/paint-state.js';
import { propertyState } from '../../src/reports/property-state.js';
import type {
  Finding,
  PropertyFinding,
  PropertySummary,
  Report,
} from '../../src/reports/report.js';
import { caseMark } from '../../src/reports/sdk-matrix.js';
import type { Paint } from '../../src/reports/style.js';
import { summarize } from '../../src/reports/verdict.js';
import { incompleteLine, matrixCell, reportView, verdictWord } from '../../src/reports/view.js';
import { cell, column, properties, report } from './fixtures.js';

const C = 'shell/dash';

describe('one case marked as a cell of one', () => {
  test.each<[Outcome | undefined, CellStateName, string]>([
    [undefined, 'empty', '·'],
    ['pass', 'pass', '✓'],
    ['fail', 'fail', '✗'],
    ['xpass', 'fail', '✗'],
    ['error', 'error', '✗'],
    ['xfail', 'xfail', '≈'],
    ['unrepresentable', 'unrepresentable', '~'],
    ['unavailable', 'unavailable', 'n/a'],
  ])('%s is %s, marked %s', (outcome, state, mark) => {
    expect(caseState(outcome)).toBe(state);
    expect(caseMark(outcome)).toBe(mark);
    expect(CELL_MARKS[state]).toBe(mark);
  });

  test('the vocabulary cannot be changed from outside', () => {
    expect(Object.isFrozen(CELL_MARKS)).toBe(true);
  });
});

describe('propertyState', () => {
  const summary = (extra: Partial<PropertySummary> = {}): PropertySummary => ({
    ...properties(C),
    runs: 100,
    ...extra,
  });
  const counterexample = { implementation: 'shell', environment: 'dash' } as PropertyFinding;
  const elsewhere = { implementation: 'shell', environment: 'bash' } as PropertyFinding;

  test.each<[string, boolean, PropertySummary | undefined, string, string]>([
    ['an unavailable column', false, undefined, 'unavailable', 'n/a'],
    ['an unavailable column, even with a summary', false, summary(), 'unavailable', 'n/a'],
    ['no search (no sign capability, --runs 0)', true, undefined, 'empty', '·'],
    ['new divergences found', true, summary({ findings: 2 }), 'fail', '✗ 2 found'],
    [
      'new divergences beat known ones',
      true,
      summary({ findings: 1, expectedDivergences: 5 }),
      'fail',
      '✗ 1 found',
    ],
    ['only known divergences', true, summary({ expectedDivergences: 3 }), 'xfail', '≈ 100 runs'],
    ['every case agreed', true, summary(), 'pass', '✓ 100 runs'],
    [
      'unrepresentable cases do not fail it',
      true,
      summary({ unrepresentable: 9 }),
      'pass',
      '✓ 100 runs',
    ],
  ])('%s', (_, available, found, state, text) => {
    const view = propertyState(
      { properties: found ? [found] : [], propertyFindings: [counterexample, elsewhere] },
      column(C, { available }),
    );
    expect(view).toMatchObject({ state, text });
    expect(view.summary).toEqual(found);
    // The column's own counterexamples, whatever its state: JUnit lists them under a failure.
    expect(view.findings).toEqual([counterexample]);
  });

  test('the title gives the figures, or says no search ran', () => {
    const figures = summary({ findings: 1, expectedDivergences: 2, unrepresentable: 3 });
    expect(propertyState({ properties: [figures], propertyFindings: [] }, column(C)).title).toBe(
      '100 generated cases · 1 new findings · 2 known divergences · 3 unrepresentable',
    );
    expect(propertyState({ properties: [], propertyFindings: [] }, column(C)).title).toBe(
      'no property search',
    );
  });
});

const finding = (extra: Partial<Finding> = {}): Finding => ({
  implementation: 'shell',
  environment: 'dash',
  environmentLabel: 'dash (C locale)',
  outcome: 'fail',
  cause: 'trailing-newlines-stripped',
  explanation: 'echo drops it',
  vectors: ['v1'],
  minimal: { body: { hex: '610a', text: 'a\n' }, secret: { hex: 'ff' } },
  expected: 'e',
  actual: 'a',
  expectedFailure: false,
  ...extra,
});

const replayOf = (cause: string | undefined, seed: number) =>
  ({
    implementation: 'shell',
    environment: 'dash',
    seed,
    path: `${seed}:0`,
    vector: { id: `v-${seed}` },
    ...(cause === undefined ? {} : { cause }),
  }) as unknown as PropertyFinding;

describe('findingView', () => {
  test.each<[string, Partial<Finding>, Record<string, unknown>]>([
    ['a new divergence', {}, { status: 'new', property: false }],
    [
      'a known one',
      { expectedFailure: true, outcome: 'xfail' },
      { status: 'known', outcome: 'xfail' },
    ],
    ['with its runtime', { runtimeVersion: 'dash 0.5' }, { runtimeVersion: 'dash 0.5' }],
    ['with its correction', { correction: 'printf' }, { correction: 'printf' }],
    ['found by the property search', { vectors: ['property'] }, { property: true }],
  ])('%s', (_, extra, want) => {
    expect(findingView(finding(extra))).toMatchObject({
      column: 'shell/dash',
      implementation: 'shell',
      environmentLabel: 'dash (C locale)',
      cause: 'trailing-newlines-stripped',
      explanation: 'echo drops it',
      expected: 'e',
      actual: 'a',
      ...want,
    });
  });

  test('shows its minimal bytes with their length, text only when they were UTF-8', () => {
    const view = findingView(finding());
    expect(view.body).toEqual({ hex: '610a', text: 'a\n', length: 2, cutNote: '' });
    expect(view.secret).toEqual({ hex: 'ff', length: 1, cutNote: '' });
    expect(
      findingView(finding({ minimal: { body: { hex: '' }, secret: { hex: '' } } })).body,
    ).toEqual({ hex: '', length: 0, cutNote: '' });
  });

  test('a cut input says its full length and how much of it is shown', () => {
    const view = findingView(
      finding({ minimal: { body: { hex: '6162', text: 'ab', size: 9000 }, secret: { hex: '' } } }),
    );
    expect(view.body).toEqual({
      hex: '6162',
      text: 'ab',
      length: 9000,
      cutNote: ' (the first 2 of 9000 bytes)',
    });
  });

  test.each<[string, Partial<Finding>, PropertyFinding[], number | undefined]>([
    [
      'a property finding replays its own cause',
      { vectors: ['property'] },
      [replayOf('other', 1), replayOf('trailing-newlines-stripped', 2)],
      2,
    ],
    [
      'an unnamed cause is `unexplained`',
      { vectors: ['property'], cause: 'unexplained' },
      [replayOf(undefined, 3)],
      3,
    ],
    [
      'no counterexample of its cause: no replay',
      { vectors: ['property'] },
      [replayOf('other', 1)],
      undefined,
    ],
    ['a vector finding has none', {}, [replayOf('trailing-newlines-stripped', 2)], undefined],
  ])('%s', (_, extra, counterexamples, seed) => {
    const view = findingView(finding(extra), counterexamples);
    expect(view.replay?.seed).toBe(seed);
    if (seed !== undefined)
      expect(view.replay).toEqual({ seed, path: `${seed}:0`, vector: { id: `v-${seed}` } });
  });

  test('the tags of the vectors it was seen in, each once, sorted', () => {
    const tags = new Map([
      ['v1', ['newline', 'ascii']],
      ['v2', ['ascii', 'long']],
    ]);
    expect(findingView(finding({ vectors: ['v1', 'v2', 'unknown'] }), [], tags).tags).toEqual([
      'ascii',
      'long',
      'newline',
    ]);
  });

  test('findingViews takes the tags from the results and keeps the order of the findings', () => {
    const r = {
      findings: [finding({ cause: 'b', vectors: ['v2'] }), finding({ cause: 'a' })],
      results: [cell(C, 'v1', 'fail', { tags: ['x'] }), cell(C, 'v2', 'fail', { tags: ['y'] })],
      propertyFindings: [],
    };
    expect(findingViews(r).map((v) => [v.cause, v.tags])).toEqual([
      ['b', ['y']],
      ['a', ['x']],
    ]);
  });
});

describe('seenIn', () => {
  const vectors = (n: number) => Array.from({ length: n }, (_, i) => `v${i + 1}`);
  test.each<[string, boolean, string[], number, string]>([
    ['the property search', true, ['property'], 4, 'found by the property search'],
    ['one vector', false, ['v1'], 4, '1 vector: v1'],
    ['all of a few', false, vectors(4), 4, '4 vectors: v1, v2, v3, v4'],
    [
      'the first of many, and how many more',
      false,
      vectors(6),
      4,
      '6 vectors: v1, v2, v3, v4, … (2 more)',
    ],
    ['as many as asked for', false, vectors(6), 12, '6 vectors: v1, v2, v3, v4, v5, v6'],
  ])('%s', (_, property, list, atMost, text) => {
    expect(seenIn({ property, vectors: list }, atMost)).toBe(text);
  });
});

describe('matrixCell and reportView', () => {
  test.each<[string, Outcome[], string, string]>([
    ['no results', [], 'empty', '·'],
    ['passes and an unrepresentable', ['pass', 'pass', 'unrepresentable'], 'pass', '✓ 2 ~1'],
    ['only unrepresentable', ['unrepresentable', 'unrepresentable'], 'unrepresentable', '~2'],
    ['a stale expectation fails it', ['pass', 'xpass'], 'fail', '✗ 1/2'],
  ])('a cell of %s', (_, outcomes, state, text) => {
    const results = outcomes.map((o, i) => cell(C, `v${i}`, o));
    const view = matrixCell('edge-cases', results);
    expect(view.state).toMatchObject({ state, text });
    expect(view.results).toBe(results);
    // Every outcome counted, zero included: the HTML cell's data attributes.
    expect(Object.keys(view.counts).sort()).toEqual([
      'error',
      'fail',
      'pass',
      'unavailable',
      'unrepresentable',
      'xfail',
      'xpass',
    ]);
    expect(Object.values(view.counts).reduce((a, b) => a + b, 0)).toBe(outcomes.length);
  });

  test('one row per column in order, one cell per group (empty ones too), results in report order', () => {
    const results = [
      cell('b/x', 'call-1', 'pass', { group: 'calls' }),
      cell('a/x', 'v1', 'fail'),
      cell('b/x', 'v1', 'pass'),
      cell('b/x', 'call-2', 'xfail', { group: 'calls' }),
    ];
    const r = report({
      columns: [column('a/x'), column('b/x')],
      results,
      properties: [properties('b/x')],
    });
    const view = reportView(r);
    expect(view.groups).toEqual(['edge-cases', 'calls']);
    expect(view.rows.map((row) => row.column.id)).toEqual(['a/x', 'b/x']);
    expect(view.rows.map((row) => row.cells.map((c) => c.state.text))).toEqual([
      ['✗ 1/1', '·'],
      ['✓ 1', '≈ 1/2'],
    ]);
    expect(view.rows[1]?.results).toEqual([results[0], results[2], results[3]]);
    expect(view.rows.map((row) => row.property.state)).toEqual(['empty', 'pass']);
    expect(view.findings).toEqual([]);
  });
});

describe('the verdict', () => {
  const judged = [column(C)];
  const failing = [cell(C, 'v1', 'fail')];
  const passing = [cell(C, 'v1', 'pass')];
  const missing = column('php/utf8', {
    available: false,
    install: 'apt-get install php-cli',
  });
  const missingToo = column('ruby/utf8', { available: false, install: 'apt-get install ruby' });
  const sdk = column('plugnmeet-sdk-js/node', { available: false, install: 'npm install x' });
  test.each<[string, Partial<Omit<Report, 'summary'>>, string | undefined, string, boolean]>([
    ['divergences', { columns: judged, results: failing }, undefined, 'FAILED', false],
    ['an interrupt', { columns: judged, results: passing }, 'SIGINT', 'INTERRUPTED', false],
    ['nothing judged', { columns: [] }, undefined, 'NOTHING JUDGED', false],
    ['an interrupt before nothing judged', { columns: [] }, 'SIGTERM', 'INTERRUPTED', false],
    ['every column ran and agreed', { columns: judged, results: passing }, undefined, 'OK', true],
    [
      'a column was unavailable: never a plain OK, though the exit stays 0',
      { columns: [...judged, missing], results: passing },
      undefined,
      'INCOMPLETE',
      true,
    ],
    [
      'a column was unavailable under --require-all',
      { columns: [...judged, missing], results: passing, requireAll: true },
      undefined,
      'INCOMPLETE',
      false,
    ],
    [
      'a divergence beside an unavailable column',
      { columns: [...judged, missing], results: failing },
      undefined,
      'FAILED',
      false,
    ],
  ])('%s', (_, parts, interrupted, word, ok) => {
    const base = report(parts);
    const summary = summarize(base, interrupted);
    expect(summary.verdict).toBe(word);
    expect(verdictWord(summary)).toBe(word);
    expect(summary.ok).toBe(ok);
  });

  test('an incomplete run says how many columns and the one line that installs them', () => {
    const summary = report({
      columns: [column(C), missing, missingToo, sdk],
      results: [cell(C, 'v1', 'pass')],
    }).summary;
    expect(summary.incomplete).toEqual({
      unavailableColumns: 3,
      columns: 4,
      install: ['apt-get install php-cli ruby', 'npm install x'],
    });
    expect(incompleteLine(summary)).toBe(
      '3 of 4 columns unavailable, not judged; install: apt-get install php-cli ruby; npm install x',
    );
  });

  test('a report of an older version, without a verdict, is read from ok', () => {
    const { verdict: _, ...old } = report({ columns: judged, results: failing }).summary;
    expect(verdictWord(old)).toBe('FAILED');
    expect(verdictWord({ ...old, interrupted: 'SIGHUP' })).toBe('INTERRUPTED');
  });
});

describe('paintState', () => {
  const tag: Paint = {
    green: (t) => `green(${t})`,
    red: (t) => `red(${t})`,
    yellow: (t) => `yellow(${t})`,
    dim: (t) => `dim(${t})`,
    bold: (t) => `bold(${t})`,
  };
  test.each<[CellStateName, string]>([
    ['fail', 'red(x)'],
    ['error', 'red(x)'],
    ['xfail', 'yellow(x)'],
    ['pass', 'green(x)'],
    ['unrepresentable', 'dim(x)'],
    ['unavailable', 'dim(x)'],
    ['empty', 'dim(x)'],
  ])('%s', (state, painted) => {
    expect(paintState(state, 'x', tag)).toBe(painted);
  });
});
