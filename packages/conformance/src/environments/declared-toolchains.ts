/**
 * The toolchain declarations of `toolchains.json` (package root): what every column, the
 * test suite and the real-SDK examples need installed. They are data, not code, because a
 * fresh clone must read them before anything is installed or built: `scripts/setup-toolchains`
 * reads the same file with plain Node, and each language module declares its needs from it.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConformanceError } from '../errors.js';
import { checkFile } from '../schemas/check-file.js';
import type { ToolchainNeed } from './toolchains.js';

/** The parsed `toolchains.json`, as `schemas/toolchains.json` describes it. */
export interface ToolchainsFile {
  formatVersion: 1;
  description?: string;
  /** By language module id: what its columns need. */
  languages: Readonly<Record<string, readonly ToolchainNeed[]>>;
  /** What the test suite needs beside the columns. */
  suite: readonly ToolchainNeed[];
  /** By example directory: what running that example needs. */
  examples: Readonly<Record<string, readonly ToolchainNeed[]>>;
}

/**
 * Where the declarations are. This module sits in `src/environments/` or
 * `dist/environments/`, two levels below the package root either way.
 *
 * @example
 * ```ts
 * JSON.parse(readFileSync(TOOLCHAINS_FILE, 'utf8')).languages.php; // [{ debian: 'php-cli', command: 'php' }]
 * ```
 */
export const TOOLCHAINS_FILE = fileURLToPath(new URL('../../toolchains.json', import.meta.url));

/**
 * Reads and checks a toolchain declarations file (the shipped one by default).
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_TOOLCHAINS` when the file cannot be read, is not
 * JSON, or breaks `schemas/toolchains.json` (with `file` and the JSON Pointer at fault).
 * @example
 * ```ts
 * readToolchains().languages.ruby; // [{ debian: 'ruby', command: 'ruby' }]
 * ```
 */
export function readToolchains(file: string = TOOLCHAINS_FILE): ToolchainsFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConformanceError('ERR_CONFORMANCE_TOOLCHAINS', `${file}: ${String(cause)}`, {
      cause,
      file,
      jsonPath: '',
    });
  }
  return checkFile<ToolchainsFile>('toolchains', json, file, 'ERR_CONFORMANCE_TOOLCHAINS');
}

/**
 * What the columns of language module `id` need installed, as the shipped file declares it.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_TOOLCHAINS` when the shipped file is malformed
 * or declares nothing for `id` (every language module must have its entry, even an empty one).
 * @example
 * ```ts
 * const PHP: LanguageModule = { snippet: 'php', toolchains: languageNeeds('php'), … };
 * ```
 */
export function languageNeeds(id: string): readonly ToolchainNeed[] {
  const { languages } = readToolchains();
  const needs = Object.hasOwn(languages, id) ? languages[id] : undefined;
  if (!needs) {
    throw new ConformanceError(
      'ERR_CONFORMANCE_TOOLCHAINS',
      `${TOOLCHAINS_FILE}: /languages/${id}: expected the language's needs (an array, [] for none), got nothing`,
      { file: TOOLCHAINS_FILE, jsonPath: `/languages/${id}` },
    );
  }
  return needs;
}
