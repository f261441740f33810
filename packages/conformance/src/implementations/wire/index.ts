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
import { CORRECTED_SHELL_WIRE, DOCUMENTED_SHELL_WIRE, shellWireColumn } from './shell-wire.js';

/** Every wire column, in matrix order. */
export function wireColumns(): Column[] {
  return [
    ...WIRE_SHELLS.map((shell) => shellWireColumn(shell, DOCUMENTED_SHELL_WIRE)),
    ...WIRE_SHELLS.map((shell) => shellWireColumn(shell, CORRECTED_SHELL_WIRE)),
    sdkJsWireColumn(),
    clientWireColumn(),
  ];
}
