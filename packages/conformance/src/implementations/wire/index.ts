/**
 * The wire-level columns that are subjects of their own: requests really sent to a
 * loopback plugNmeet-like server, judged by what arrived (the exact bytes, and whether the
 * signature held). The shell snippet's wire level is shown beside its signing column, from
 * the same runs (`languages/shell.ts`); a real SDK is judged through its protocol v2 adapter
 * (`examples/sdk-js`), its one seam.
 *
 * @module
 */
import type { Column } from '../../model.js';
import { clientWireColumn } from './client-wire.js';

/** Every wire column that is a subject of its own, in matrix order. */
export function wireColumns(): Column[] {
  return [clientWireColumn()];
}
