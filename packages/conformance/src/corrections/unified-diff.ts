/**
 * Unified diffs of two texts, in the `diff -u` layout.
 *
 * @module
 */

/** Lines of unchanged context around each change, as `diff -u` does. */
const CONTEXT = 3;
/** Splits text into lines that keep their `\n` (the last may have none). */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}

function hunkLine(prefix: ' ' | '-' | '+', line: string): string {
  return line.endsWith('\n')
    ? `${prefix}${line}`
    : `${prefix}${line}\n\\ No newline at end of file\n`;
}

function range(start: number, count: number): string {
  // diff -u numbers an empty range by the line before it.
  return count === 0 ? `${start},0` : count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/** Line operations turning `a` into `b` (a longest common subsequence, as `diff` finds). */
function lineOps(
  a: readonly string[],
  b: readonly string[],
): Array<{ op: ' ' | '-' | '+'; line: string }> {
  // lengths[i][j]: LCS length of a[i..] and b[j..]; the page is small, so O(n·m) is fine.
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] =
        a[i] === b[j]
          ? ((lengths[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lengths[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const ops: Array<{ op: ' ' | '-' | '+'; line: string }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ op: ' ', line: a[i] as string });
      i++;
      j++;
    } else if (
      j < b.length &&
      (i === a.length ||
        ((lengths[i] as number[])[j + 1] as number) >= ((lengths[i + 1] as number[])[j] as number))
    ) {
      ops.push({ op: '+', line: b[j] as string });
      j++;
    } else {
      ops.push({ op: '-', line: a[i] as string });
      i++;
    }
  }
  // Within a changed run, removals first, as diff -u prints them.
  const ordered: typeof ops = [];
  let run: typeof ops = [];
  const flush = () => {
    ordered.push(...run.filter((o) => o.op === '-'), ...run.filter((o) => o.op === '+'));
    run = [];
  };
  for (const o of ops) {
    if (o.op === ' ') {
      flush();
      ordered.push(o);
    } else {
      run.push(o);
    }
  }
  flush();
  return ordered;
}

/**
 * A unified diff of two texts (`diff -u` format with `a/` and `b/` prefixes, so `patch -p1`
 * and `git apply` take it), or the empty string when they are equal.
 */
export function unifiedDiff(before: string, after: string, fileName: string): string {
  const ops = lineOps(lines(before), lines(after));
  const changed = ops.flatMap((o, index) => (o.op === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  // Runs of ops whose changes are at most 2·CONTEXT unchanged lines apart share a hunk.
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const last = hunks.at(-1);
    if (last && index - last[1] <= 2 * CONTEXT + 1) last[1] = index;
    else hunks.push([index, index]);
  }
  const out = [`--- a/${fileName}\n`, `+++ b/${fileName}\n`];
  for (const [first, last] of hunks) {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    // Line numbers: count what comes before the hunk on each side.
    const before = ops.slice(0, from);
    const oldStart = before.filter((o) => o.op !== '+').length;
    const newStart = before.filter((o) => o.op !== '-').length;
    const part = ops.slice(from, to);
    const oldCount = part.filter((o) => o.op !== '+').length;
    const newCount = part.filter((o) => o.op !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`);
    for (const o of part) out.push(hunkLine(o.op, o.line));
  }
  return out.join('');
}
