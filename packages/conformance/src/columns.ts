/**
 * Every built-in column: the documented snippets as published, in every environment, then
 * the corrected snippets in every environment of their originals, then the wire-level
 * columns (requests really sent to a loopback server).
 *
 * @module
 */

import { correctedColumns } from './corrections/columns.js';
import { snippetColumns } from './implementations/snippet-columns.js';
import { wireColumns } from './implementations/wire/index.js';
import type { Column } from './model.js';

/** The built-in columns, in matrix order. */
export async function builtInColumns(): Promise<Column[]> {
  return [...(await snippetColumns()), ...correctedColumns(), ...wireColumns()];
}
