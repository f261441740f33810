/**
 * The corrected snippets as matrix columns (`<correction-id>/<environment-id>`): each runs in
 * every environment its original runs in, built by the same column builders.
 *
 * @module
 */
import type { LanguageOptions } from '../implementations/languages/index.js';
import { programColumns } from '../implementations/snippet-columns.js';
import type { SnippetProgram } from '../implementations/snippet-program.js';
import type { Column } from '../model.js';
import { renderProgram } from '../snippets/render.js';
import { CORRECTIONS, type CorrectionInfo, readCorrection } from './catalog.js';
import { correctedShellWire } from './shell-wire-correction.js';

/** A correction as a program: the original's environments, template and slots mechanism. */
export function correctedProgram(info: CorrectionInfo): SnippetProgram {
  return {
    of: info.correctionOf,
    implementation: {
      id: info.id,
      label: info.label,
      kind: 'corrected',
      origin: 'corrected',
      checks: 'signature',
      language: info.language,
      correctionOf: info.correctionOf,
      correctionReason: info.reason,
    },
    render: (vars) => renderProgram({ info, text: readCorrection(info) }, vars),
    ...(info.id === 'shell-corrected' ? { wholeRun: correctedShellWire() } : {}),
  };
}

/** Every correction in every environment of its original, in catalog order. */
export function correctedColumns(options: LanguageOptions = {}): Column[] {
  return CORRECTIONS.flatMap((info) => programColumns(correctedProgram(info), options));
}
