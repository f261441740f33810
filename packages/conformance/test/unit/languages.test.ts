/**
 * Every snippet of the catalog has its language module, its snippet file and its worker
 * template, and the module's columns are the catalog entry's: what adding a language takes
 * (the package README lists the same files).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CORRECTIONS } from '../../src/corrections/catalog.js';
import { readToolchains } from '../../src/environments/declared-toolchains.js';
import { LANGUAGES } from '../../src/implementations/languages/index.js';
import { documentedProgram } from '../../src/implementations/snippet-program.js';
import { SNIPPETS } from '../../src/snippets/catalog.js';
import { WORKERS_DIR } from '../../src/snippets/render.js';

const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));

describe.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))('%s', (id, snippet) => {
  test('has its module, snippet file and worker template', () => {
    expect(LANGUAGES[id].snippet).toBe(id);
    expect(existsSync(`${PACKAGE}src/implementations/languages/${id}.ts`)).toBe(true);
    expect(existsSync(`${PACKAGE}snippets/${snippet.file}`)).toBe(true);
    expect(existsSync(`${WORKERS_DIR}${snippet.worker.template}`)).toBe(true);
  });

  test('its columns are the snippet in the module’s environments, each once', () => {
    const columns = LANGUAGES[id].columns(documentedProgram(id), {});
    expect(columns.length).toBeGreaterThan(0);
    for (const column of columns) {
      expect(column.implementation.id).toBe(id);
      expect(column.id).toBe(`${id}/${column.environment.id}`);
    }
    expect(new Set(columns.map((column) => column.id)).size).toBe(columns.length);
  });

  test('its toolchain needs are its entry in toolchains.json', () => {
    expect(LANGUAGES[id].toolchains).toEqual(readToolchains().languages[id]);
  });
});

test('every correction has its worker template', () => {
  for (const correction of CORRECTIONS) {
    expect(existsSync(`${WORKERS_DIR}${correction.worker.template}`), correction.id).toBe(true);
  }
});
