/**
 * Every built-in column: the documented snippets as published, in every environment.
 *
 * @module
 */
import type { Column } from './model.js';
import { snippetColumns } from './implementations/snippet-columns.js';

/** The built-in columns, in matrix order. */
export async function builtInColumns(): Promise<Column[]> {
  return [...(await snippetColumns())];
}
