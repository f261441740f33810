/**
 * What a matrix cell shows, computed in one place for every renderer: the terminal, Markdown
 * and HTML reports, the HTML page's own script (which recomputes cells when filters change)
 * and the live progress lines. The function is written once, as plain ES5 source text: the
 * page embeds that text, and Node builds the same function from it, so the two can never
 * drift apart.
 *
 * @module
 */
import type { Outcome } from '../model.js';

/** A cell's state: its colour in every format. */
export type CellStateName =
  | 'empty'
  | 'unavailable'
  | 'fail'
  | 'error'
  | 'xfail'
  | 'unrepresentable'
  | 'pass';

/** What a cell shows: `text` is `main` then `suffix` (the unrepresentable count, shown dim). */
export interface CellState {
  state: CellStateName;
  main: string;
  suffix: string;
  text: string;
  total: number;
}

/**
 * The source of `CELL_MARKS` and `cellState(counts)`, for the page script: counts by outcome
 * (missing ones are 0) in, a {@link CellState} out. ES5 and self-contained, as the page
 * script is; the marks are a table of their own so that single cases (the protocol v2
 * matrices), property cells and progress lines speak the same vocabulary as the cells.
 */
export const CELL_STATE_SOURCE = String.raw`var CELL_MARKS = { empty: '\u00b7', unavailable: 'n/a', fail: '\u2717', error: '\u2717', xfail: '\u2248', unrepresentable: '~', pass: '\u2713' };
function cellState(c) {
  function n(o) { return c[o] || 0; }
  var total = n('pass') + n('fail') + n('error') + n('xfail') + n('xpass') + n('unrepresentable') + n('unavailable');
  var bad = n('fail') + n('error') + n('xpass');
  var state, main;
  if (total === 0) { state = 'empty'; main = CELL_MARKS.empty; }
  else if (n('unavailable') === total) { state = 'unavailable'; main = CELL_MARKS.unavailable; }
  else if (bad > 0) { state = n('fail') + n('xpass') > 0 ? 'fail' : 'error'; main = CELL_MARKS[state] + ' ' + bad + '/' + total; }
  else if (n('xfail') > 0) { state = 'xfail'; main = CELL_MARKS.xfail + ' ' + n('pass') + '/' + total; }
  else if (n('pass') === 0 && n('unrepresentable') > 0) { state = 'unrepresentable'; main = CELL_MARKS.unrepresentable + n('unrepresentable'); }
  else { state = 'pass'; main = CELL_MARKS.pass + ' ' + n('pass'); }
  var suffix = n('unrepresentable') > 0 && state !== 'unrepresentable' && state !== 'empty' ? ' ' + CELL_MARKS.unrepresentable + n('unrepresentable') : '';
  return { state: state, main: main, suffix: suffix, text: main + suffix, total: total };
}`;

const built = new Function(
  `${CELL_STATE_SOURCE}\nreturn { cellState: cellState, marks: CELL_MARKS };`,
)() as {
  cellState: (counts: Partial<Record<Outcome, number>>) => CellState;
  marks: Record<CellStateName, string>;
};

/**
 * The mark of each state, the one vocabulary of every report: `✓` all agree, `≈` only
 * known divergences, `✗` unexpected (failures or errors), `~` unrepresentable, `n/a`
 * unavailable, `·` nothing ran.
 *
 * @example
 * ```ts
 * `${CELL_MARKS.pass} all agree`; // '✓ all agree'
 * ```
 */
export const CELL_MARKS: Readonly<Record<CellStateName, string>> = Object.freeze(built.marks);

/**
 * The state of a cell from its counts by outcome (missing outcomes count 0).
 *
 * @throws Never.
 * @example
 * ```ts
 * cellState({ pass: 3, unrepresentable: 1 }); // { state: 'pass', text: '✓ 3 ~1', … }
 * cellState({ unrepresentable: 2 }); // { state: 'unrepresentable', text: '~2', … }
 * ```
 */
export const cellState = built.cellState;

/**
 * The state of one case (a cell of one result), or `empty` when there is none: the protocol
 * v2 matrices mark single calls and webhooks with it.
 *
 * @throws Never.
 * @example
 * ```ts
 * caseState('xpass'); // 'fail'
 * CELL_MARKS[caseState(undefined)]; // '·'
 * ```
 */
export function caseState(outcome: Outcome | undefined): CellStateName {
  return cellState(outcome === undefined ? {} : { [outcome]: 1 }).state;
}
