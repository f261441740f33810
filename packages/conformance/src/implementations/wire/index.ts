/**
 * The wire-level columns: requests really sent to a loopback plugNmeet-like server, judged
 * by what arrived (the exact bytes, and whether the signature held).
 *
 * @module
 */
import { SHELLS } from '../../environments/shells.js';
import type { Column } from '../../model.js';
import { clientWireColumn } from './client-wire.js';
import { sdkJsWireColumn } from './sdk-js-wire.js';
import { CORRECTED_SHELL_WIRE, DOCUMENTED_SHELL_WIRE, shellWireColumn } from './shell-wire.js';

/** Every wire column, in matrix order. */
export function wireColumns(): Column[] {
  return [
    ...SHELLS.map((shell) => shellWireColumn(shell, DOCUMENTED_SHELL_WIRE)),
    ...SHELLS.map((shell) => shellWireColumn(shell, CORRECTED_SHELL_WIRE)),
    sdkJsWireColumn(),
    clientWireColumn(),
  ];
}
