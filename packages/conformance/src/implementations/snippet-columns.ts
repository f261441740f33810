/**
 * Every documented snippet in every environment its users plausibly have, as matrix columns
 * (`<snippet-id>/<environment-id>`), each language's columns made by its module in
 * `languages/`. Each column runs with a complete, explicit environment.
 *
 * @module
 */
import type { Column } from '../model.js';
import { SNIPPETS } from '../snippets/catalog.js';
import { LANGUAGES, type LanguageOptions } from './languages/index.js';
import { documentedProgram, type SnippetProgram } from './snippet-program.js';

/**
 * Every environment column of one program: those its documented snippet runs in. Cheap:
 * toolchains are probed (and programs compiled) only when a column's `probe()` or `open()`
 * is called.
 *
 * @example
 * ```ts
 * programColumns(documentedProgram('python')).map((c) => c.id); // ['python/utf8', 'python/c']
 * ```
 */
export function programColumns(program: SnippetProgram, options: LanguageOptions = {}): Column[] {
  return LANGUAGES[program.of].columns(program, options);
}

/**
 * Every documented snippet in every environment, in catalog order.
 *
 * @example
 * ```ts
 * const columns = snippetColumns({ jvmRoot: '/opt/jvm' });
 * ```
 */
export function snippetColumns(options: LanguageOptions = {}): Column[] {
  return SNIPPETS.flatMap((snippet) => programColumns(documentedProgram(snippet.id), options));
}
