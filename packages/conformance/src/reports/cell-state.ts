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
 * The source of `cellState(counts)`, for the page script: counts by outcome (missing ones
 * are 0) in, a {@link CellState} out. ES5 and self-contained, as the page script is.
 */
export const CELL_STATE_SOURCE = String.raw`function cellState(c) {
  function n(o) { return c[o] || 0; }
  var total = n('pass') + n('fail') + n('error') + n('xfail') + n('xpass') + n('unrepresentable') + n('unavailable');
  var bad = n('fail') + n('error') + n('xpass');
  var state, main;
  if (total === 0) { state = 'empty'; main = '\u00b7'; }
  else if (n('unavailable') === total) { state = 'unavailable'; main = 'n/a'; }
  else if (bad > 0) { state = n('fail') + n('xpass') > 0 ? 'fail' : 'error'; main = '\u2717 ' + bad + '/' + total; }
  else if (n('xfail') > 0) { state = 'xfail'; main = '\u2248 ' + n('pass') + '/' + total; }
  else if (n('pass') === 0 && n('unrepresentable') > 0) { state = 'unrepresentable'; main = '~' + n('unrepresentable'); }
  else { state = 'pass'; main = '\u2713 ' + n('pass'); }
  var suffix = n('unrepresentable') > 0 && state !== 'unrepresentable' && state !== 'empty' ? ' ~' + n('unrepresentable') : '';
  return { state: state, main: main, suffix: suffix, text: main + suffix, total: total };
}`;

/**
 * The state of a cell from its counts by outcome (missing outcomes count 0).
 *
 * @example
 * ```ts
 * cellState({ pass: 3, unrepresentable: 1 }); // { state: 'pass', text: '✓ 3 ~1', … }
 * cellState({ unrepresentable: 2 }); // { state: 'unrepresentable', text: '~2', … }
 * ```
 */
export const cellState = new Function(`${CELL_STATE_SOURCE}\nreturn cellState;`)() as (
  counts: Partial<Record<Outcome, number>>,
) => CellState;

/**
 * Counts results by outcome, for {@link cellState}.
 *
 * @example
 * ```ts
 * cellState(outcomeCounts(results));
 * ```
 */
export function outcomeCounts(
  results: ReadonlyArray<{ outcome: Outcome }>,
): Partial<Record<Outcome, number>> {
  const counts: Partial<Record<Outcome, number>> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}
