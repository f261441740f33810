/**
 * The Python snippet (`hmac.new(...).hexdigest()`), under UTF-8 and the C locale, on the
 * `python3` the user's PATH resolves.
 *
 * @module
 */

import { languageNeeds } from '../../environments/declared-toolchains.js';
import { C_LOCALE, UTF8_LOCALE } from '../../environments/process-env.js';
import type { Runtime } from '../../environments/runtimes.js';
import {
  aptInstall,
  commandOutput,
  findExecutable,
  isExecutable,
  memoize,
  notOnPath,
} from '../../environments/toolchains.js';
import type { Availability } from '../../model.js';
import { interpretedColumn } from '../interpreted-column.js';
import type { LanguageModule } from './language.js';

const INSTALL = aptInstall('python3');

/**
 * `python3` as the user's PATH resolves it. A pyenv shim costs ~250 ms per start, so the real
 * interpreter behind it is resolved once and spawned directly.
 */
const python = memoize(async (): Promise<Availability<Runtime>> => {
  const shim = findExecutable('python3');
  if (!shim) return notOnPath('python3', INSTALL);
  const output = await commandOutput(shim, [
    '-c',
    'import sys, platform; print(sys.executable); print(platform.python_version())',
  ]);
  const [path, version] = output.trim().split('\n');
  if (!path || !version || !isExecutable(path)) {
    return {
      available: false,
      reason: `python3 did not start: ${output.trim()}`,
      install: INSTALL,
    };
  }
  return { available: true, path, version };
});

/**
 * The python language module: the Python snippet under UTF-8 and the C locale.
 *
 * @example
 * ```ts
 * PYTHON.columns(documentedProgram('python'), {}); // python/utf8, python/c
 * ```
 */
export const PYTHON: LanguageModule = {
  snippet: 'python',
  get toolchains() {
    return languageNeeds('python');
  },
  columns: (program) =>
    [UTF8_LOCALE, C_LOCALE].map((locale) => interpretedColumn(program, python, 'Python', locale)),
};
