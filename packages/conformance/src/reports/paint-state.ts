/**
 * A state's colour in a terminal, one rule for the closing matrix, the protocol v2 marks
 * and the live progress lines.
 *
 * @module
 */
import type { CellStateName } from './cell-state.js';
import type { Paint } from './style.js';

/**
 * `text` in the colour of `state`: red for failures and errors, yellow for known
 * divergences, green for agreement, dim for what judged nothing (unrepresentable,
 * unavailable, empty).
 *
 * @throws Never.
 * @example
 * ```ts
 * paintState('xfail', '≈ 3/4', paintFor(process.stdout));
 * ```
 */
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
