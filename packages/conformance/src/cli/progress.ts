/**
 * Live progress on stderr: one line per column as it finishes, so a long run shows life
 * and a CI log shows where time went.
 *
 * @module
 */

import { CELL_MARKS, cellState } from '../reports/cell-state.js';
import { paintState } from '../reports/paint-state.js';
import { type Paint, paintFor } from '../reports/style.js';
import { printable } from '../reports/visible.js';
import type { RunListener } from '../runner/events.js';

/** Where progress goes: a terminal stream, or anything that writes and says whether it is one. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;

/**
 * A listener that writes progress lines to `stream`. Implementation-chosen text (hello
 * names, reasons) is escaped: it is shown, never obeyed by the terminal.
 *
 * @example
 * ```ts
 * await conformanceRun({ ...options, listener: progressPrinter() });
 * ```
 */
export function progressPrinter(
  stream: ProgressStream = process.stderr,
  paint: Paint = paintFor(stream),
): RunListener {
  return (event) => {
    switch (event.type) {
      case 'column-start':
        if (stream.isTTY) stream.write(paint.dim(`… ${printable(event.column)}\n`));
        return;
      case 'column-unavailable':
        // Marked as the matrix marks its cells: the same word, the same colour.
        stream.write(
          `${paintState('unavailable', CELL_MARKS.unavailable, paint)} ${printable(event.column.id)}: unavailable (${printable(event.column.unavailableReason ?? '')})\n`,
        );
        return;
      case 'column-progress':
        return;
      case 'column-done': {
        const c = event.counts;
        // The column's mark is its cells' state, a new property finding counting as a failure:
        // the mark and colour the closing matrix gives a cell with the same counts.
        const { state } = cellState({ ...c, fail: (c.fail ?? 0) + event.propertyFindings });
        const mark = paintState(state, CELL_MARKS[state], paint);
        const parts = Object.entries(c)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ');
        const props =
          event.propertyRuns > 0
            ? `; ${event.propertyRuns} property cases, ${event.propertyFindings} new findings`
            : '';
        stream.write(
          `${mark} ${printable(event.column.id)} ${paint.dim(`(${printable(event.column.runtimeVersion ?? '', 80)})`)}: ${parts}${props} ${paint.dim(`${(event.durationMs / 1000).toFixed(1)} s`)}\n`,
        );
      }
    }
  };
}
