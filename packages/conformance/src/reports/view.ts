/**
 * The view of a report: its matrix (one row per column, one cell per group, and the
 * property-search cell) and its findings, each state computed once by {@link cellState},
 * {@link propertyState} and {@link findingViews}. The terminal, Markdown, JUnit and HTML
 * renderers format this, so they cannot disagree about a cell, a property cell or what a
 * finding shows.
 *
 * @module
 */
import { cellKey, columnKey, sameColumn } from '../column-key.js';
import type { Outcome } from '../model.js';
import { type CellState, cellState } from './cell-state.js';
import { type FindingView, findingViews } from './finding-view.js';
import { type PropertyState, propertyState } from './property-state.js';
import {
  countOutcomes,
  type Report,
  type ReportColumn,
  type ReportResult,
  resultGroups,
  type Verdict,
} from './report.js';

/** One (column × group) cell: its results, their counts and its state. */
export interface MatrixCell {
  group: string;
  results: ReportResult[];
  /** Every outcome, zero included. */
  counts: Record<Outcome, number>;
  state: CellState;
}

/** One column's row of the matrix. */
export interface MatrixRow {
  column: ReportColumn;
  /** The column's results, in the report's order. */
  results: ReportResult[];
  /** One per group, in the report's group order. */
  cells: MatrixCell[];
  property: PropertyState;
}

/** What every renderer formats. */
export interface ReportView {
  /** The matrix's groups ({@link resultGroups}). */
  groups: string[];
  rows: MatrixRow[];
  findings: FindingView[];
}

/**
 * The results of one column, optionally of one vector group only.
 *
 * @throws Never.
 * @example
 * ```ts
 * resultsOf(report, column, 'edge-cases').length;
 * ```
 */
export function resultsOf(report: Report, column: ReportColumn, group?: string): ReportResult[] {
  return report.results.filter(
    (r) => sameColumn(r, column) && (group === undefined || r.group === group),
  );
}

/**
 * A cell of `results`: its counts by outcome (every outcome present) and its state.
 *
 * @throws Never.
 * @example
 * ```ts
 * matrixCell('edge-cases', results).state.text; // '✓ 3 ~1'
 * ```
 */
export function matrixCell(group: string, results: ReportResult[]): MatrixCell {
  const counts = countOutcomes(results);
  return { group, results, counts, state: cellState(counts) };
}

/**
 * The view of `report`, its results grouped by cell in one pass.
 *
 * @throws Never.
 * @example
 * ```ts
 * const { groups, rows, findings } = reportView(report);
 * rows[0]?.cells[0]?.state.text; // '✓ 12'
 * ```
 */
export function reportView(report: Report): ReportView {
  const groups = resultGroups(report);
  const byColumn = new Map<string, ReportResult[]>();
  const byCell = new Map<string, ReportResult[]>();
  const add = (map: Map<string, ReportResult[]>, key: string, r: ReportResult) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of report.results) {
    add(byColumn, columnKey(r), r);
    add(byCell, cellKey(r, r.group), r);
  }
  const rows = report.columns.map((column) => ({
    column,
    results: byColumn.get(columnKey(column)) ?? [],
    cells: groups.map((group) => matrixCell(group, byCell.get(cellKey(column, group)) ?? [])),
    property: propertyState(report, column),
  }));
  return { groups, rows, findings: findingViews(report) };
}

/**
 * The word every format puts on a report's headline: `OK`, `INCOMPLETE` (columns were
 * unavailable), `FAILED`, `INTERRUPTED` or `NOTHING JUDGED`. Reports of older versions,
 * which carry no `verdict`, are read from `ok` and why it is false.
 *
 * @throws Never.
 * @example
 * ```ts
 * verdictWord(report.summary); // 'INTERRUPTED' after a SIGINT
 * ```
 */
export function verdictWord(summary: Report['summary']): Verdict {
  if (summary.verdict) return summary.verdict;
  if (summary.interrupted) return 'INTERRUPTED';
  if (summary.nothingJudged) return 'NOTHING JUDGED';
  return summary.ok ? 'OK' : 'FAILED';
}

/**
 * The sentence under the headline of a run with unavailable columns, or undefined.
 *
 * @throws Never.
 * @example
 * ```ts
 * incompleteLine(report.summary); // '3 of 60 columns unavailable, not judged; install: apt-get install mksh zsh'
 * ```
 */
export function incompleteLine(summary: Report['summary']): string | undefined {
  const incomplete = summary.incomplete;
  if (!incomplete) return undefined;
  const { unavailableColumns: n, columns, install } = incomplete;
  const what = `${n} of ${columns} column${columns === 1 ? '' : 's'} unavailable, not judged`;
  return install.length > 0 ? `${what}; install: ${install.join('; ')}` : what;
}
