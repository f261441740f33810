/**
 * What a language module is: the columns one documented snippet (and any correction of it)
 * runs in, and what those columns need installed. One module per snippet language, all
 * registered in `index.ts`; the package README lists the files a new language takes.
 *
 * @module
 */
import type { ToolchainNeed } from '../../environments/toolchains.js';
import type { Column } from '../../model.js';
import type { SnippetId } from '../../snippets/catalog.js';
import type { SnippetProgram } from '../snippet-program.js';

/** Options every language's columns are built with. */
export interface LanguageOptions {
  /** Where to look for JDKs (default /usr/lib/jvm). */
  jvmRoot?: string;
}

/** One snippet language of the docs page, as the runner runs it. */
export interface LanguageModule {
  /** The catalog entry (`src/snippets/catalog.ts`) whose snippet this module runs. */
  snippet: SnippetId;
  /**
   * What its columns need installed, read from its entry in `toolchains.json` (plain data, so
   * `scripts/setup-toolchains` can read it on a fresh clone before anything is built).
   */
  toolchains: readonly ToolchainNeed[];
  /**
   * Every environment column of `program` — the documented snippet, or a correction of it,
   * which runs in the same environments. Cheap: nothing is probed until a column is.
   */
  columns(program: SnippetProgram, options: LanguageOptions): Column[];
}
