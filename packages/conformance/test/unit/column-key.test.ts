/** Column identity: one key shape, made in one module and never parsed back. */
import { describe, expect, test } from 'vitest';
import { cellKey, columnKey, sameColumn } from '../../src/column-key.js';

describe('column keys', () => {
  test.each([
    [{ implementation: 'shell', environment: 'dash' }, 'shell/dash'],
    [{ implementation: 'java', environment: 'jdk17-c-locale' }, 'java/jdk17-c-locale'],
    [{ implementation: 'some-sdk', environment: 'a/b' }, 'some-sdk/a/b'],
  ])('%o is %s', (ref, key) => {
    expect(columnKey(ref)).toBe(key);
  });

  test('cell keys keep their parts apart; sameColumn compares both halves', () => {
    const ref = { implementation: 'shell', environment: 'dash' };
    expect(cellKey(ref, 'v', 'c')).toBe('shell/dash\u0000v\u0000c');
    expect(sameColumn(ref, { ...ref })).toBe(true);
    expect(sameColumn(ref, { ...ref, environment: 'bash' })).toBe(false);
  });
});
