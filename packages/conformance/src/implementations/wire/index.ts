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
import { WHOLE_SHELL_SNIPPETS } from './shell-wire.js';

/** Every wire column that is a subject of its own, in matrix order. */
export function wireColumns(): Column[] {
  return [clientWireColumn()];
}

/**
 * The wire implementations that send the requests of a signing implementation, by id: a
 * wire column is linked to its signing column by this, never by an id prefix.
 *
 * @example
 * ```ts
 * wireTwinsOf('shell'); // ['wire-shell']
 * wireTwinsOf('java'); // []
 * ```
 */
export function wireTwinsOf(implementation: string): string[] {
  return WHOLE_SHELL_SNIPPETS.filter((s) => s.signingId === implementation).map((s) => s.id);
}
