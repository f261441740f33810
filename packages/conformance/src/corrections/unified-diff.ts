/**
 * Unified diffs of two texts, written by jsdiff (`diff`) in the `diff -u` layout.
 *
 * @module
 */
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';

/** Lines of unchanged context around each change, as `diff -u` does (jsdiff's default is 4). */
const CONTEXT = 3;

/**
 * A unified diff of two texts (`diff -u` format with `a/` and `b/` prefixes, so `patch -p1`
 * and `git apply` take it), or the empty string when they are equal. A last line without a
 * newline is marked `\ No newline at end of file`, as `diff -u` marks it.
 *
 * @throws Never.
 * @example
 * ```ts
 * unifiedDiff('a\nb\n', 'a\nc\n', 'page.txt');
 * // '--- a/page.txt\n+++ b/page.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n'
 * ```
 */
export function unifiedDiff(before: string, after: string, fileName: string): string {
  const patch = structuredPatch(
    `a/${fileName}`,
    `b/${fileName}`,
    before,
    after,
    undefined,
    undefined,
    {
      context: CONTEXT,
    },
  );
  // jsdiff writes the two file headers even with no hunk; `diff -u` writes nothing then.
  if (patch.hunks.length === 0) return '';
  // Without the `Index:` line and the `====` rule jsdiff puts above them by default.
  return formatPatch(patch, FILE_HEADERS_ONLY);
}
