import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEndToEndScript } from '../implementations/wire/shell-end-to-end.js';
import { DOCUMENTED_SHELL_WIRE, splitShellSnippet } from '../implementations/wire/shell-wire.js';
import { SNIPPETS, snippetInfo } from './catalog.js';
import { extractSections, readPage } from './page.js';
import { extractRegion, renderWorker, snippetParts } from './render.js';
import { applySlots, readSnippet, signStatements, splitImports } from './slots.js';

const page = readPage();
const sections = extractSections(
  page,
  SNIPPETS.map((snippet) => snippet.heading),
);

describe('the snippet files are the page, verbatim', () => {
  it.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))('%s', (_, snippet) => {
    expect(readSnippet(snippet)).toBe(sections.get(snippet.heading));
  });

  it('covers every section of the page between "Examples" and "SDKs"', () => {
    const lines = page.split('\n');
    const from = lines.indexOf('Examples') + 1;
    const to = lines.indexOf('SDKs');
    const covered = SNIPPETS.map(
      (snippet) => `${snippet.heading}\n${sections.get(snippet.heading)}`,
    );
    expect(covered.join('')).toBe(
      lines
        .slice(from, to)
        .map((line) => `${line}\n`)
        .join(''),
    );
  });

  it('notices when the page changes shape', () => {
    expect(() => extractSections(page.replace('\nRuby\n', '\nRuby:\n'), ['Ruby'])).toThrow(
      /occurs 0 times/,
    );
  });
});

describe('slots are the only edits', () => {
  it.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))(
    '%s: every literal occurs exactly once',
    (_, snippet) => {
      const text = readSnippet(snippet);
      for (const slot of snippet.slots) expect(text.split(slot.literal)).toHaveLength(2);
      expect(snippet.slots.filter((slot) => slot.role === 'body')).toHaveLength(1);
      expect(snippet.slots.filter((slot) => slot.role === 'secret')).toHaveLength(1);
    },
  );

  it.each(SNIPPETS.map((snippet) => [snippet.id, snippet] as const))(
    '%s: the program runs the snippet with its slots replaced, and nothing else of it',
    (_, snippet) => {
      const program = renderWorker(snippet.id, {
        CRYPTOJS_PATH: '"crypto-js"',
        CRYPTOJS_PACKAGE_JSON: '"crypto-js/package.json"',
      });
      const applied = applySlots(readSnippet(snippet), snippet.slots);
      const { imports, statements } = splitImports(applied, snippet.importLine);
      expect(extractRegion(program.source, 'statements')).toBe(signStatements(snippet, statements));
      if (snippet.id === 'shell') {
        expect(imports).toBe('');
      } else {
        expect(extractRegion(program.source, 'imports')).toBe(imports);
      }
      // No literal input survives anywhere in the program: the case's bytes are all it signs.
      for (const slot of snippet.slots) expect(program.source).not.toContain(slot.literal);
      // Undo the slots: what is left is the page's text, from its first line on.
      let restored = `${extractRegion(program.source, 'statements')}`;
      if (snippet.id !== 'shell')
        restored = `${extractRegion(program.source, 'imports')}${restored}`;
      for (const slot of snippet.slots) restored = restored.replace(slot.replacement, slot.literal);
      expect(readSnippet(snippet).startsWith(restored)).toBe(true);
      expect(program.source).not.toMatch(/@@[A-Z_]+@@/);
    },
  );

  it('edits beyond a literal swap say why', () => {
    for (const snippet of SNIPPETS) {
      for (const slot of snippet.slots) {
        const swap = /^(['"`]|b')/.test(slot.literal) || slot.role === 'url';
        if (!swap) expect(slot.reason, `${snippet.id} ${slot.role}`).toBeTruthy();
      }
    }
  });

  it('the shell sign worker stops at SIGNATURE=; the whole script keeps the curl request', () => {
    const shell = snippetInfo('shell');
    const { statements } = snippetParts(shell);
    expect(statements.trimEnd().split('\n').at(-1)).toMatch(/^SIGNATURE=\$\(echo -n "\$BODY"/);
    // The script the runs execute: the snippet whole, cut once where its signing ends.
    const split = splitShellSnippet(DOCUMENTED_SHELL_WIRE);
    expect(split.sign + split.request).toBe(applySlots(readSnippet(shell), shell.slots));
    const script = renderEndToEndScript(split);
    const signed = script.indexOf(split.sign);
    const kept = script.indexOf('> "$PNM_SIGNATURE_FILE"');
    const requested = script.indexOf(split.request);
    expect([signed > 0, kept > signed, requested > kept]).toEqual([true, true, true]);
    expect(split.request).toContain('curl -X POST "$PNM_BASE_URL"/auth/room/getActiveRoomInfo');
  });

  it('applySlots refuses a literal that is missing or repeated', () => {
    const slot = { role: 'body' as const, literal: 'x', replacement: 'y' };
    expect(() => applySlots('abc', [slot])).toThrow(/occurs 0 times/);
    expect(() => applySlots('xx', [slot])).toThrow(/occurs 2 times/);
  });

  it('worker templates are ASCII, so no compiler or interpreter reads them by locale', () => {
    for (const snippet of SNIPPETS) {
      const program = renderWorker(snippet.id, {
        CRYPTOJS_PATH: '"crypto-js"',
        CRYPTOJS_PACKAGE_JSON: '"crypto-js/package.json"',
      });
      expect(
        [...program.source].every((char) => char.charCodeAt(0) < 0x80),
        snippet.id,
      ).toBe(true);
    }
    expect(
      readFileSync(new URL('../../snippets/api-introduction.txt', import.meta.url), 'utf8'),
    ).toBe(page);
  });
});
