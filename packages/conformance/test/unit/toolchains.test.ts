/**
 * `toolchains.json`, the data `scripts/setup-toolchains` installs from on a fresh clone:
 * valid under its schema, an entry for every language module and nothing else, every tool a
 * probe looks for declared, and a malformed file refused at its JSON Pointer. Nothing spawned.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readToolchains, TOOLCHAINS_FILE } from '../../src/environments/declared-toolchains.js';
import { PIPELINE_TOOLS, SHELLS } from '../../src/environments/shells.js';
import { SNIPPETS } from '../../src/snippets/catalog.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { files: string[] };

describe('the shipped toolchains.json', () => {
  test('is valid, shipped, and has an entry for exactly the snippet languages', () => {
    const declared = readToolchains();
    expect(manifest.files).toContain('toolchains.json');
    expect(Object.keys(declared.languages).sort()).toEqual(SNIPPETS.map((s) => s.id).sort());
  });

  test('declares every shell and pipeline tool the shell columns probe for', () => {
    const shell = readToolchains().languages.shell ?? [];
    const declared = (command: string, debian: string) =>
      shell.some((need) => need.command === command && need.debian === debian);
    for (const s of SHELLS) expect(declared(s.command, s.debian), s.id).toBe(true);
    for (const tool of PIPELINE_TOOLS)
      expect(declared(tool.name, tool.debian), tool.name).toBe(true);
    expect(declared('curl', 'curl')).toBe(true);
  });
});

describe('a malformed declarations file', () => {
  const cases: Array<[string, (json: Record<string, unknown>) => void, string, RegExp]> = [
    [
      'a need without a package',
      (json) => {
        (json.languages as Record<string, unknown>).php = [{ command: 'php' }];
      },
      '/languages/php/0/debian',
      /expected a Debian package name, got nothing/,
    ],
    [
      'a need with both a command and a file',
      (json) => {
        (json.languages as Record<string, unknown>).ruby = [
          { debian: 'ruby', command: 'ruby', file: '/usr/bin/ruby' },
        ];
      },
      '/languages/ruby/0',
      /expected/,
    ],
    [
      'a command with a path',
      (json) => {
        json.suite = [{ debian: 'curl', command: '/usr/bin/curl' }];
      },
      '/suite/0/command',
      /expected a command name/,
    ],
  ];
  test.each(cases)('is refused at its place: %s', (_, breakIt, pointer, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'pnm-toolchains-'));
    try {
      const json = JSON.parse(readFileSync(TOOLCHAINS_FILE, 'utf8')) as Record<string, unknown>;
      breakIt(json);
      const file = join(dir, 'toolchains.json');
      writeFileSync(file, JSON.stringify(json));
      expect(() => readToolchains(file)).toThrow(
        expect.objectContaining({
          code: 'ERR_CONFORMANCE_TOOLCHAINS',
          file,
          jsonPath: pointer,
          message: expect.stringMatching(message),
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
