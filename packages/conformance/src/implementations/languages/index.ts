/**
 * Every snippet language the runner runs, registered in one place. The record is keyed by
 * catalog id, so a catalog entry without its module (or the reverse) does not compile.
 *
 * @module
 */
import type { SnippetId } from '../../snippets/catalog.js';
import { GO } from './go.js';
import { JAVA } from './java.js';
import type { LanguageModule } from './language.js';
import { NODEJS_CRYPTOJS } from './nodejs-cryptojs.js';
import { PHP } from './php.js';
import { PYTHON } from './python.js';
import { RUBY } from './ruby.js';
import { SHELL } from './shell.js';
import { TYPESCRIPT_NODE_CRYPTO } from './typescript-node-crypto.js';

/**
 * The language module of each documented snippet.
 *
 * @example
 * ```ts
 * LANGUAGES.go.columns(documentedProgram('go'), {}); // [go/go]
 * ```
 */
export const LANGUAGES: Readonly<Record<SnippetId, LanguageModule>> = {
  shell: SHELL,
  php: PHP,
  'nodejs-cryptojs': NODEJS_CRYPTOJS,
  'typescript-node-crypto': TYPESCRIPT_NODE_CRYPTO,
  go: GO,
  python: PYTHON,
  java: JAVA,
  ruby: RUBY,
};

export type { LanguageModule, LanguageOptions } from './language.js';
