/**
 * The docs patch: a unified diff against the docs page text (`snippets/api-introduction.txt`)
 * that replaces each broken snippet's section with its correction, and a short note for the
 * page's maintainers made from a conformance report.
 *
 * @module
 */

import { sameColumn } from '../column-key.js';
import { wireTwinsOf } from '../implementations/wire/index.js';
import type { Finding, Report, ReportColumn } from '../reports/report.js';
import { type BytesShown, fullSize } from '../reports/shown-value.js';
import { visible } from '../reports/visible.js';
import { SNIPPETS, snippetInfo } from '../snippets/catalog.js';
import { extractSections, PAGE_END_HEADING, PAGE_FILE } from '../snippets/page.js';
import { readSnippet } from '../snippets/slots.js';
import { CORRECTIONS, type CorrectionInfo, readCorrection } from './catalog.js';

/** Lines of unchanged context around each change, as `diff -u` does. */
const CONTEXT = 3;

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

/** The page with every correction's section in place of the original's. */
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

/**
 * The unified diff that turns the page into {@link patchedPage}: each broken snippet's section
 * replaced by its correction.
 */
export function pagePatch(
  page: string,
  corrections: readonly CorrectionInfo[] = CORRECTIONS,
  fileName: string = PAGE_FILE,
): string {
  return unifiedDiff(page, patchedPage(page, corrections), fileName);
}

// ---------------------------------------------------------------- the maintainers' note

/** Where the evidence of a note came from, said in the note. */
export interface NoteSource {
  /** e.g. `the JSON report /tmp/run.json` or `a run made by pnm-conformance docs-patch`. */
  description: string;
}

/** What a report says about one correction: the original's findings, the correction's columns. */
export interface CorrectionEvidence {
  correction: CorrectionInfo;
  /** Divergences of the original (sign columns, and its wire columns when the report has them). */
  findings: Finding[];
  /** The original's columns in the report. */
  originalColumns: ReportColumn[];
  /** The correction's columns in the report, each with whether it agreed everywhere. */
  correctedColumns: Array<{
    column: ReportColumn;
    pass: number;
    unrepresentable: number;
    bad: number;
    propertyRuns: number;
    propertyFindings: number;
  }>;
}

/** Whether a report column checks the wire level (older reports say so in their kind only). */
function checksWire(column: ReportColumn): boolean {
  return (
    (column.checks ?? (column.implementationKind === 'wire' ? 'wire' : 'signature')) === 'wire'
  );
}

/** Implementations a correction's evidence is drawn from: the original and its wire column. */
function originalImplementations(correction: CorrectionInfo): string[] {
  return [correction.correctionOf, ...wireTwinsOf(correction.correctionOf)];
}

function correctedImplementations(correction: CorrectionInfo): string[] {
  return [correction.id, ...wireTwinsOf(correction.id)];
}

/** Gathers, per correction, what the report shows. */
export function correctionEvidence(
  report: Report,
  corrections: readonly CorrectionInfo[] = CORRECTIONS,
): CorrectionEvidence[] {
  return corrections.map((correction) => {
    const originals = originalImplementations(correction);
    const fixed = correctedImplementations(correction);
    const correctedColumns = report.columns
      .filter((column) => fixed.includes(column.implementation))
      .map((column) => {
        const cells = report.results.filter((r) => sameColumn(r, column));
        const props = report.properties.find((p) => sameColumn(p, column));
        const findings = report.propertyFindings.filter((p) => sameColumn(p, column));
        return {
          column,
          pass: cells.filter((c) => c.outcome === 'pass').length,
          unrepresentable: cells.filter((c) => c.outcome === 'unrepresentable').length,
          bad: cells.filter((c) => !['pass', 'unrepresentable'].includes(c.outcome)).length,
          propertyRuns: props?.runs ?? 0,
          propertyFindings: findings.length,
        };
      });
    return {
      correction,
      findings: report.findings.filter((f) => originals.includes(f.implementation)),
      originalColumns: report.columns.filter((c) => originals.includes(c.implementation)),
      correctedColumns,
    };
  });
}

/** Whether every corrected column in the evidence ran and agreed with the reference. */
export function correctionsProven(evidence: readonly CorrectionEvidence[]): boolean {
  return evidence.every(
    (e) =>
      e.correctedColumns.length > 0 &&
      e.correctedColumns.every(
        (c) => c.column.available && c.bad === 0 && c.propertyFindings === 0,
      ),
  );
}

function shown(bytes: BytesShown): string {
  const size = fullSize(bytes);
  if (bytes.text === undefined) {
    const hex = bytes.hex || '(empty)';
    return hex.length > 200 || bytes.size !== undefined
      ? `hex \`${hex.slice(0, 200)}…\` (${size} bytes)`
      : `hex \`${hex}\``;
  }
  const quoted = visible(bytes.text);
  const text =
    quoted.length > 100 || bytes.size !== undefined
      ? `${quoted.slice(0, 97)}…" (${size} bytes)`
      : quoted;
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
}

/**
 * The note for the page's maintainers: per broken snippet, what broke, where (environments and
 * runtime versions), the minimal input, how the corrected snippet did in the same
 * environments, and why the new code is right.
 */
export function docsPatchNote(report: Report, source: NoteSource, patchFile: string): string {
  const evidence = correctionEvidence(report);
  const out = [
    '# Corrections for the API introduction page',
    '',
    `\`${patchFile}\` replaces ${evidence.length === 1 ? 'one snippet' : `${evidence.length} snippets`} ` +
      `on the page (${evidence.map((e) => `“${snippetInfo(e.correction.correctionOf).heading}”`).join(', ')}) ` +
      'with a corrected version that stays as close to the published one as it can. Apply it to ' +
      `the page text with \`patch -p1 < ${patchFile}\` or \`git apply ${patchFile}\`.`,
    '',
    `Evidence: ${source.description} — ${report.tool.name} ${report.tool.version}, started ` +
      `${report.startedAt}, property search seed ${report.seed} with ${report.propertyRuns} cases per column. ` +
      'Every cause below was reproduced (the HMAC of the transformed input equals what the snippet produced), not guessed.',
  ];
  for (const e of evidence) {
    const original = snippetInfo(e.correction.correctionOf);
    out.push('', `## ${original.heading} (\`${original.id}\` → \`${e.correction.id}\`)`, '');
    out.push('### What broke, and where', '');
    if (e.findings.length === 0) {
      out.push(
        e.originalColumns.length === 0
          ? '_This report did not run the published snippet._'
          : '_No divergence of the published snippet in this report._',
      );
    } else {
      const causes = [...new Set(e.findings.map((f) => f.cause))];
      for (const cause of causes) {
        const found = e.findings.filter((f) => f.cause === cause);
        const smallest = [...found].sort(
          (a, b) =>
            a.minimal.body.hex.length +
            a.minimal.secret.hex.length -
            (b.minimal.body.hex.length + b.minimal.secret.hex.length),
        )[0] as Finding;
        out.push(`- **\`${cause}\`** — ${cell(smallest.explanation)}`);
        out.push(
          `  - where: ${found
            .map(
              (f) =>
                `\`${f.implementation}/${f.environment}\`${f.runtimeVersion ? ` (${cell(f.runtimeVersion)})` : ''}`,
            )
            .filter((text, index, all) => all.indexOf(text) === index)
            .join(', ')}`,
        );
        out.push(
          `  - minimal input: body ${shown(smallest.minimal.body)}, secret ${shown(smallest.minimal.secret)} — ` +
            `expected \`${smallest.expected}\`, got \`${cell(smallest.actual.split('\n')[0] ?? '').slice(0, 200)}\` ` +
            `(in \`${smallest.implementation}/${smallest.environment}\`)`,
        );
      }
    }
    out.push('', '### The corrected snippet in the same environments', '');
    if (e.correctedColumns.length === 0) {
      out.push('_This report did not run the corrected snippet._');
    } else {
      out.push('| environment | runtime | vectors | property search |', '|---|---|---|---|');
      for (const c of e.correctedColumns) {
        const vectors = !c.column.available
          ? `unavailable: ${cell(c.column.unavailableReason ?? '')}`
          : c.bad > 0
            ? `**${c.bad} diverge**, ${c.pass} agree`
            : `${c.pass} agree${c.unrepresentable > 0 ? `, ${c.unrepresentable} inputs the language cannot hold (as for the original)` : ''}`;
        const props =
          c.propertyFindings > 0
            ? `**${c.propertyFindings} found**`
            : `${c.propertyRuns} cases agree`;
        out.push(
          `| \`${c.column.implementation}/${c.column.environment}\` ${cell(c.column.environmentLabel)} | ${cell(c.column.runtimeVersion ?? '')} | ${vectors} | ${props} |`,
        );
      }
    }
    // What a column checks is a field of it, not a prefix of its id.
    const wireIds = new Set(e.originalColumns.filter(checksWire).map((c) => c.implementation));
    const wireFindings = e.findings.some((f) => wireIds.has(f.implementation));
    const wireCorrected = e.correctedColumns.some((c) => checksWire(c.column));
    if (wireFindings && !wireCorrected) {
      out.push(
        '',
        '_The request the corrected snippet sends was not checked at the wire level in this evidence (no wire column for it)._',
      );
    }
    out.push('', '### Why the new code is right', '', e.correction.rationale, '');
    out.push(`Fixes: ${e.correction.fixes.map((f) => `\`${f}\``).join(', ')}.`);
  }
  const proven = correctionsProven(evidence);
  out.push(
    '',
    proven
      ? 'Every corrected column ran and agreed with the reference on every vector and property case.'
      : '**Not every corrected column ran and agreed with the reference in this evidence: do not apply the patch on its strength.**',
    '',
  );
  return out.join('\n');
}

/** One line per correction, for the terminal: findings of the original, corrected columns agreeing. */
export function evidenceSummary(evidence: readonly CorrectionEvidence[]): string {
  return evidence
    .map(
      (e) =>
        `${e.correction.id}: ${e.findings.length} finding(s) of ${e.correction.correctionOf} in ` +
        `${new Set(e.findings.map((f) => `${f.implementation}/${f.environment}`)).size} column(s); ` +
        `${e.correctedColumns.filter((c) => c.column.available && c.bad === 0 && c.propertyFindings === 0).length}/` +
        `${e.correctedColumns.length} corrected column(s) agree`,
    )
    .join('\n');
}
