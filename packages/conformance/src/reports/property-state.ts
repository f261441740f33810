/**
 * What a column's property-search cell shows, computed in one place for every renderer:
 * the terminal and Markdown matrices, the HTML table (and, from its class, the page
 * script's "rows with divergences" filter), and the JUnit `property-search` test case. The
 * marks are the cells' own ({@link CELL_MARKS}).
 *
 * @module
 */
import { sameColumn } from '../column-key.js';
import { CELL_MARKS, type CellStateName } from './cell-state.js';
import type { PropertyFinding, PropertySummary, Report, ReportColumn } from './report.js';

/**
 * A property cell's state. `fail`: the search found new divergences and shrank each to a
 * counterexample; `xfail`: it met only expected ones; `pass`: every case agreed (or was
 * unrepresentable); `empty`: no search ran on the column (no sign capability, `--runs 0`,
 * an interrupted run); `unavailable`: the column never ran.
 */
export type PropertyStateName = Extract<
  CellStateName,
  'unavailable' | 'empty' | 'fail' | 'xfail' | 'pass'
>;

/** What a property cell shows. */
export interface PropertyState {
  state: PropertyStateName;
  /** The cell's text, e.g. `✗ 2 found` or `✓ 100 runs`. */
  text: string;
  /** The search's figures in words, for a tooltip. */
  title: string;
  /** The column's search summary, when a search ran. */
  summary?: PropertySummary;
  /** The column's new divergences, each shrunk to a minimal case (replay with seed and path). */
  findings: PropertyFinding[];
}

/**
 * The property state of `column` in `report`: its summary and counterexamples looked up
 * once, its state from them.
 *
 * @throws Never.
 * @example
 * ```ts
 * propertyState(report, column); // { state: 'fail', text: '✗ 2 found', findings: [ … ], … }
 * ```
 */
export function propertyState(
  report: Pick<Report, 'properties' | 'propertyFindings'>,
  column: Pick<ReportColumn, 'implementation' | 'environment' | 'available'>,
): PropertyState {
  const summary = report.properties.find((p) => sameColumn(p, column));
  const findings = report.propertyFindings.filter((f) => sameColumn(f, column));
  const title = summary
    ? `${summary.runs} generated cases · ${summary.findings} new findings · ${summary.expectedDivergences} known divergences · ${summary.unrepresentable} unrepresentable`
    : 'no property search';
  const state: PropertyStateName = !column.available
    ? 'unavailable'
    : !summary
      ? 'empty'
      : summary.findings > 0
        ? 'fail'
        : summary.expectedDivergences > 0
          ? 'xfail'
          : 'pass';
  const mark = CELL_MARKS[state];
  const text =
    state === 'fail'
      ? `${mark} ${summary?.findings} found`
      : state === 'xfail' || state === 'pass'
        ? `${mark} ${summary?.runs} runs`
        : mark;
  return { state, text, title, ...(summary ? { summary } : {}), findings };
}
