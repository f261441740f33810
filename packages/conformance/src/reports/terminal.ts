/**
 * The terminal view of a report: the matrix (one row per implementation×environment, one
 * column per vector group plus the property search) and the findings list.
 *
 * @module
 */

import { CELL_MARKS, type CellState } from './cell-state.js';
import { type FindingView, type ShownBytes, seenIn } from './finding-view.js';
import { paintState } from './paint-state.js';
import type { Report } from './report.js';
import { renderSdkMatrices } from './sdk-matrix.js';
import { type Paint, paintFor } from './style.js';
import { incompleteLine, type ReportView, reportView, verdictWord } from './view.js';
import { printable, visible } from './visible.js';

/**
 * One matrix cell in colour: its main text in its state's colour, the
 * unrepresentable suffix dim.
 *
 * @throws Never.
 * @example
 * ```ts
 * cellText(cellState({ pass: 3, unrepresentable: 1 }), paint); // green '✓ 3', dim ' ~1'
 * ```
 */
export function cellText(view: Pick<CellState, 'state' | 'main' | 'suffix'>, paint: Paint): string {
  return paintState(view.state, view.main, paint) + (view.suffix ? paint.dim(view.suffix) : '');
}

function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  return [...text.replace(/\u001b\[\d+m/g, '')].length;
}

function padVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/**
 * The matrix as lines of text, from the report's {@link reportView}.
 *
 * @throws Never.
 * @example
 * ```ts
 * console.log(renderMatrix(report, paintFor(process.stdout)));
 * ```
 */
export function renderMatrix(report: Report, paint: Paint = paintFor(process.stdout)): string {
  return matrixLines(reportView(report), paint);
}

function matrixLines({ groups, rows: matrix }: ReportView, paint: Paint): string {
  const header = ['implementation/environment', 'runtime', ...groups, 'properties'];
  const rows = matrix.map(({ column, cells, property }) => {
    const runtime = column.available
      ? printable(column.runtimeVersion ?? '', 28)
      : paint.dim('unavailable');
    return [
      printable(column.id),
      runtime,
      ...cells.map((c) => cellText(c.state, paint)),
      paintState(property.state, property.text, paint),
    ];
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

/** A finding's input on one terminal line: at most 120 characters of it, and its size when cut. */
function shown(bytes: ShownBytes): string {
  if (bytes.text === undefined) {
    const hex = bytes.hex || '(empty)';
    return hex.length > 120 || bytes.cutNote
      ? `hex ${hex.slice(0, 120)}… (${bytes.length} bytes)`
      : `hex ${hex}`;
  }
  const quoted = visible(bytes.text);
  return quoted.length > 120 || bytes.cutNote
    ? `${quoted.slice(0, 117)}…" (${bytes.length} bytes)`
    : quoted;
}

/**
 * One finding as a few lines for the doc maintainer, formatted from its {@link FindingView}.
 *
 * @throws Never.
 * @example
 * ```ts
 * for (const view of findingViews(report)) console.log(renderFinding(view, paint));
 * ```
 */
export function renderFinding(finding: FindingView, paint: Paint): string {
  const status = finding.status === 'known' ? paint.yellow('known') : paint.red('NEW');
  const runtime = finding.runtimeVersion ? ` (${printable(finding.runtimeVersion, 80)})` : '';
  return [
    `${status} ${paint.bold(printable(finding.column))}${runtime} — ${printable(finding.cause)}`,
    `    why:      ${printable(finding.explanation)}`,
    `    minimal:  body ${shown(finding.body)}, secret ${shown(finding.secret)}`,
    `    expected: ${printable(finding.expected)}`,
    `    actual:   ${printable(finding.actual.split('\n')[0] ?? '')}`,
    `    seen in:  ${printable(seenIn(finding, 4))}`,
    ...(finding.correction ? [`    fixed by: ${printable(finding.correction)}`] : []),
  ].join('\n');
}

/**
 * The whole closing view: matrix, findings, stale expectations, verdict.
 *
 * @throws Never.
 * @example
 * ```ts
 * process.stdout.write(`${renderReport(report)}\n`);
 * ```
 */
export function renderReport(report: Report, paint: Paint = paintFor(process.stdout)): string {
  const view = reportView(report);
  const out = ['', matrixLines(view, paint), ''];
  const m = CELL_MARKS;
  out.push(
    paint.dim(
      `${m.pass} all agree · ${m.xfail} only known divergences · ${m.fail} unexpected · ${m.unrepresentable}N unrepresentable · ${m.unavailable} unavailable`,
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
  const { findings } = view;
  if (findings.length > 0) {
    out.push('', paint.bold(`Findings (${findings.length})`));
    for (const finding of findings) out.push(renderFinding(finding, paint));
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
  const incomplete = incompleteLine(s);
  if (incomplete) out.push('', paint.yellow(`INCOMPLETE: ${incomplete}`));
  const word = verdictWord(s);
  const painted = word === 'OK' ? paint.green : word === 'INCOMPLETE' ? paint.yellow : paint.red;
  out.push(
    '',
    `${painted(word)}: ${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.xfail} xfail, ${s.xpass} xpass, ${s.unrepresentable} unrepresentable, ${s.unavailable} unavailable; ${report.propertyFindings.length} new property findings; seed ${report.seed}; ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return out.join('\n');
}
