/** Expectations applied to cells: table-driven, nothing spawned. */
import { describe, expect, test } from 'vitest';
import { applyExpectation, ColumnExpectations } from '../../src/expectations/match.js';
import type { Outcome } from '../../src/model.js';
import { expectation } from './fixtures.js';

const entries = [
  expectation('shell/dash', 'echo-interprets-backslashes', ['esc-1', 'esc-2']),
  expectation('shell/dash', 'broken', ['esc-1']),
  expectation('shell/dash', 'echo-took-body-as-option', [], { tags: ['dash-option'] }),
  expectation('shell/dash', 'trailing-newlines-stripped', [], { property: true }),
  expectation('java/jdk8', 'default-charset-ascii', ['*']),
  expectation('shell/bash', 'elsewhere', ['esc-1']),
];

describe('ColumnExpectations', () => {
  const dash = new ColumnExpectations(entries, 'shell', 'dash');
  test.each([
    [
      'listed id, its cause',
      'esc-1',
      [],
      'echo-interprets-backslashes',
      'echo-interprets-backslashes',
    ],
    ['listed id, another listed cause wins by cause', 'esc-1', [], 'broken', 'broken'],
    [
      'listed id, unknown cause: the first entry covering it',
      'esc-2',
      [],
      'other',
      'echo-interprets-backslashes',
    ],
    ['by tag', 'opt-9', ['dash-option'], 'echo-took-body-as-option', 'echo-took-body-as-option'],
    ['not covered', 'plain', ['x'], 'broken', undefined],
  ] as const)('%s', (_name, vector, tags, cause, found) => {
    expect(dash.forVector(vector, tags, cause)?.cause).toBe(found);
  });

  test('a star covers every vector; other columns never leak in', () => {
    expect(new ColumnExpectations(entries, 'java', 'jdk8').forVector('any', [])?.cause).toBe(
      'default-charset-ascii',
    );
    expect(dash.entries.every((e) => e.environment === 'dash')).toBe(true);
    expect(dash.entries).toHaveLength(4);
  });

  test('property causes are those marked property', () => {
    expect([...dash.propertyCauses()]).toEqual(['trailing-newlines-stripped']);
  });
});

describe('applyExpectation', () => {
  const listed = expectation('s/e', 'c', ['v']);
  const star = expectation('s/e', 'c', ['*']);
  const tagged = expectation('s/e', 'c', [], { tags: ['t'] });
  test.each<[string, Outcome, typeof listed | undefined, string | undefined, Outcome]>([
    ['no expectation: unchanged', 'fail', undefined, 'c', 'fail'],
    ['the expected cause: xfail', 'fail', listed, 'c', 'xfail'],
    ['an error of the expected cause: xfail', 'error', listed, 'c', 'xfail'],
    ['another cause: still a failure', 'fail', listed, 'other', 'fail'],
    ['a listed vector that passes: xpass', 'pass', listed, undefined, 'xpass'],
    ['a star-listed vector that passes: xpass', 'pass', star, undefined, 'xpass'],
    ['a tag-listed vector that passes: pass (judged whole)', 'pass', tagged, undefined, 'pass'],
    ['unrepresentable stays', 'unrepresentable', listed, undefined, 'unrepresentable'],
  ])('%s', (_name, outcome, entry, cause, final) => {
    expect(applyExpectation(outcome, 'v', entry, cause)).toBe(final);
  });
});
