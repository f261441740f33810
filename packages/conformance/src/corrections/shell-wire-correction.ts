/**
 * This project's correction of the shell snippet, run whole the way the documented one is:
 * its wire level must send exactly the bytes it signed, for bodies of any size.
 *
 * @module
 */
import type { WholeShellSnippet } from '../implementations/wire/shell-wire.js';
import { applySlots } from '../snippets/slots.js';
import { correctionInfo, readCorrection } from './catalog.js';

/**
 * The corrected shell snippet (`corrections/shell/`) as a whole snippet: its wire level is
 * `wire-shell-corrected`, the correction of `wire-shell`.
 *
 * @throws Never.
 * @example
 * ```ts
 * correctedShellWire().id; // 'wire-shell-corrected'
 * ```
 */
export function correctedShellWire(): WholeShellSnippet {
  const info = correctionInfo('shell-corrected');
  return {
    id: 'wire-shell-corrected',
    label: 'Corrected shell snippet end to end (here-document + openssl + curl --data-binary @-)',
    kind: 'wire',
    origin: 'corrected',
    text: () => applySlots(readCorrection(info), info.slots),
    info: () => info,
    signingId: 'shell-corrected',
    reading: 'exit-status',
    correctionOf: 'wire-shell',
    correctionReason: info.reason,
  };
}
