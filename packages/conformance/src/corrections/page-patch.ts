/**
 * The docs patch: the docs page text (`snippets/api-introduction.txt`) with each broken
 * snippet's section replaced by its correction, and the unified diff that makes that change.
 *
 * @module
 */
import { SNIPPETS, snippetInfo } from '../snippets/catalog.js';
import { extractSections, PAGE_END_HEADING, PAGE_FILE } from '../snippets/page.js';
import { readSnippet } from '../snippets/slots.js';
import { CORRECTIONS, type CorrectionInfo, readCorrection } from './catalog.js';
import { unifiedDiff } from './unified-diff.js';

interface Replacement {
  /** Index of the section's first line (the line after its heading). */
  start: number;
  oldLines: string[];
  newLines: string[];
}

/** Splits text into lines that keep their `\n` (the last may have none). */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}

/**
 * Where each correction's section sits on the page, checked: the section must still be the
 * published snippet byte for byte (else the page changed and the patch would be a guess).
 *
 * @throws Error when a section is missing or no longer equals the stored original.
 */
function replacements(page: string, corrections: readonly CorrectionInfo[]): Replacement[] {
  const headings = SNIPPETS.map((snippet) => snippet.heading);
  const sections = extractSections(page, headings, PAGE_END_HEADING);
  const pageLines = lines(page);
  return corrections
    .map((correction) => {
      const original = snippetInfo(correction.correctionOf);
      const text = sections.get(original.heading);
      if (text !== readSnippet(original)) {
        throw new Error(
          `the page's "${original.heading}" section is not the stored ${original.file}: the page changed`,
        );
      }
      const start = pageLines.indexOf(`${original.heading}\n`) + 1;
      return { start, oldLines: lines(text), newLines: lines(readCorrection(correction)) };
    })
    .sort((a, b) => a.start - b.start);
}

/**
 * The page with every correction's section in place of the original's.
 *
 * @throws Error when the page lost a snippet heading, or a corrected section is no longer the
 *   stored published snippet (the page changed: the patch would be a guess).
 * @example
 * ```ts
 * const corrected = patchedPage(readPage());
 * ```
 */
export function patchedPage(
  page: string,
  corrections: readonly CorrectionInfo[] = CORRECTIONS,
): string {
  const pageLines = lines(page);
  const out: string[] = [];
  let at = 0;
  for (const r of replacements(page, corrections)) {
    out.push(...pageLines.slice(at, r.start), ...r.newLines);
    at = r.start + r.oldLines.length;
  }
  out.push(...pageLines.slice(at));
  return out.join('');
}

/**
 * The unified diff that turns the page into {@link patchedPage}: each broken snippet's section
 * replaced by its correction.
 *
 * @throws Error as {@link patchedPage} does, when the page changed.
 * @example
 * ```ts
 * writeFileSync('api-introduction.patch', pagePatch(readPage())); // then: patch -p1 < it
 * ```
 */
export function pagePatch(
  page: string,
  corrections: readonly CorrectionInfo[] = CORRECTIONS,
  fileName: string = PAGE_FILE,
): string {
  return unifiedDiff(page, patchedPage(page, corrections), fileName);
}
