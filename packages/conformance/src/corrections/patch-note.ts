/**
 * The note for the docs page's maintainers that goes with the docs patch, made from a
 * conformance report: per broken snippet, what broke and where, how the corrected snippet did
 * in the same environments, and why the new code is right.
 *
 * @module
 */
import type { Finding, Report, ReportColumn } from '../reports/report.js';
import { snippetInfo } from '../snippets/catalog.js';
import {
  type CorrectedColumnEvidence,
  type CorrectionEvidence,
  correctionEvidence,
  correctionsProven,
} from './evidence.js';
import { cellText, shownBytes } from './note-text.js';

/** Where the evidence of a note came from, said in the note. */
export interface NoteSource {
  /** e.g. `the JSON report /tmp/run.json` or `a run made by pnm-conformance docs-patch`. */
  description: string;
}

/** Whether a report column checks the wire level (older reports say so in their kind only). */
function checksWire(column: ReportColumn): boolean {
  return (
    (column.checks ?? (column.implementationKind === 'wire' ? 'wire' : 'signature')) === 'wire'
  );
}

function introduction(
  report: Report,
  evidence: CorrectionEvidence[],
  source: NoteSource,
  patchFile: string,
): string[] {
  return [
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
}

/** One cause of the original: its explanation, every column it showed in, its smallest input. */
function causeLines(found: Finding[]): string[] {
  const smallest = [...found].sort(
    (a, b) =>
      a.minimal.body.hex.length +
      a.minimal.secret.hex.length -
      (b.minimal.body.hex.length + b.minimal.secret.hex.length),
  )[0] as Finding;
  const where = found
    .map(
      (f) =>
        `\`${f.implementation}/${f.environment}\`${f.runtimeVersion ? ` (${cellText(f.runtimeVersion)})` : ''}`,
    )
    .filter((text, index, all) => all.indexOf(text) === index)
    .join(', ');
  return [
    `- **\`${smallest.cause}\`** — ${cellText(smallest.explanation)}`,
    `  - where: ${where}`,
    `  - minimal input: body ${shownBytes(smallest.minimal.body)}, secret ${shownBytes(smallest.minimal.secret)} — ` +
      `expected \`${smallest.expected}\`, got \`${cellText(smallest.actual.split('\n')[0] ?? '').slice(0, 200)}\` ` +
      `(in \`${smallest.implementation}/${smallest.environment}\`)`,
  ];
}

function whatBroke(e: CorrectionEvidence): string[] {
  if (e.findings.length === 0) {
    return [
      e.originalColumns.length === 0
        ? '_This report did not run the published snippet._'
        : '_No divergence of the published snippet in this report._',
    ];
  }
  const causes = [...new Set(e.findings.map((f) => f.cause))];
  return causes.flatMap((cause) => causeLines(e.findings.filter((f) => f.cause === cause)));
}

function correctedRow(c: CorrectedColumnEvidence): string {
  const vectors = !c.column.available
    ? `unavailable: ${cellText(c.column.unavailableReason ?? '')}`
    : c.bad > 0
      ? `**${c.bad} diverge**, ${c.pass} agree`
      : `${c.pass} agree${c.unrepresentable > 0 ? `, ${c.unrepresentable} inputs the language cannot hold (as for the original)` : ''}`;
  const props =
    c.propertyFindings > 0 ? `**${c.propertyFindings} found**` : `${c.propertyRuns} cases agree`;
  return `| \`${c.column.implementation}/${c.column.environment}\` ${cellText(c.column.environmentLabel)} | ${cellText(c.column.runtimeVersion ?? '')} | ${vectors} | ${props} |`;
}

function correctedTable(e: CorrectionEvidence): string[] {
  if (e.correctedColumns.length === 0) return ['_This report did not run the corrected snippet._'];
  return [
    '| environment | runtime | vectors | property search |',
    '|---|---|---|---|',
    ...e.correctedColumns.map(correctedRow),
  ];
}

/** Said when the original broke on the wire but the corrected request was never sent there. */
function wireCaveat(e: CorrectionEvidence): string[] {
  // What a column checks is a field of it, not a prefix of its id.
  const wireIds = new Set(e.originalColumns.filter(checksWire).map((c) => c.implementation));
  const wireFindings = e.findings.some((f) => wireIds.has(f.implementation));
  const wireCorrected = e.correctedColumns.some((c) => checksWire(c.column));
  return wireFindings && !wireCorrected
    ? [
        '',
        '_The request the corrected snippet sends was not checked at the wire level in this evidence (no wire column for it)._',
      ]
    : [];
}

function correctionSection(e: CorrectionEvidence): string[] {
  const original = snippetInfo(e.correction.correctionOf);
  return [
    '',
    `## ${original.heading} (\`${original.id}\` → \`${e.correction.id}\`)`,
    '',
    '### What broke, and where',
    '',
    ...whatBroke(e),
    '',
    '### The corrected snippet in the same environments',
    '',
    ...correctedTable(e),
    ...wireCaveat(e),
    '',
    '### Why the new code is right',
    '',
    e.correction.rationale,
    '',
    `Fixes: ${e.correction.fixes.map((f) => `\`${f}\``).join(', ')}.`,
  ];
}

/**
 * The note for the page's maintainers: per broken snippet, what broke, where (environments and
 * runtime versions), the minimal input, how the corrected snippet did in the same
 * environments, and why the new code is right. It ends by saying whether the evidence proves
 * every correction, and warns against applying the patch when it does not.
 *
 * @throws Never.
 * @example
 * ```ts
 * const note = docsPatchNote(report, { description: 'the JSON report `run.json`' }, 'api-introduction.patch');
 * writeFileSync('NOTE.md', note);
 * ```
 */
export function docsPatchNote(report: Report, source: NoteSource, patchFile: string): string {
  const evidence = correctionEvidence(report);
  return [
    ...introduction(report, evidence, source, patchFile),
    ...evidence.flatMap(correctionSection),
    '',
    correctionsProven(evidence)
      ? 'Every corrected column ran and agreed with the reference on every vector and property case.'
      : '**Not every corrected column ran and agreed with the reference in this evidence: do not apply the patch on its strength.**',
    '',
  ].join('\n');
}
