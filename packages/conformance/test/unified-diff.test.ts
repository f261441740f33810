import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { unifiedDiff } from '../src/corrections/unified-diff.js';

const work = mkdtempSync(join(tmpdir(), 'pnm-unified-diff-'));
const numbered = (n: number, changed: readonly number[] = []) =>
  Array.from({ length: n }, (_, i) => `${changed.includes(i) ? 'X' : 'l'}${i}\n`).join('');

// The cases a line diff gets wrong most easily: empty sides, last lines without a newline,
// CR before LF, repeated lines, and changes just inside and just outside one hunk's reach.
const CASES: Record<string, [before: string, after: string]> = {
  'a file made from nothing': ['', 'a\nb\n'],
  'a file emptied': ['a\nb\n', ''],
  'no newline on either side': ['a', 'b'],
  'the last newline dropped': ['a\n', 'a'],
  'a last newline added': ['a', 'a\n'],
  'a line after a last line without newline': ['a', 'a\nb'],
  'CRLF lines': ['a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
  'only a CR added': ['a\nb\n', 'a\r\nb\n'],
  'repeated lines moved': ['a\nb\na\nb\n', 'b\na\nb\na\n'],
  'blank lines': ['\n\n\n', '\n\nx\n\n'],
  'two changes 6 lines apart (one hunk)': [numbered(30), numbered(30, [2, 9])],
  'two changes 7 lines apart (two hunks)': [numbered(30), numbered(30, [2, 10])],
  'changes far apart': [numbered(30), numbered(30, [2, 25])],
};

/** What GNU `diff -u` writes for the same two texts, with the same file names. */
async function gnuDiff(dir: string, before: string, after: string): Promise<string> {
  writeFileSync(join(dir, 'before'), before);
  writeFileSync(join(dir, 'after'), after);
  const labels = ['--label', 'a/page.txt', '--label', 'b/page.txt'];
  const result = await execa('diff', ['-u', ...labels, 'before', 'after'], {
    cwd: dir,
    reject: false,
    stripFinalNewline: false,
  });
  expect(result.exitCode, result.stderr).toBeLessThan(2);
  return result.stdout;
}

describe('unifiedDiff', () => {
  test.each(Object.entries(CASES))(
    '%s: patch -p1 and git apply turn before into after',
    async (name, [before, after]) => {
      const dir = mkdtempSync(join(work, 'case-'));
      const patch = unifiedDiff(before, after, 'page.txt');
      writeFileSync(join(dir, 'docs.patch'), patch);

      writeFileSync(join(dir, 'page.txt'), before);
      const patched = await execa('patch', ['-p1', '--fuzz=0', '-i', 'docs.patch'], {
        cwd: dir,
        reject: false,
      });
      expect(patched.exitCode, `${name}\n${patched.stdout}\n${patched.stderr}`).toBe(0);
      expect(patched.stdout).not.toMatch(/offset|fuzz/i);
      expect(readFileSync(join(dir, 'page.txt'), 'utf8')).toBe(after);

      writeFileSync(join(dir, 'page.txt'), before);
      await execa('git', ['init', '-q'], { cwd: dir });
      const applied = await execa('git', ['apply', 'docs.patch'], { cwd: dir, reject: false });
      expect(applied.exitCode, applied.stderr).toBe(0);
      expect(readFileSync(join(dir, 'page.txt'), 'utf8')).toBe(after);
    },
  );

  test.each(Object.entries(CASES))(
    '%s: the hunks diff -u writes',
    async (_name, [before, after]) => {
      const dir = mkdtempSync(join(work, 'gnu-'));
      // jsdiff writes a one-line range as `N,1` where diff -u writes `N`: the unified format
      // allows both (the count defaults to 1), so only that spelling is made the same.
      const oneLineRanges = (text: string) =>
        text.replace(/^@@ -(\d+),1 \+/gm, '@@ -$1 +').replace(/^(@@ -\S+ \+\d+),1 @@/gm, '$1 @@');
      expect(oneLineRanges(unifiedDiff(before, after, 'page.txt'))).toBe(
        await gnuDiff(dir, before, after),
      );
    },
  );

  test('equal texts give no patch at all, as diff -u gives none', async () => {
    const dir = mkdtempSync(join(work, 'equal-'));
    expect(await gnuDiff(dir, 'a\nb', 'a\nb')).toBe('');
    expect(unifiedDiff('a\nb', 'a\nb', 'page.txt')).toBe('');
    expect(unifiedDiff('', '', 'page.txt')).toBe('');
  });
});
