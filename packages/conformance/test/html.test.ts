import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OUTCOMES } from '../src/model.js';
import { renderHtml } from '../src/reports/html.js';
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

const work = mkdtempSync(join(tmpdir(), 'pnm-html-'));
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI !== 'true')
  console.warn(
    `html.test: skipping: ${CHROMIUM} is missing (scripts/setup-toolchains installs it)`,
  );

let browser: Browser;
let report: Report;
let htmlPath: string;

beforeAll(async () => {
  const python = realPython();
  const none = emptyExpectations(work);
  const json = join(work, 'report.json');
  htmlPath = join(work, 'report.html');
  const run = await execa(
    process.execPath,
    [
      cli,
      '--impl',
      `${python} ${example}`,
      '--impl',
      `${python} ${broken}`,
      '--runs',
      '40',
      '--quiet',
      '--expectations',
      none,
      '--report',
      `json=${json}`,
      '--report',
      `html=${htmlPath}`,
    ],
    { reject: false, env: { CI: 'false', NO_COLOR: '1' } },
  );
  expect(run.exitCode, run.stderr).toBe(1);
  report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  if (hasChromium)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a page and records every console message, page error and non-file request. */
async function open(
  path: string,
  javaScriptEnabled = true,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(path).href);
  return { page, problems };
}

/** Every matrix cell as the page shows it. */
function readCells(page: Page) {
  // The outcome names go into the page as an argument: the callback runs in the browser.
  const keys = ['total', ...OUTCOMES];
  return page.$$eval(
    '#matrix td.cell',
    (cells, names) =>
      cells.map((cell) => {
        const el = cell as HTMLElement;
        return {
          column: el.dataset.column ?? '',
          group: el.dataset.group ?? '',
          text: el.textContent ?? '',
          state: el.className.replace('cell', '').replace('selected', '').trim(),
          counts: Object.fromEntries(names.map((k) => [k, Number(el.dataset[k])])),
        };
      }),
    keys,
  );
}

/** What each cell must say, from the JSON alone. */
function expectedCells(results: readonly ReportResult[]) {
  return report.columns.flatMap((column) =>
    resultGroups(report).map((group) => {
      const mine = results.filter(
        (r) => `${r.implementation}/${r.environment}` === column.id && r.group === group,
      );
      const counts: Record<string, number> = { total: mine.length };
      for (const o of OUTCOMES) counts[o] = mine.filter((r) => r.outcome === o).length;
      const bad = (counts.fail ?? 0) + (counts.error ?? 0) + (counts.xpass ?? 0);
      const text =
        mine.length === 0 ? '·' : bad > 0 ? `✗ ${bad}/${mine.length}` : `✓ ${counts.pass}`;
      return { column: column.id, group, counts, text };
    }),
  );
}

describe.skipIf(!hasChromium && process.env.CI !== 'true')(
  'HTML report in headless Chromium',
  () => {
    test('loads with no network, no console errors (the CSP hashes hold), and the title says the verdict', async () => {
      expect(hasChromium, `${CHROMIUM} is required under CI`).toBe(true);
      const { page, problems } = await open(htmlPath);
      expect(await page.title()).toBe('plugNmeet signing conformance: FAILED');
      expect(await page.locator('html').getAttribute('class')).toContain('js');
      expect(await page.locator('#filter-status').textContent()).toContain(
        `Showing 2 of 2 columns, ${report.results.length} results`,
      );
      await page.screenshot({ path: join(work, 'report.png'), fullPage: true });
      console.info(`html.test: screenshot at ${join(work, 'report.png')}`);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    test('every cell matches the JSON, as rendered on the server and as recomputed by the script', async () => {
      const want = expectedCells(report.results);
      expect(want.length).toBe(report.columns.length * resultGroups(report).length);
      for (const javaScriptEnabled of [false, true]) {
        const { page } = await open(htmlPath, javaScriptEnabled);
        const cells = await readCells(page);
        expect(
          cells.map(({ column, group, counts, text }) => ({ column, group, counts, text })),
        ).toEqual(want);
        // Colour follows the outcome: the broken column is red wherever it diverges.
        for (const cell of cells) {
          const bad = (cell.counts.fail ?? 0) + (cell.counts.xpass ?? 0);
          if (bad > 0) expect(cell.state).toBe('fail');
          else if ((cell.counts.error ?? 0) > 0) expect(cell.state).toBe('error');
          else if (cell.counts.total === 0) expect(cell.state).toBe('empty');
          else expect(cell.state).toBe('pass');
        }
        const properties = await page.$$eval('#matrix td.properties', (tds) =>
          tds.map((td) => (td as HTMLElement).dataset.findings),
        );
        expect(properties).toEqual(
          report.columns.map((c) =>
            String(
              report.properties.find((p) => `${p.implementation}/${p.environment}` === c.id)
                ?.findings ?? 0,
            ),
          ),
        );
        await page.context().close();
      }
    });

    test('the implementation filter hides that implementation’s rows and findings', async () => {
      const { page, problems } = await open(htmlPath);
      const visibleRows = () =>
        page.$$eval('#matrix tbody tr:not(.hidden)', (rows) =>
          rows.map((r) => (r as HTMLElement).dataset.implementation),
        );
      const visibleFindings = () =>
        page.$$eval('.finding:not(.hidden)', (fs) =>
          fs.map((f) => (f as HTMLElement).dataset.implementation),
        );
      expect(await visibleRows()).toEqual(['python-example', 'python-broken']);
      await page.getByLabel(/python-broken — python-broken 0\.0\.1/).uncheck();
      expect(await visibleRows()).toEqual(['python-example']);
      const shown = await visibleFindings();
      expect(shown).toEqual(
        report.findings
          .filter((f) => f.implementation === 'python-example')
          .map((f) => f.implementation),
      );
      expect(await page.locator('.finding:visible').count()).toBe(shown.length);
      await page.getByRole('button', { name: 'all' }).first().click();
      expect(await visibleRows()).toEqual(['python-example', 'python-broken']);
      expect(await visibleFindings()).toHaveLength(report.findings.length);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    test('the tag filter recomputes every cell from the embedded results and filters findings', async () => {
      const { page, problems } = await open(htmlPath);
      await page.locator('#tag-filter summary').click();
      await page.getByRole('checkbox', { name: /^invalid-utf8 / }).check();
      const tagged = report.results.filter((r) => r.tags.includes('invalid-utf8'));
      expect(tagged.length).toBeGreaterThan(0);
      const cells = await readCells(page);
      expect(
        cells.map(({ column, group, counts, text }) => ({ column, group, counts, text })),
      ).toEqual(expectedCells(tagged));
      // Only findings seen on tagged vectors remain: the broken column's invalid-UTF-8 finding.
      const causes = await page.$$eval('.finding:not(.hidden)', (fs) =>
        fs.map((f) => (f as HTMLElement).dataset.cause),
      );
      const taggedVectors = new Set(tagged.map((r) => r.vector));
      expect(causes).toEqual(
        report.findings
          .filter((f) => f.vectors.some((v) => taggedVectors.has(v)))
          .map((f) => f.cause),
      );
      expect(causes).toContain('invalid-utf8-replaced');
      expect(causes).not.toContain('trailing-newlines-stripped');
      // A second tag widens the selection (any of the ticked tags).
      await page.getByRole('checkbox', { name: /^trailing-newline / }).check();
      const either = report.results.filter(
        (r) => r.tags.includes('invalid-utf8') || r.tags.includes('trailing-newline'),
      );
      expect((await readCells(page)).map((c) => c.counts.total)).toEqual(
        expectedCells(either).map((c) => c.counts.total),
      );
      // Clicking a cell lists its vectors under the current filter, divergences first.
      await page
        .locator('#matrix td.cell[data-column="python-broken/python"][data-group="edge-cases"]')
        .click();
      const rows = await page.$$eval('#cell-details tr', (trs) =>
        trs.slice(1).map((tr) => Array.from(tr.children).map((td) => td.textContent)),
      );
      const inCell = either.filter(
        (r) => r.implementation === 'python-broken' && r.group === 'edge-cases',
      );
      expect(rows.map((r) => r[0]).sort()).toEqual(inCell.map((r) => r.vector).sort());
      expect(rows[0]?.[1]).toBe('fail');
      await page.screenshot({ path: join(work, 'report-filtered.png'), fullPage: true });
      expect(problems).toEqual([]);
      await page.context().close();
    });

    test('a finding shows its minimal input as text and hex, expected and actual, cause and explanation', async () => {
      const { page } = await open(htmlPath);
      const finding = report.findings.find((f) => f.cause === 'trailing-newlines-stripped');
      expect(finding?.minimal.body.text).toBeDefined();
      const card = page.locator('.finding[data-cause="trailing-newlines-stripped"]');
      expect(await card.locator('.bytes.body code.text').textContent()).toBe(
        JSON.stringify(finding?.minimal.body.text),
      );
      expect(await card.locator('.bytes.body code.hex').textContent()).toBe(
        finding?.minimal.body.hex,
      );
      expect(await card.locator('.bytes.secret code.hex').textContent()).toBe(
        finding?.minimal.secret.hex,
      );
      expect(await card.locator('code.expected').textContent()).toBe(finding?.expected);
      expect(await card.locator('code.actual').textContent()).toBe(finding?.actual);
      expect(await card.locator('.why').textContent()).toBe(finding?.explanation);
      // A body that is not UTF-8 says so and still shows its hex.
      const binary = report.findings.find((f) => f.minimal.body.text === undefined);
      if (binary) {
        const other = page.locator(`.finding[data-cause="${binary.cause}"]`).first();
        expect(await other.locator('.bytes.body').textContent()).toContain('not valid UTF-8');
        expect(await other.locator('.bytes.body code.hex').textContent()).toBe(
          binary.minimal.body.hex,
        );
      }
      await page.context().close();
    });

    test('hostile strings stay text: no script runs, the embedded JSON round-trips', async () => {
      const evil =
        '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
      const hostile: Report = structuredClone(report);
      const column = hostile.columns[1];
      const finding = hostile.findings[0];
      if (!column || !finding) throw new Error('the run should have two columns and findings');
      column.implementationLabel = evil;
      column.environmentLabel = `</title>${evil}`;
      finding.cause = `<b>${evil}</b>`;
      finding.explanation = `a body of ${evil}\u2028and a line separator`;
      finding.minimal.body = { text: evil, hex: Buffer.from(evil).toString('hex') };
      hostile.results[0] = {
        ...(hostile.results[0] as ReportResult),
        tags: [evil],
        detail: evil,
        actual: evil,
      };
      const path = join(work, 'hostile.html');
      const page0 = renderHtml(hostile);
      // Only the page's own two script elements: the hostile `</script>` never appears as markup.
      expect(page0.match(/<\/script>/g)).toHaveLength(2);
      writeFileSync(path, page0);
      const { page, problems } = await open(path);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(await page.$$eval('script', (s) => s.length)).toBe(2);
      expect(await page.$$eval('img', (s) => s.length)).toBe(0);
      const embedded = await page.evaluate(() =>
        JSON.parse(document.getElementById('report-data')?.textContent ?? 'null'),
      );
      expect(embedded).toEqual(JSON.parse(JSON.stringify(hostile)));
      expect(
        await page.locator('.finding').first().locator('.bytes.body code.text').textContent(),
      ).toBe(JSON.stringify(evil));
      expect(await page.locator('.finding').first().locator('code.cause').textContent()).toBe(
        `<b>${evil}</b>`,
      );
      // The hostile tag is a filter like any other, and its cell details show the text as text.
      await page.locator('#tag-filter summary').click();
      await page.$$eval(
        'input[name="tag"]',
        (inputs, value) => (inputs as HTMLInputElement[]).find((i) => i.value === value)?.click(),
        evil,
      );
      expect(await page.locator('#filter-status').textContent()).toContain(
        'Showing 1 of 2 columns, 1 results',
      );
      await page.locator('#matrix td.cell:not(.empty)').first().click();
      expect(await page.locator('#cell-details td').nth(3).textContent()).toBe(evil);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(problems).toEqual([]);
      await page.context().close();
    });
  },
);
