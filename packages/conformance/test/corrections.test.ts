import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVectorFiles, type Vector } from '@plugnmeet-signing/vectors';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { CORRECTIONS, readCorrection } from '../src/corrections/catalog.js';
import { correctedProgram } from '../src/corrections/columns.js';
import { pagePatch, patchedPage } from '../src/corrections/page-patch.js';
import { correctedShellWire } from '../src/corrections/shell-wire-correction.js';
import { renderEndToEndScript } from '../src/implementations/wire/shell-end-to-end.js';
import { splitShellSnippet } from '../src/implementations/wire/shell-wire.js';
import type { Report } from '../src/reports/report.js';
import { SNIPPETS, snippetInfo } from '../src/snippets/catalog.js';
import { extractSections, PAGE_FILE, readPage, SNIPPETS_DIR } from '../src/snippets/page.js';
import { extractRegion } from '../src/snippets/render.js';
import { applySlots, readSnippet, signStatements, splitImports } from '../src/snippets/slots.js';
import { cli, emptyExpectations } from './helpers.js';

const expectationsFile = fileURLToPath(new URL('../expectations.json', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pnm-corrections-'));
// No expected failures at all: the corrected columns must pass without any.
const noExpectations = emptyExpectations(work);
const RUNS = 200;

function conformance(args: string[]) {
  return execa(process.execPath, [cli, ...args], {
    reject: false,
    env: { CI: 'false', NO_COLOR: '1' },
  });
}

async function listColumns(only: string): Promise<string[]> {
  const listed = await conformance(['--list', '--only', only]);
  expect(listed.exitCode, listed.stderr).toBe(0);
  return listed.stdout
    .trim()
    .split('\n')
    .map((line) => line.split('\t')[0] as string);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('corrected snippets as columns', () => {
  let report: Report;
  let vectors: Map<string, Vector>;
  const reportPath = join(work, 'corrected.json');

  beforeAll(async () => {
    const result = await conformance([
      '--only',
      'corrected',
      '--runs',
      String(RUNS),
      '--expectations',
      noExpectations,
      '--require-all',
      '--quiet',
      '--report',
      `json=${reportPath}`,
    ]);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    vectors = new Map(
      (await loadVectorFiles()).flatMap((file) => file.vectors.map((v) => [v.id, v] as const)),
    );
  }, 900_000);

  test('every correction runs in exactly the environments of its original', async () => {
    for (const correction of CORRECTIONS) {
      const originals = (await listColumns(correction.correctionOf)).filter((id) =>
        id.startsWith(`${correction.correctionOf}/`),
      );
      const corrected = await listColumns(correction.id);
      expect(originals.length).toBeGreaterThan(0);
      expect(corrected.map((id) => id.replace(`${correction.id}/`, ''))).toEqual(
        originals.map((id) => id.replace(`${correction.correctionOf}/`, '')),
      );
      const inReport = report.columns.filter((c) => c.implementation === correction.id);
      expect(inReport.map((c) => c.id)).toEqual(corrected);
      for (const column of inReport) {
        expect(column.available, column.id).toBe(true);
        expect(column.implementationKind).toBe('corrected');
        expect(column.correctionOf).toBe(correction.correctionOf);
        expect(column.correctionReason).toBe(correction.reason);
      }
    }
  });

  test('every vector agrees with node:crypto in every environment; only bytes the language cannot hold are skipped', () => {
    const sign = report.results.filter((r) => vectors.get(r.vector)?.kind === 'sign');
    expect(sign.length).toBeGreaterThan(100 * report.columns.length * 0.5);
    for (const result of sign) {
      const vector = vectors.get(result.vector) as Vector & { kind: 'sign' };
      const where = `${result.implementation}/${result.environment} ${result.vector}`;
      expect(['pass', 'unrepresentable'], `${where}: ${result.detail}`).toContain(result.outcome);
      if (result.outcome === 'unrepresentable') {
        if (result.implementation === 'shell-corrected') {
          // A shell variable cannot hold a NUL byte.
          expect(vector.body.includes(0) || vector.secret.includes(0), where).toBe(true);
        } else {
          // A Java String literal holds text: invalid UTF-8 has no String.
          expect(!isUtf8(vector.body) || !isUtf8(vector.secret), where).toBe(true);
        }
        continue;
      }
      if (vector.secret.length === 0) {
        // The reference refuses the empty key; the corrections refuse it loudly too.
        expect(result.actual, where).toMatch(/^refused: /);
        continue;
      }
      const mac = createHmac('sha256', vector.secret).update(vector.body).digest('hex');
      expect(result.actual, where).toBe(mac);
    }
    // The NUL/invalid-UTF-8 exceptions are the only ones: every other input was signed.
    expect(
      report.summary.fail + report.summary.error + report.summary.xfail + report.summary.xpass,
    ).toBe(0);
  });

  test(`the property search ran ${RUNS} cases in every environment and found nothing`, () => {
    expect(report.properties).toHaveLength(report.columns.length);
    for (const summary of report.properties) {
      expect(summary.runs, `${summary.implementation}/${summary.environment}`).toBe(RUNS);
      expect(summary.findings).toBe(0);
      expect(summary.expectedDivergences).toBe(0);
    }
    expect(report.propertyFindings).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  test('the expectations file has no entry for a corrected column', () => {
    const file = JSON.parse(readFileSync(expectationsFile, 'utf8')) as {
      expectations: Array<{ implementation: string }>;
    };
    const corrected = new Set<string>(CORRECTIONS.map((c) => c.id));
    expect(file.expectations.filter((e) => corrected.has(e.implementation))).toEqual([]);
  });

  test('a divergence of the original is shown with its correction, which agrees in the same shell', async () => {
    const out = join(work, 'dash.json');
    const result = await conformance([
      '--only',
      'shell/dash,shell-corrected/dash,backslash',
      '--runs',
      '0',
      '--expectations',
      noExpectations,
      '--quiet',
      '--report',
      `json=${out}`,
    ]);
    expect(result.exitCode).toBe(1);
    const dash = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const shellCorrection = CORRECTIONS.find((c) => c.id === 'shell-corrected');
    const original = dash.findings.filter((f) => f.implementation === 'shell');
    expect(original.map((f) => f.cause)).toContain('echo-interprets-backslashes');
    for (const finding of original) expect(finding.correction).toBe(shellCorrection?.reason);
    expect(dash.findings.filter((f) => f.implementation === 'shell-corrected')).toEqual([]);
    expect(result.stdout).toContain(`fixed by: ${shellCorrection?.reason}`);
  });

  test('docs-patch from this report: proven, the patch and a note naming each snippet', async () => {
    const out = join(work, 'docs');
    const result = await conformance(['docs-patch', '--out', out, '--report-json', reportPath]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(join(out, 'api-introduction.patch'), 'utf8')).toBe(pagePatch(readPage()));
    const note = readFileSync(join(out, 'NOTE.md'), 'utf8');
    expect(note).toContain(`the JSON report \`${reportPath}\``);
    for (const correction of CORRECTIONS) {
      expect(note).toContain(`## ${snippetInfo(correction.correctionOf).heading}`);
      expect(note).toContain(correction.rationale);
    }
    expect(note).toContain('Every corrected column ran and agreed with the reference');
  });
});

describe('corrected snippets as programs', () => {
  test('each runs its stored text with only its slots applied', () => {
    for (const correction of CORRECTIONS) {
      const program = correctedProgram(correction).render({});
      const applied = applySlots(readCorrection(correction), correction.slots);
      const { imports, statements } = splitImports(applied, correction.importLine);
      expect(extractRegion(program.source, 'statements')).toBe(
        signStatements(correction, statements),
      );
      if (imports !== '') expect(extractRegion(program.source, 'imports')).toBe(imports);
    }
  });

  test('the shell sign part stops before the request; the whole script sends the signed bytes', () => {
    const shell = CORRECTIONS.find((c) => c.id === 'shell-corrected');
    if (!shell) throw new Error('no shell correction');
    const { statements } = splitImports(applySlots(readCorrection(shell), shell.slots), undefined);
    const sign = signStatements(shell, statements);
    expect(sign).toContain('SIGNATURE=$(body | openssl');
    expect(sign).toContain('exit 1');
    expect(sign).not.toContain('curl');
    // The script the runs execute, as the wire column renders it.
    const split = splitShellSnippet(correctedShellWire());
    expect(split.sign).toBe(sign);
    const script = renderEndToEndScript(split);
    expect(script).toContain(split.request);
    expect(split.request).toContain(
      'body | curl -X POST "$PNM_BASE_URL"/auth/room/getActiveRoomInfo',
    );
    expect(split.request).toContain('--data-binary @-');
    expect(script).not.toMatch(/echo -n|-d "\$BODY"/);
  });
});

describe('docs patch', () => {
  const corrected = new Map(
    CORRECTIONS.map((c) => [snippetInfo(c.correctionOf).heading, readCorrection(c)]),
  );
  const headings = SNIPPETS.map((s) => s.heading);

  function expectCorrectedPage(text: string) {
    const sections = extractSections(text, headings);
    for (const snippet of SNIPPETS) {
      expect(sections.get(snippet.heading), snippet.heading).toBe(
        corrected.get(snippet.heading) ?? readSnippet(snippet),
      );
    }
  }

  function pageCopy(name: string): string {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    cpSync(join(SNIPPETS_DIR, PAGE_FILE), join(dir, PAGE_FILE));
    writeFileSync(join(dir, 'docs.patch'), pagePatch(readPage()));
    return dir;
  }

  test('patch -p1 applies it cleanly and the page then holds the corrected snippets', async () => {
    const dir = pageCopy('with-patch');
    const result = await execa('patch', ['-p1', '--fuzz=0', '-i', 'docs.patch'], {
      cwd: dir,
      reject: false,
    });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).not.toMatch(/offset|fuzz/i);
    const text = readFileSync(join(dir, PAGE_FILE), 'utf8');
    expectCorrectedPage(text);
    expect(text).toBe(patchedPage(readPage()));
  });

  test('git apply takes it too', async () => {
    const dir = pageCopy('with-git');
    await execa('git', ['init', '-q'], { cwd: dir });
    const result = await execa('git', ['apply', '--verbose', 'docs.patch'], {
      cwd: dir,
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expectCorrectedPage(readFileSync(join(dir, PAGE_FILE), 'utf8'));
  });

  test('only the broken snippets change; the others stay as published', () => {
    const patch = pagePatch(readPage());
    const touched = [...patch.matchAll(/^[-+](?![-+]{2} [ab]\/)(.*)$/gm)].map((m) => m[1]);
    expect(touched.length).toBeGreaterThan(0);
    const after = extractSections(patchedPage(readPage()), headings);
    for (const snippet of SNIPPETS.filter((s) => !corrected.has(s.heading))) {
      expect(after.get(snippet.heading)).toBe(readSnippet(snippet));
    }
  });

  test('a page whose snippet no longer matches the stored original is refused', () => {
    const changed = readPage().replace('echo -n "$BODY"', 'printf %s "$BODY"');
    expect(() => pagePatch(changed)).toThrow(/not the stored shell\/snippet\.sh/);
  });
});
