/**
 * The Ruby snippet (`OpenSSL::HMAC.hexdigest`), under UTF-8 and the C locale.
 *
 * @module
 */

import { languageNeeds } from '../../environments/declared-toolchains.js';
import { C_LOCALE, UTF8_LOCALE } from '../../environments/process-env.js';
import { commandRuntime } from '../../environments/runtimes.js';
import { aptInstall, memoize } from '../../environments/toolchains.js';
import { interpretedColumn } from '../interpreted-column.js';
import type { LanguageModule } from './language.js';

const ruby = memoize(() =>
  commandRuntime('ruby', ['-e', 'print RUBY_VERSION'], /^(\S+)/, aptInstall('ruby')),
);

/**
 * The ruby language module: the Ruby snippet under UTF-8 and the C locale.
 *
 * @example
 * ```ts
 * RUBY.columns(documentedProgram('ruby'), {}); // ruby/utf8, ruby/c
 * ```
 */
export const RUBY: LanguageModule = {
  snippet: 'ruby',
  get toolchains() {
    return languageNeeds('ruby');
  },
  columns: (program) =>
    [UTF8_LOCALE, C_LOCALE].map((locale) => interpretedColumn(program, ruby, 'Ruby', locale)),
};
