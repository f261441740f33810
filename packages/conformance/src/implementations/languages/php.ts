/**
 * The PHP snippet (`hash_hmac`), under UTF-8 and the C locale.
 *
 * @module
 */

import { languageNeeds } from '../../environments/declared-toolchains.js';
import { C_LOCALE, UTF8_LOCALE } from '../../environments/process-env.js';
import { commandRuntime } from '../../environments/runtimes.js';
import { aptInstall, memoize } from '../../environments/toolchains.js';
import { interpretedColumn } from '../interpreted-column.js';
import type { LanguageModule } from './language.js';

const php = memoize(() =>
  commandRuntime('php', ['-r', 'echo PHP_VERSION;'], /^(\S+)/, aptInstall('php-cli')),
);

/**
 * The php language module: the PHP snippet under UTF-8 and the C locale.
 *
 * @example
 * ```ts
 * PHP.columns(documentedProgram('php'), {}); // php/utf8, php/c
 * ```
 */
export const PHP: LanguageModule = {
  snippet: 'php',
  get toolchains() {
    return languageNeeds('php');
  },
  columns: (program) =>
    [UTF8_LOCALE, C_LOCALE].map((locale) => interpretedColumn(program, php, 'PHP', locale)),
};
