/**
 * Expectation updates, findings and merging, from in-memory reports: nothing spawned.
 */
import { describe, expect, test } from 'vitest';
import { isConformanceError } from '../../src/errors.js';
import { bytesField } from '../../src/reports/bytes-field.js';
import { expectationsFromReport } from '../../src/reports/expectations-update.js';
import { collectFindings } from '../../src/reports/findings.js';
import { mergeReports } from '../../src/reports/merge.js';
import type { Report } from '../../src/reports/report.js';
import { settleReport } from '../../src/reports/settle.js';
import { cell, column, expectation, properties, report } from './fixtures.js';

const C = 'shell/dash';
const previous = (entries: ReturnType<typeof expectation>[]) => ({
  formatVersion: 1,
  description: 'd',
  expectations: entries,
});

describe('expectationsFromReport', () => {
  test('one entry per column and cause; a star when every vector of the column diverges', () => {
    const r = report({
      columns: [column(C), column('java/jdk8')],
      results: [
        cell(C, 'v1', 'fail', { cause: 'a' }),
        cell(C, 'v2', 'xfail', { cause: 'a' }),
        cell(C, 'v3', 'pass'),
        cell('java/jdk8', 'v1', 'fail', { cause: 'b' }),
      ],
    });
    const { expectations } = expectationsFromReport(r, previous([]));
    expect(expectations.map((e) => [e.implementation, e.cause, e.vectors])).toEqual([
      ['shell', 'a', ['v1', 'v2']],
      ['java', 'b', ['*']],
    ]);
  });

  test("the maintainers' explanation is kept; a new cause is explained by the cell's first line", () => {
    const r = report({
      columns: [column(C)],
      results: [
        cell(C, 'v1', 'fail', { cause: 'a', detail: 'first\nsecond' }),
        cell(C, 'v2', 'fail', { cause: 'b', detail: 'new\nmore' }),
        cell(C, 'v3', 'pass'),
      ],
    });
    const { expectations } = expectationsFromReport(
      r,
      previous([expectation(C, 'a', ['v9'], { explanation: 'written by hand' })]),
    );
    expect(expectations.map((e) => e.explanation)).toEqual(['written by hand', 'new']);
  });

  test('columns that did not run keep their entries; property causes are marked', () => {
    const r = report({
      columns: [column(C), column('go/go', { available: false })],
      results: [cell(C, 'v1', 'pass')],
      properties: [properties(C, ['met'])],
    });
    const kept = expectation('go/go', 'x', ['v1']);
    const { expectations } = expectationsFromReport(
      r,
      previous([kept, expectation(C, 'gone', ['v1'])]),
    );
    expect(expectations).toEqual([
      kept,
      {
        implementation: 'shell',
        environment: 'dash',
        cause: 'met',
        explanation: 'met',
        vectors: [],
        property: true,
      },
    ]);
  });
});

describe('collectFindings', () => {
  // What the runner keeps in a failing cell: the input its finding shows.
  const input = (id: 'big' | 'small') => ({
    minimal: {
      body: bytesField(new TextEncoder().encode(id === 'big' ? 'a'.repeat(50) : 'ab')),
      secret: bytesField(new Uint8Array([1])),
    },
  });
  test('one finding per column and cause, shown with its smallest input and the known explanation', () => {
    const findings = collectFindings(
      [column(C, { runtimeVersion: 'dash 0.5' })],
      [
        cell(C, 'big', 'xfail', {
          ...input('big'),
          cause: 'c',
          explanation: 'from the expectations',
        }),
        cell(C, 'small', 'xfail', {
          ...input('small'),
          cause: 'c',
          explanation: 'from the expectations',
        }),
        cell(C, 'other', 'pass'),
      ],
      [],
      new Map(),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      cause: 'c',
      vectors: ['big', 'small'],
      minimal: { body: { text: 'ab' } },
      explanation: 'from the expectations',
      expectedFailure: true,
      outcome: 'xfail',
      runtimeVersion: 'dash 0.5',
    });
  });

  test('an unexpected cell makes the finding unexpected, with that outcome', () => {
    const [finding] = collectFindings(
      [column(C)],
      [
        cell(C, 'big', 'xfail', { ...input('big'), cause: 'c', explanation: 'as expected' }),
        cell(C, 'small', 'error', { ...input('small'), cause: 'c', explanation: 'small detail' }),
      ],
      [],
      new Map(),
    );
    expect(finding).toMatchObject({
      outcome: 'error',
      expectedFailure: false,
      // The expectations file's words for the cause, as the expected cell carries them.
      explanation: 'as expected',
    });
  });
});

describe('merging shards', () => {
  const entries = [expectation(C, 'c', ['v1', 'v2'])];
  const shard = (index: number, parts: Partial<Report>): Report =>
    report({ shard: { index, count: 2 }, columns: [column(C)], expectations: entries, ...parts });
  const one = shard(0, { results: [cell(C, 'v1', 'pass')] });
  const two = shard(1, { results: [cell(C, 'v2', 'xfail', { cause: 'c' })] });

  test('a shard alone leaves whole entries to the merge', () => {
    expect(settleReport(one).staleExpectations).toEqual([]);
  });

  test('the merge judges staleness over every shard and orders the cells', () => {
    const merged = mergeReports([two, one]);
    expect(merged.staleExpectations).toEqual([]);
    expect(merged.results.map((r) => r.vector)).toEqual(['v2', 'v1']);
    expect(merged.summary).toMatchObject({ ok: true, pass: 1, xfail: 1 });
    expect(merged.mergedFrom).toBe(2);
  });

  test('an entry no shard met is stale after the merge', () => {
    const merged = mergeReports([one, shard(1, { results: [cell(C, 'v2', 'pass')] })]);
    expect(merged.staleExpectations).toEqual([
      { implementation: 'shell', environment: 'dash', vector: '*', cause: 'c' },
    ]);
    expect(merged.summary.ok).toBe(false);
  });

  test.each([
    ['a missing shard', [one], 'missing shard 2/2'],
    ['the same shard twice', [one, one], 'the same shard appears twice'],
    ['nothing', [], 'merge needs at least one report'],
  ])('refuses %s', (_name, reports, message) => {
    let said = '';
    try {
      mergeReports(reports);
    } catch (error) {
      expect(isConformanceError(error) && error.code).toBe('ERR_CONFORMANCE_REPORT');
      said = (error as Error).message;
    }
    expect(said).toContain(message);
  });
});
