/**
 * The terminal view of a report: the matrix (one row per implementation×environment, one
 * column per vector group plus the property search) and the findings list.
 *
 * @module
 */

import { sameColumn } from '../column-key.js';
import { type CellStateName, cellState, outcomeCounts } from './cell-state.js';
import {
  type Finding,
  type Report,
  type ReportColumn,
  type ReportResult,
  resultGroups,
} from './report.js';
import { renderSdkMatrices } from './sdk-matrix.js';
import { type Paint, paintFor } from './style.js';
import { printable, visible } from './visible.js';

/** The results of one column, optionally of one vector group only. */
export function resultsOf(report: Report, column: ReportColumn, group?: string): ReportResult[] {
  return report.results.filter(
    (r) => sameColumn(r, column) && (group === undefined || r.group === group),
  );
}

/** One matrix cell: what happened to a vector group in a column ({@link cellState}). */
export function cellText(results: readonly ReportResult[], paint: Paint): string {
  const view = cellState(outcomeCounts(results));
  return paintState(view.state, view.main, paint) + (view.suffix ? paint.dim(view.suffix) : '');
}

/** A cell state's colour in a terminal. */
export function paintState(state: CellStateName, text: string, paint: Paint): string {
  switch (state) {
    case 'fail':
    case 'error':
      return paint.red(text);
    case 'xfail':
      return paint.yellow(text);
    case 'pass':
      return paint.green(text);
    default:
      return paint.dim(text);
  }
}

function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  return [...text.replace(/\u001b\[\d+m/g, '')].length;
}

function padVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/** The property-search cell of a column. */
export function propertyCell(report: Report, column: ReportColumn, paint: Paint): string {
  if (!column.available) return paint.dim('n/a');
  const summary = report.properties.find((p) => sameColumn(p, column));
  if (!summary) return paint.dim('·');
  if (summary.findings > 0) return paint.red(`✗ ${summary.findings} found`);
  if (summary.expectedDivergences > 0) return paint.yellow(`≈ ${summary.runs} runs`);
  return paint.green(`✓ ${summary.runs} runs`);
}

/** The matrix as lines of text. */
export function renderMatrix(report: Report, paint: Paint = paintFor(process.stdout)): string {
  const groups = resultGroups(report);
  const header = ['implementation/environment', 'runtime', ...groups, 'properties'];
  const rows = report.columns.map((column) => {
    const cells = groups.map((group) => cellText(resultsOf(report, column, group), paint));
    const runtime = column.available
      ? printable(column.runtimeVersion ?? '', 28)
      : paint.dim('unavailable');
    return [printable(column.id), runtime, ...cells, propertyCell(report, column, paint)];
  });
  const widths = header.map((h, i) =>
    Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => padVisible(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [paint.bold(line(header)), ...rows.map(line)].join('\n');
}

function shown(bytes: { hex: string; text?: string }): string {
  if (bytes.text === undefined) return `hex ${bytes.hex || '(empty)'}`;
  const quoted = visible(bytes.text);
  return quoted.length > 120 ? `${quoted.slice(0, 117)}…" (${bytes.hex.length / 2} bytes)` : quoted;
}

/** One finding as a few lines for the doc maintainer. */
export function renderFinding(finding: Finding, paint: Paint): string {
  const status = finding.expectedFailure ? paint.yellow('known') : paint.red('NEW');
  const where = printable(`${finding.implementation}/${finding.environment}`);
  const runtime = finding.runtimeVersion ? ` (${printable(finding.runtimeVersion, 80)})` : '';
  const vectors =
    finding.vectors[0] === 'property'
      ? 'found by the property search'
      : `${finding.vectors.length} vector${finding.vectors.length === 1 ? '' : 's'}: ${finding.vectors.slice(0, 4).join(', ')}${finding.vectors.length > 4 ? ', …' : ''}`;
  return [
    `${status} ${paint.bold(where)}${runtime} — ${printable(finding.cause)}`,
    `    why:      ${printable(finding.explanation)}`,
    `    minimal:  body ${shown(finding.minimal.body)}, secret ${shown(finding.minimal.secret)}`,
    `    expected: ${printable(finding.expected)}`,
    `    actual:   ${printable(finding.actual.split('\n')[0] ?? '')}`,
    `    seen in:  ${printable(vectors)}`,
    ...(finding.correction ? [`    fixed by: ${printable(finding.correction)}`] : []),
  ].join('\n');
}

/** `FAILED`, or what stopped the run from passing when it is not a divergence. */
export function verdictWord(summary: Report['summary']): string {
  if (summary.interrupted) return 'INTERRUPTED';
  if (summary.nothingJudged) return 'NOTHING JUDGED';
  return 'FAILED';
}

/** The whole closing view: matrix, findings, stale expectations, verdict. */
export function renderReport(report: Report, paint: Paint = paintFor(process.stdout)): string {
  const out = ['', renderMatrix(report, paint), ''];
  out.push(
    paint.dim(
      '✓ all agree · ≈ only known divergences · ✗ unexpected · ~N unrepresentable · n/a unavailable',
    ),
  );
  const sdk = renderSdkMatrices(report, 'text', (text) => printable(text));
  if (sdk) out.push('', sdk.trimEnd());
  const unavailable = report.columns.filter((c) => !c.available);
  if (unavailable.length > 0) {
    out.push('', paint.bold('Unavailable'));
    for (const c of unavailable)
      out.push(
        `  ${printable(c.id)}: ${printable(c.unavailableReason ?? '')}${c.install ? ` — install: ${printable(c.install)}` : ''}`,
      );
  }
  if (report.findings.length > 0) {
    out.push('', paint.bold(`Findings (${report.findings.length})`));
    for (const finding of report.findings) out.push(renderFinding(finding, paint));
  }
  if (report.staleExpectations.length > 0) {
    out.push('', paint.bold(paint.red('Stale expectations (expected to fail, now pass)')));
    for (const s of report.staleExpectations)
      out.push(printable(`  ${s.implementation}/${s.environment}: ${s.vector} (${s.cause})`));
  }
  const s = report.summary;
  if (s.interrupted) {
    out.push(
      '',
      paint.red(`INTERRUPTED by ${s.interrupted}: only what was judged before is shown`),
    );
  }
  if (s.nothingJudged) out.push('', paint.red(`Nothing was judged: ${s.nothingJudged}`));
  out.push(
    '',
    `${s.ok ? paint.green('OK') : paint.red(verdictWord(s))}: ${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.xfail} xfail, ${s.xpass} xpass, ${s.unrepresentable} unrepresentable, ${s.unavailable} unavailable; ${report.propertyFindings.length} new property findings; seed ${report.seed}; ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return out.join('\n');
}
