/** Staleness and the verdict, judged from results alone: one rule for runs and merges. */
import { describe, expect, test } from 'vitest';
import { nothingJudged, staleFromResults, summarize } from '../../src/reports/verdict.js';
import { cell, column, expectation, properties, report } from './fixtures.js';

const C = 'shell/dash';

describe('staleFromResults', () => {
  test.each([
    [
      'an xpass cell is stale cell by cell, and its unmet entry as a whole',
      { results: [cell(C, 'v1', 'xpass')] },
      [expectation(C, 'c', ['v1'])],
      [
        { implementation: 'shell', environment: 'dash', vector: 'v1', cause: 'c' },
        { implementation: 'shell', environment: 'dash', vector: '*', cause: 'c' },
      ],
    ],
    [
      'an entry met by an xfail of its cause is not stale',
      { results: [cell(C, 'v1', 'xfail', { cause: 'c' })] },
      [expectation(C, 'c', ['v1'])],
      [],
    ],
    [
      'an entry none of whose vectors diverged is stale as a whole',
      { results: [cell(C, 'v1', 'pass')] },
      [expectation(C, 'c', ['v1'], { tags: ['t'] })],
      [{ implementation: 'shell', environment: 'dash', vector: '*', cause: 'c' }],
    ],
    [
      'an entry whose vectors did not run cannot be judged',
      { results: [cell(C, 'other', 'pass')] },
      [expectation(C, 'c', ['v1'])],
      [],
    ],
    [
      'a property entry met by the search is not stale',
      { results: [], properties: [properties(C, ['c'])] },
      [expectation(C, 'c', [], { property: true })],
      [],
    ],
    [
      'a property entry the search did not meet is stale',
      { results: [], properties: [properties(C, [])] },
      [expectation(C, 'c', [], { property: true })],
      [{ implementation: 'shell', environment: 'dash', vector: '*', cause: 'c' }],
    ],
    [
      'an unavailable column judges nothing',
      { columns: [column(C, { available: false })], results: [cell(C, 'v1', 'unavailable')] },
      [expectation(C, 'c', ['v1'])],
      [],
    ],
  ])('%s', (_name, parts, expectations, stale) => {
    const judged = { columns: [column(C)], properties: [], ...parts };
    expect(staleFromResults(judged, expectations)).toEqual(stale);
  });

  test('a shard leaves whole entries to the merge, but keeps xpass cells', () => {
    const judged = { columns: [column(C)], results: [cell(C, 'v1', 'xpass')], properties: [] };
    const entries = [expectation(C, 'c', ['v1']), expectation(C, 'd', ['v1'])];
    expect(staleFromResults(judged, entries, false)).toEqual([
      { implementation: 'shell', environment: 'dash', vector: 'v1', cause: 'c' },
    ]);
  });
});

describe('the verdict', () => {
  test.each([
    ['all pass', { results: [cell(C, 'v', 'pass')] }, true],
    ['an expected failure', { results: [cell(C, 'v', 'xfail')] }, true],
    ['a failure', { results: [cell(C, 'v', 'fail')] }, false],
    ['an error', { results: [cell(C, 'v', 'error')] }, false],
    ['an xpass', { results: [cell(C, 'v', 'xpass')] }, false],
    [
      'a stale expectation',
      {
        results: [cell(C, 'v', 'pass')],
        staleExpectations: [
          { implementation: 'shell', environment: 'dash', vector: '*', cause: 'c' },
        ],
      },
      false,
    ],
    [
      'unavailable is fine without --require-all',
      {
        columns: [column(C), column('go/go', { available: false })],
        results: [cell(C, 'v', 'pass')],
      },
      true,
    ],
    [
      'unavailable fails with --require-all',
      {
        columns: [column(C), column('go/go', { available: false })],
        results: [cell(C, 'v', 'pass')],
        requireAll: true,
      },
      false,
    ],
    ['nothing judged', { results: [cell(C, 'v', 'unavailable')] }, false],
  ])('%s', (_name, parts, ok) => {
    expect(report({ columns: [column(C)], ...parts }).summary.ok).toBe(ok);
  });

  test('an interrupted run is never OK, and says why', () => {
    const base = report({ columns: [column(C)], results: [cell(C, 'v', 'pass')] });
    expect(summarize(base, 'SIGINT')).toMatchObject({ ok: false, interrupted: 'SIGINT', pass: 1 });
  });

  test.each([
    ['no column', { columns: [], results: [] }, 'no column was selected (see --only and --skip)'],
    [
      'every column unavailable',
      { columns: [column(C, { available: false })], results: [] },
      'every selected column was unavailable',
    ],
    ['a shard is exempt', { columns: [], results: [], shard: { index: 0, count: 2 } }, undefined],
  ])('nothing judged: %s', (_name, parts, why) => {
    expect(nothingJudged(parts)).toBe(why);
  });
});
