/**
 * What a conformance report says about each correction: the published snippet's findings and
 * how the corrected snippet's columns did, the evidence the docs patch stands on.
 *
 * @module
 */
import { sameColumn } from '../column-key.js';
import type { Finding, Report, ReportColumn } from '../reports/report.js';
import { CORRECTIONS, type CorrectionInfo } from './catalog.js';

/** How one of the correction's columns did in the report. */
export interface CorrectedColumnEvidence {
  column: ReportColumn;
  pass: number;
  unrepresentable: number;
  bad: number;
  propertyRuns: number;
  propertyFindings: number;
}

/** What a report says about one correction: the original's findings, the correction's columns. */
export interface CorrectionEvidence {
  correction: CorrectionInfo;
  /** Divergences of the original (sign columns, and its wire columns when the report has them). */
  findings: Finding[];
  /** The original's columns in the report. */
  originalColumns: ReportColumn[];
  /** The correction's columns in the report, each with whether it agreed everywhere. */
  correctedColumns: CorrectedColumnEvidence[];
}

/**
 * A snippet's own id and the ids of the wire levels judged from its runs (as the report's
 * columns say): the columns that speak for it.
 */
function withWireLevels(report: Report, implementation: string): string[] {
  const levels = report.columns.filter((c) => c.wireLevelOf === implementation);
  return [implementation, ...levels.map((c) => c.implementation)];
}

function correctedColumn(report: Report, column: ReportColumn): CorrectedColumnEvidence {
  const cells = report.results.filter((r) => sameColumn(r, column));
  const props = report.properties.find((p) => sameColumn(p, column));
  return {
    column,
    pass: cells.filter((c) => c.outcome === 'pass').length,
    unrepresentable: cells.filter((c) => c.outcome === 'unrepresentable').length,
    bad: cells.filter((c) => !['pass', 'unrepresentable'].includes(c.outcome)).length,
    propertyRuns: props?.runs ?? 0,
    propertyFindings: report.propertyFindings.filter((p) => sameColumn(p, column)).length,
  };
}

/**
 * Gathers, per correction, what the report shows.
 *
 * @throws Never.
 * @example
 * ```ts
 * const evidence = correctionEvidence(readJsonReport('report.json'));
 * evidence[0]?.findings.map((f) => f.cause);
 * ```
 */
export function correctionEvidence(
  report: Report,
  corrections: readonly CorrectionInfo[] = CORRECTIONS,
): CorrectionEvidence[] {
  return corrections.map((correction) => {
    const originals = withWireLevels(report, correction.correctionOf);
    const fixed = withWireLevels(report, correction.id);
    return {
      correction,
      findings: report.findings.filter((f) => originals.includes(f.implementation)),
      originalColumns: report.columns.filter((c) => originals.includes(c.implementation)),
      correctedColumns: report.columns
        .filter((column) => fixed.includes(column.implementation))
        .map((column) => correctedColumn(report, column)),
    };
  });
}

/** Whether one corrected column ran and agreed on every vector and property case. */
function agreed(c: CorrectedColumnEvidence): boolean {
  return c.column.available && c.bad === 0 && c.propertyFindings === 0;
}

/**
 * Whether every corrected column in the evidence ran and agreed with the reference.
 *
 * @throws Never.
 * @example
 * ```ts
 * process.exitCode = correctionsProven(correctionEvidence(report)) ? 0 : 1;
 * ```
 */
export function correctionsProven(evidence: readonly CorrectionEvidence[]): boolean {
  return evidence.every((e) => e.correctedColumns.length > 0 && e.correctedColumns.every(agreed));
}

/**
 * One line per correction, for the terminal: findings of the original, corrected columns agreeing.
 *
 * @throws Never.
 * @example
 * ```ts
 * evidenceSummary(correctionEvidence(report));
 * // 'shell-corrected: 12 finding(s) of shell in 4 column(s); 5/5 corrected column(s) agree\n…'
 * ```
 */
export function evidenceSummary(evidence: readonly CorrectionEvidence[]): string {
  return evidence
    .map(
      (e) =>
        `${e.correction.id}: ${e.findings.length} finding(s) of ${e.correction.correctionOf} in ` +
        `${new Set(e.findings.map((f) => `${f.implementation}/${f.environment}`)).size} column(s); ` +
        `${e.correctedColumns.filter(agreed).length}/${e.correctedColumns.length} corrected column(s) agree`,
    )
    .join('\n');
}
