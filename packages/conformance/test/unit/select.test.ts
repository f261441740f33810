/** `--only` and `--skip` on columns and vector tags: table-driven, nothing spawned. */
import type { Vector } from '@plugnmeet-signing/vectors';
import { describe, expect, test } from 'vitest';
import { columnKey } from '../../src/column-key.js';
import { isConformanceError } from '../../src/errors.js';
import type { Column, ImplementationKind } from '../../src/model.js';
import { selectColumns, shownLevels } from '../../src/select.js';

function fake(id: string, language: string, kind: ImplementationKind = 'snippet'): Column {
  const [implementation = '', environment = ''] = id.split('/');
  return {
    id: columnKey({ implementation, environment }),
    implementation: {
      id: implementation,
      label: implementation,
      kind,
      origin: kind === 'corrected' ? 'corrected' : kind === 'outside' ? 'outside' : 'documented',
      checks: kind === 'wire' ? 'wire' : 'signature',
      language,
    },
    environment: { id: environment, label: environment },
    capabilities: ['sign'],
    modes: ['worker'],
    probe: async () => ({ available: true, runtimeVersion: '1' }),
    open: async () => {
      throw new Error('not opened in unit tests');
    },
  };
}

const all = [
  fake('shell/bash', 'shell'),
  fake('shell/dash', 'shell'),
  fake('python/utf8', 'python'),
  fake('wire-shell/bash', 'shell', 'wire'),
];
const tags = new Set(['non-ascii', 'large']);
const vector = (tagged: string[]) => ({ tags: tagged }) as unknown as Vector;

describe('selectColumns', () => {
  test.each([
    ['nothing given: everything', [], [], all.map((c) => c.id)],
    ['an implementation', ['wire-shell'], [], ['wire-shell/bash']],
    [
      'a name that is an implementation and a language',
      ['shell'],
      [],
      ['shell/bash', 'shell/dash', 'wire-shell/bash'],
    ],
    ['an environment', ['bash'], [], ['shell/bash', 'wire-shell/bash']],
    ['a column', ['shell/dash'], [], ['shell/dash']],
    ['a language', ['python'], [], ['python/utf8']],
    ['a kind', ['wire'], [], ['wire-shell/bash']],
    ['skip an environment', [], ['bash'], ['shell/dash', 'python/utf8']],
    [
      'only a language, skip a column',
      ['shell'],
      ['shell/bash'],
      ['shell/dash', 'wire-shell/bash'],
    ],
    ['a tag alone keeps every column', ['non-ascii'], [], all.map((c) => c.id)],
  ])('%s', (_name, only, skip, ids) => {
    expect(selectColumns(all, only, skip, tags).columns.map((c) => c.id)).toEqual(ids);
  });

  test.each([
    ['no tag filter', [], [], ['x'], true],
    ['only a tag: vectors with it', ['large'], [], ['large'], true],
    ['only a tag: vectors without it go', ['large'], [], ['x'], false],
    ['skip a tag', [], ['large'], ['large', 'x'], false],
  ])('vectors: %s', (_name, only, skip, vectorTags, kept) => {
    expect(selectColumns(all, only, skip, tags).vectorFilter(vector(vectorTags))).toBe(kept);
  });

  test('a name that is neither is a usage error listing what is known', () => {
    let message = '';
    try {
      selectColumns(all, ['cobol'], [], tags);
    } catch (error) {
      expect(isConformanceError(error) && error.code).toBe('ERR_CONFORMANCE_USAGE');
      message = (error as Error).message;
    }
    expect(message).toContain('"cobol" names no implementation');
    expect(message).toContain('shell/dash');
    expect(message).toContain('non-ascii');
  });

  describe('a subject with a wire level (the shell snippet run whole)', () => {
    const shell: Column = {
      ...fake('shell/zsh', 'shell'),
      wireLevel: {
        implementation: { ...fake('wire-shell/zsh', 'shell', 'wire').implementation },
        environment: { id: 'zsh', label: 'zsh, curl' },
        probe: async () => ({ available: true, runtimeVersion: '1' }),
      },
    };
    const shown = (only: string[], skip: string[] = []) =>
      selectColumns([shell], only, skip, tags).columns.flatMap((c) =>
        shownLevels(c).map((l) => `${l.implementation.id}/${l.environment.id}`),
      );

    test.each([
      [[], [], ['shell/zsh', 'wire-shell/zsh']],
      [['wire-shell'], [], ['wire-shell/zsh']],
      [['wire'], [], ['wire-shell/zsh']],
      [['shell/zsh'], [], ['shell/zsh']],
      [['zsh'], [], ['shell/zsh', 'wire-shell/zsh']],
      [[], ['wire-shell'], ['shell/zsh']],
      [[], ['shell/zsh'], ['wire-shell/zsh']],
      [[], ['zsh'], []],
    ])('--only %j --skip %j shows %j', (only, skip, expected) => {
      expect(shown(only, skip)).toEqual(expected);
    });

    test('the view shares the subject: its probe and its labels stay its own', async () => {
      const [view] = selectColumns([shell], ['wire-shell'], [], tags).columns;
      expect(view?.shown).toBe('wire-level-only');
      expect(view?.environment).toBe(shell.environment);
      expect(await view?.probe()).toEqual(await shell.probe());
    });
  });
});
