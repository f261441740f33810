/**
 * The wire-level columns: requests really sent to a loopback plugNmeet-like server, judged
 * by what arrived (the exact bytes, and whether the signature held).
 *
 * @module
 */
import { SHELLS } from '../../environments/shells.js';

// The wire check is about what curl sends, which no locale changes; the C-locale shell
// columns (an `echo` difference) are covered by the signing columns.
const WIRE_SHELLS = SHELLS.filter((shell) => shell.locale === undefined);

import type { Column } from '../../model.js';
import { clientWireColumn } from './client-wire.js';
import { sdkJsWireColumn } from './sdk-js-wire.js';
import {
  CORRECTED_SHELL_WIRE,
  DOCUMENTED_SHELL_WIRE,
  shellWireColumn,
  WHOLE_SHELL_SNIPPETS,
} from './shell-wire.js';

/** Every wire column, in matrix order. */
export function wireColumns(): Column[] {
  return [
    ...WIRE_SHELLS.map((shell) => shellWireColumn(shell, DOCUMENTED_SHELL_WIRE)),
    ...WIRE_SHELLS.map((shell) => shellWireColumn(shell, CORRECTED_SHELL_WIRE)),
    sdkJsWireColumn(),
    clientWireColumn(),
  ];
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
