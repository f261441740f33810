import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderJunit } from '../src/reports/junit.js';
import { renderMarkdown } from '../src/reports/markdown.js';
import { type Report, type ReportResult, resultGroups } from '../src/reports/report.js';
import { broken, cli, emptyExpectations, example, realPython } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = existsSync(CHROMIUM);
const needsChromium = hasChromium || process.env.CI === 'true';
if (!hasChromium && process.env.CI !== 'true')
  console.warn(`reports.test: skipping the XML parse: ${CHROMIUM} is missing`);

const work = mkdtempSync(join(tmpdir(), 'pnm-reports-'));
const paths = {
  json: join(work, 'out', 'report.json'),
  junit: join(work, 'out', 'junit.xml'),
  markdown: join(work, 'out', 'summary.md'),
  html: join(work, 'out', 'report.html'),
};

let browser: Browser | undefined;
let report: Report;
let exitCode: number | undefined;

beforeAll(async () => {
  const python = realPython();
  const none = emptyExpectations(work);
  const run = await execa(
    process.execPath,
    [
      cli,
      ...[
        '--impl',
        `${python} ${example}`,
        '--impl',
        `${python} ${broken}`,
        '--runs',
        '40',
        '--quiet',
        '--expectations',
        none,
      ],
      ...Object.entries(paths).flatMap(([format, path]) => ['--report', `${format}=${path}`]),
    ],
    { reject: false, env: { CI: 'false', NO_COLOR: '1' } },
  );
  exitCode = run.exitCode;
  report = JSON.parse(readFileSync(paths.json, 'utf8')) as Report;
  if (hasChromium)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

interface ParsedCase {
  classname: string;
  name: string;
  children: string[];
  message: string | null;
}
interface ParsedSuite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  cases: ParsedCase[];
}

/** Parses XML with Chromium's DOMParser; throws with the parser's message if malformed. */
async function parseJunit(xml: string): Promise<ParsedSuite[]> {
  if (!browser) throw new Error(`${CHROMIUM} is required to parse the XML`);
  const page = await browser.newPage();
  try {
    return await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const error = doc.querySelector('parsererror');
      if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
      if (doc.documentElement.tagName !== 'testsuites')
        throw new Error(`root is ${doc.documentElement.tagName}`);
      return Array.from(doc.documentElement.children).map((suite) => ({
        name: suite.getAttribute('name') ?? '',
        tests: Number(suite.getAttribute('tests')),
        failures: Number(suite.getAttribute('failures')),
        errors: Number(suite.getAttribute('errors')),
        skipped: Number(suite.getAttribute('skipped')),
        cases: Array.from(suite.children).map((c) => ({
          classname: c.getAttribute('classname') ?? '',
          name: c.getAttribute('name') ?? '',
          children: Array.from(c.children).map((child) => child.tagName),
          message: c.firstElementChild?.getAttribute('message') ?? null,
        })),
      }));
    }, xml);
  } finally {
    await page.close();
  }
}

/** The JUnit element a result must produce. */
function junitChild(result: ReportResult): string[] {
  switch (result.outcome) {
    case 'pass':
      return [];
    case 'fail':
    case 'xpass':
      return ['failure'];
    case 'error':
      return ['error'];
    default:
      return ['skipped'];
  }
}

describe('one run, four formats', () => {
  test('the run diverges (exit 1) and writes json, junit, markdown and html', () => {
    expect(exitCode).toBe(1);
    for (const path of Object.values(paths)) expect(existsSync(path), path).toBe(true);
    expect(report.summary.ok).toBe(false);
    expect(report.columns.map((c) => c.id)).toEqual([
      'python-example/python',
      'python-broken/python',
    ]);
    expect(readFileSync(paths.html, 'utf8')).toContain('<table id="matrix">');
  });

  test.skipIf(!needsChromium)(
    'JUnit: well-formed, one case per column×vector plus the property search, failures where the JSON says',
    async () => {
      const suites = await parseJunit(readFileSync(paths.junit, 'utf8'));
      expect(suites.map((s) => s.name)).toEqual(report.columns.map((c) => c.id));
      for (const column of report.columns) {
        const suite = suites.find((s) => s.name === column.id) as ParsedSuite;
        const results = report.results.filter(
          (r) => `${r.implementation}/${r.environment}` === column.id,
        );
        const hasProperties = report.properties.some(
          (p) => `${p.implementation}/${p.environment}` === column.id,
        );
        expect(suite.cases).toHaveLength(results.length + (hasProperties ? 1 : 0));
        expect(suite.tests).toBe(suite.cases.length);
        const classname = `${column.implementation}.${column.environment}`;
        for (const result of results) {
          const found = suite.cases.filter(
            (c) => c.name === `${result.group}/${result.vector}` && c.classname === classname,
          );
          expect(found, `${column.id} ${result.vector}`).toHaveLength(1);
          expect(found[0]?.children, `${column.id} ${result.vector} is ${result.outcome}`).toEqual(
            junitChild(result),
          );
          if (result.outcome === 'fail')
            expect(found[0]?.message).toBe(`expected ${result.expected}, got ${result.actual}`);
        }
        const property = suite.cases.find((c) => c.name === 'property-search');
        const propertyFound = report.propertyFindings.some(
          (f) => `${f.implementation}/${f.environment}` === column.id,
        );
        expect(property?.children).toEqual(propertyFound ? ['failure'] : []);
        const count = (...outcomes: string[]) =>
          results.filter((r) => outcomes.includes(r.outcome)).length;
        expect(suite.failures).toBe(count('fail', 'xpass') + (propertyFound ? 1 : 0));
        expect(suite.errors).toBe(count('error'));
        expect(suite.skipped).toBe(count('xfail', 'unrepresentable', 'unavailable'));
      }
      // The broken column really fails in JUnit terms; the example has no failure element.
      expect(suites[1]?.failures).toBeGreaterThan(0);
    },
  );

  test('Markdown: verdict, summary, the matrix with one row per column, and every finding', () => {
    const md = readFileSync(paths.markdown, 'utf8');
    const lines = md.split('\n');
    expect(lines[0]).toBe('## plugNmeet signing conformance: ❌ FAILED');
    const groups = resultGroups(report);
    const header = lines.indexOf(`| column | runtime | ${groups.join(' | ')} | properties |`);
    expect(header).toBeGreaterThan(0);
    for (const [i, column] of report.columns.entries()) {
      const row = lines[header + 2 + i] ?? '';
      expect(row.startsWith(`| ${column.id} |`), row).toBe(true);
      expect(row.split(' | ')).toHaveLength(groups.length + 3);
    }
    expect(lines[header + 2]).not.toContain('✗ 8/76'); // the example is clean on edge cases
    expect(lines[header + 3]).toContain('✗'); // the broken one is not
    expect(md).toContain('### Findings');
    for (const finding of report.findings) {
      expect(md).toContain(
        `| **new** | ${finding.implementation}/${finding.environment} | \`${finding.cause}\``,
      );
    }
    expect(md).toContain(`${report.summary.pass} pass · ${report.summary.fail} fail`);
  });

  test.skipIf(!needsChromium)(
    'hostile strings keep JUnit well-formed and Markdown tables intact',
    async () => {
      const evil =
        'a|b</testcase>]]><x y="z"> & \u0000\u0007\u001b[31m\ud800 `tick` <script>alert(1)</script>\nnext line';
      const hostile: Report = structuredClone(report);
      const finding = hostile.findings[0];
      const column = hostile.columns[0];
      if (!finding || !column) throw new Error('the run should have findings and columns');
      column.id = `python-example/${evil}`;
      column.environment = evil;
      finding.environment = evil;
      finding.cause = evil;
      finding.explanation = evil;
      finding.minimal.body = { text: evil, hex: '00' };
      hostile.results = hostile.results.map((r, i) =>
        i < 3
          ? {
              ...r,
              environment: evil,
              vector: evil,
              actual: evil,
              detail: evil,
              outcome: i === 0 ? 'fail' : i === 1 ? 'error' : 'unrepresentable',
            }
          : r,
      );
      const suites = await parseJunit(renderJunit(hostile));
      const evilCases = suites
        .flatMap((s) => s.cases)
        .filter((c) => c.name.includes('a|b</testcase>]]><x y="z"> & '));
      // Control characters XML cannot carry become U+FFFD; line breaks survive as references.
      expect(
        evilCases.map((c) => [
          c.children,
          c.name.endsWith('</script>\nnext line'),
          c.name.includes('\ufffd\ufffd\ufffd[31m'),
        ]),
      ).toEqual([
        [['failure'], true, true],
        [['error'], true, true],
        [['skipped'], true, true],
      ]);

      const md = renderMarkdown(hostile);
      // Outside code spans (which are literal), no hostile markup survives.
      const prose = md.replace(/`[^`\n]*`/g, '');
      expect(prose).not.toContain('<script>');
      expect(prose).not.toContain('<x y=');
      expect(prose).toContain('&lt;script&gt;');
      for (const line of md
        .split('\n')
        .filter((l) => l.startsWith('| **new**') || l.startsWith('| impl-'))) {
        // Every unescaped pipe is a cell border: the hostile text adds none.
        const borders = line.replace(/\\\|/g, '').split('|').length - 1;
        expect(borders, line).toBe(
          line.startsWith('| **new**') ? 7 : resultGroups(report).length + 4,
        );
      }
    },
  );
});
