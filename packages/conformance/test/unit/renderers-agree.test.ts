/**
 * One report rendered in every format shows the same state in every cell: the terminal and
 * Markdown matrices, the HTML table, the HTML page's own script and the JSON round trip all
 * take it from `cellState`. Then a realistic report, rendered in every registered format
 * (and by the terminal and progress), read back from each output: every cell, every
 * property cell and every finding's shown fields must be the report view's. Nothing spawned.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { progressPrinter } from '../../src/cli/progress.js';
import type { Outcome } from '../../src/model.js';
import {
  CELL_MARKS,
  CELL_STATE_SOURCE,
  type CellState,
  type CellStateName,
  cellState,
} from '../../src/reports/cell-state.js';
import { type ShownBytes, seenIn } from '../../src/reports/finding-view.js';
import { FORMATS, REPORT_FORMATS, type ReportFormat } from '../../src/reports/formats.js';
import { renderHtml } from '../../src/reports/html.js';
import { readJsonReport, renderJson } from '../../src/reports/json.js';
import { renderMarkdown } from '../../src/reports/markdown.js';
import { countOutcomes, resultGroups } from '../../src/reports/report.js';
import { sdkMatrices } from '../../src/reports/sdk-matrix.js';
import { paintFor } from '../../src/reports/style.js';
import { renderMatrix, renderReport } from '../../src/reports/terminal.js';
import { reportView, resultsOf } from '../../src/reports/view.js';
import { visible } from '../../src/reports/visible.js';
import { cell, column, report } from './fixtures.js';
import {
  ANSI,
  type Colour,
  embeddedReport,
  pageScript,
  readHtml,
  readJunit,
  readMarkdown,
  readProgress,
  readTerminal,
  type ShownBytesRead,
} from './read-rendered.js';
import { sampleReport } from './sample-report.js';

/** One column per state, each with cells in the `edge-cases` group only (`rfc4231` empty). */
const STATES: Record<string, Outcome[]> = {
  'pass/p': ['pass', 'pass', 'unrepresentable'],
  'fail/f': ['pass', 'fail', 'xfail'],
  'error/e': ['error', 'pass'],
  'xfail/x': ['xfail', 'pass', 'unrepresentable'],
  'xpass/s': ['xpass'],
  'unrep/u': ['unrepresentable', 'unrepresentable'],
  'na/n': ['unavailable', 'unavailable'],
};

const sample = report({
  vectorFiles: [
    { name: 'edge-cases', path: 'edge-cases.json', formatVersion: 1, vectors: 3 },
    { name: 'rfc4231', path: 'rfc4231.json', formatVersion: 1, vectors: 1 },
  ],
  columns: Object.keys(STATES).map((id) =>
    column(id, { runtimeVersion: 'v1', available: id !== 'na/n' }),
  ),
  results: Object.entries(STATES).flatMap(([id, outcomes]) =>
    outcomes.map((outcome, i) => cell(id, `v${i}`, outcome, { group: 'edge-cases' })),
  ),
});
const groups = resultGroups(sample);

/** What `cellState` says of every cell, keyed `column group`. */
function expected(): Map<string, CellState> {
  const states = new Map<string, CellState>();
  for (const c of sample.columns) {
    for (const group of groups) {
      states.set(`${c.id} ${group}`, cellState(countOutcomes(resultsOf(sample, c, group))));
    }
  }
  return states;
}

describe('every renderer shows the cell states cellState computes', () => {
  const want = expected();

  test('the sample covers every state', () => {
    expect(new Set([...want.values()].map((s) => s.state))).toEqual(
      new Set(['pass', 'fail', 'error', 'xfail', 'unrepresentable', 'unavailable', 'empty']),
    );
    // The old disagreement: a cell of only unrepresentable results is "~2", not "✓ 0 ~2".
    expect(want.get('unrep/u edge-cases')?.text).toBe('~2');
  });

  test('terminal matrix', () => {
    const lines = renderMatrix(sample, paintFor({ isTTY: false }))
      .split('\n')
      .slice(1);
    for (const [i, c] of sample.columns.entries()) {
      const cells = (lines[i] ?? '').split(/ {2,}/);
      expect(cells[0]).toBe(c.id);
      groups.forEach((group, g) => {
        expect(cells[2 + g], `${c.id} ${group}`).toBe(want.get(`${c.id} ${group}`)?.text);
      });
    }
  });

  test('Markdown matrix', () => {
    const rows = renderMarkdown(sample)
      .split('\n')
      .filter((line) => line.startsWith('| `') || /^\| [a-z]+\/[a-z] \|/.test(line));
    for (const c of sample.columns) {
      const row = rows.find((r) => r.includes(c.id));
      const cells = (row ?? '').split(' | ');
      groups.forEach((group, g) => {
        expect(cells[2 + g], `${c.id} ${group}`).toBe(want.get(`${c.id} ${group}`)?.text);
      });
    }
  });

  test('HTML table: class and text', () => {
    const page = renderHtml(sample);
    const found = new Map<string, { state: string; text: string }>();
    for (const m of page.matchAll(
      /<td class="cell ([a-z]+)"[^>]*data-column="([^"]+)" data-group="([^"]+)"[^>]*>([^<]*)<\/td>/g,
    )) {
      found.set(`${m[2]} ${m[3]}`, { state: m[1] as string, text: m[4] as string });
    }
    for (const [key, state] of want) {
      expect(found.get(key), key).toEqual({ state: state.state, text: state.text });
    }
  });

  test("the HTML page's own script computes cells with the same function", () => {
    const page = renderHtml(sample);
    const at = page.indexOf(CELL_STATE_SOURCE);
    expect(at).toBeGreaterThan(page.indexOf('<script>'));
    const script = page.slice(at, at + CELL_STATE_SOURCE.length);
    const inPage = new Function(`${script}\nreturn cellState;`)() as typeof cellState;
    for (const c of sample.columns) {
      for (const group of groups) {
        const counts = countOutcomes(resultsOf(sample, c, group));
        expect(inPage(counts)).toEqual(want.get(`${c.id} ${group}`));
      }
    }
  });

  test('the JSON report keeps every cell it came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnm-agree-'));
    writeFileSync(join(dir, 'r.json'), renderJson(sample));
    const back = readJsonReport(join(dir, 'r.json'));
    for (const c of back.columns) {
      for (const group of groups) {
        expect(cellState(countOutcomes(resultsOf(back, c, group)))).toEqual(
          want.get(`${c.id} ${group}`),
        );
      }
    }
  });
});

/** The colour a terminal gives each state: the rule the reader holds the terminal to. */
const COLOUR: Record<CellStateName, Colour> = {
  fail: 'red',
  error: 'red',
  xfail: 'yellow',
  pass: 'green',
  unrepresentable: 'dim',
  unavailable: 'dim',
  empty: 'dim',
};

/** Worst first: a column's progress mark is its worst cell's (a new property finding fails it). */
const WORST: readonly CellStateName[] = [
  'fail',
  'error',
  'xfail',
  'pass',
  'unrepresentable',
  'unavailable',
  'empty',
];

/** The mark of a one-result cell in the main matrix: its text without the counts. */
const oneCaseMark = (outcome: Outcome) => cellState({ [outcome]: 1 }).main.replace(/[\s\d/]+$/, '');

function expectBytes(shown: ShownBytesRead | undefined, want: ShownBytes, where: string): void {
  if (want.text === undefined) {
    expect(shown?.text, where).toBeUndefined();
    if (shown?.cut) expect(want.hex.startsWith(shown.hex ?? '?'), where).toBe(true);
    else expect(shown?.hex, where).toBe(want.hex);
  } else if (shown?.cut) {
    // Cut for width: what is shown is the start of the escaped text.
    expect(visible(want.text).startsWith(shown.text ?? '?'), where).toBe(true);
  } else {
    expect(shown?.text, where).toBe(want.text);
  }
}

describe('one realistic report, rendered in every format, shows the same states and findings', () => {
  const sample = sampleReport();
  const view = reportView(sample);
  const wantCells = new Map(
    view.rows.flatMap((r) => r.cells.map((c) => [`${r.column.id} ${c.group}`, c.state] as const)),
  );
  const wantProperties = new Map(view.rows.map((r) => [r.column.id, r.property]));
  // Each format renders a fresh copy: one renderer's mutation cannot reach another's output.
  const rendered = Object.fromEntries(
    REPORT_FORMATS.map((format) => [format, FORMATS[format].render(sampleReport())]),
  ) as Record<ReportFormat, string>;

  test('the sample holds every cell and property state, and findings of every kind', () => {
    expect(new Set([...wantCells.values()].map((s) => s.state))).toEqual(
      new Set(['pass', 'fail', 'error', 'xfail', 'unrepresentable', 'unavailable', 'empty']),
    );
    expect(new Set([...wantProperties.values()].map((p) => p.state))).toEqual(
      new Set(['pass', 'fail', 'xfail', 'unavailable', 'empty']),
    );
    expect(sample.staleExpectations.length).toBeGreaterThan(0);
    expect(view.findings.some((f) => f.status === 'known')).toBe(true);
    expect(view.findings.some((f) => f.replay)).toBe(true);
    expect(view.findings.some((f) => f.correction)).toBe(true);
    expect(view.findings.some((f) => f.body.text === undefined)).toBe(true);
    expect(new Set(view.groups)).toEqual(new Set(['edge-cases', 'rfc4231', 'calls', 'webhooks']));
  });

  test('every registered format is read back below', () => {
    // A new format joins this test: say here how to read its states back.
    expect([...REPORT_FORMATS].sort()).toEqual(['html', 'json', 'junit', 'markdown']);
  });

  test('terminal: every cell and property cell in its text and colour, every finding', () => {
    const shown = readTerminal(renderReport(sampleReport(), ANSI), sample);
    for (const [key, want] of wantCells)
      expect(shown.cells.get(key), key).toEqual({ text: want.text, state: COLOUR[want.state] });
    for (const [id, want] of wantProperties)
      expect(shown.properties.get(id), id).toEqual({ text: want.text, state: COLOUR[want.state] });
    expect(shown.findings).toHaveLength(view.findings.length);
    view.findings.forEach((want, i) => {
      const got = shown.findings[i];
      const where = `finding ${i} ${want.column} ${want.cause}`;
      expect(got, where).toMatchObject({
        status: want.status,
        column: want.column,
        cause: want.cause,
        explanation: want.explanation,
        expected: want.expected,
        actual: want.actual,
        seen: seenIn(want, 4),
      });
      expect(got?.correction, where).toBe(want.correction);
      expectBytes(got?.body, want.body, `${where} body`);
      expectBytes(got?.secret, want.secret, `${where} secret`);
    });
  });

  test('Markdown: every cell and property cell, every finding', () => {
    const shown = readMarkdown(rendered.markdown, sample);
    for (const [key, want] of wantCells)
      expect(shown.cells.get(key), key).toEqual({ text: want.text });
    for (const [id, want] of wantProperties)
      expect(shown.properties.get(id), id).toEqual({ text: want.text });
    expect(shown.findings).toHaveLength(view.findings.length);
    view.findings.forEach((want, i) => {
      const got = shown.findings[i];
      const where = `finding ${i} ${want.column} ${want.cause}`;
      expect(got, where).toMatchObject({
        status: want.status,
        column: want.column,
        cause: want.cause,
        explanation: want.explanation,
      });
      expect(got?.correction, where).toBe(want.correction);
      expectBytes(got?.body, want.body, `${where} body`);
      expectBytes(got?.secret, want.secret, `${where} secret`);
    });
  });

  test('HTML, as rendered: every cell and property cell in its class and text, every finding', () => {
    const shown = readHtml(rendered.html);
    for (const [key, want] of wantCells)
      expect(shown.cells.get(key), key).toEqual({ text: want.text, state: want.state });
    for (const [id, want] of wantProperties)
      expect(shown.properties.get(id), id).toEqual({ text: want.text, state: want.state });
    expect(shown.findings).toHaveLength(view.findings.length);
    view.findings.forEach((want, i) => {
      const got = shown.findings[i];
      const where = `finding ${i} ${want.column} ${want.cause}`;
      expect(got, where).toEqual({
        status: want.status,
        column: want.column,
        cause: want.cause,
        explanation: want.explanation,
        // The page shows both, always: the text when there is one, and the hex.
        body: {
          hex: want.body.hex,
          ...(want.body.text === undefined ? {} : { text: want.body.text }),
        },
        secret: {
          hex: want.secret.hex,
          ...(want.secret.text === undefined ? {} : { text: want.secret.text }),
        },
        expected: want.expected,
        actual: want.actual,
        seen: seenIn(want, 12),
        ...(want.correction ? { correction: want.correction } : {}),
        ...(want.replay ? { replay: { seed: want.replay.seed, path: want.replay.path } } : {}),
      });
    });
  });

  test('HTML, as its own script recomputes it from the embedded report', () => {
    const script = pageScript(rendered.html);
    // The script's cell code, from its outcome list to its summary, run as the page runs it.
    const code = script.slice(script.indexOf('var OUTCOMES'), script.indexOf('function title('));
    const summarize = new Function(`${code}\nreturn summarize;`)() as (
      results: ReadonlyArray<{ outcome: Outcome }>,
    ) => { state: string; text: string };
    const embedded = embeddedReport(rendered.html);
    expect(embedded).toEqual(JSON.parse(rendered.json));
    for (const c of embedded.columns) {
      for (const group of resultGroups(embedded)) {
        const results = embedded.results.filter(
          (r) => `${r.implementation}/${r.environment}` === c.id && r.group === group,
        );
        const want = wantCells.get(`${c.id} ${group}`);
        expect(summarize(results), `${c.id} ${group}`).toMatchObject({
          state: want?.state,
          text: want?.text,
        });
      }
    }
  });

  test('JUnit: its cases add up to every cell; the property search and its counterexamples', () => {
    const cases = readJunit(rendered.junit, sample.columns);
    for (const row of view.rows) {
      const mine = cases.filter((c) => c.column === row.column.id);
      for (const group of view.groups) {
        const inCell = mine.filter((c) => c.name.startsWith(`${group}/`));
        const counts = countOutcomes(inCell as Array<{ outcome: Outcome }>);
        const want = wantCells.get(`${row.column.id} ${group}`);
        expect(cellState(counts), `${row.column.id} ${group}`).toEqual(want);
      }
      const search = mine.filter((c) => c.name === 'property-search');
      const { state, findings } = row.property;
      if (state === 'empty' || state === 'unavailable') {
        expect(search, row.column.id).toEqual([]);
        continue;
      }
      expect(
        search.map((c) => c.outcome),
        row.column.id,
      ).toEqual([state === 'fail' ? 'property-failure' : 'pass']);
      if (state !== 'fail') continue;
      // Each counterexample as the findings show it: cause, minimal body and secret, verdicts.
      const shownFindings = view.findings.filter((f) => f.column === row.column.id && f.property);
      expect(search[0]?.message).toBe(`${findings.length} new divergence(s)`);
      expect(search[0]?.body?.split('\n')).toEqual(
        shownFindings.map(
          (f) =>
            `${f.cause}: body hex ${f.body.hex}, secret hex ${f.secret.hex}; expected ${f.expected}, got ${f.actual}`,
        ),
      );
    }
  });

  test('JSON: the report read back has the same view, cell for cell, finding for finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnm-agree-'));
    writeFileSync(join(dir, 'r.json'), rendered.json);
    expect(reportView(readJsonReport(join(dir, 'r.json')))).toEqual(view);
  });

  test("progress: each column's mark is its worst cell's, in the same colour", () => {
    let text = '';
    const stream = {
      isTTY: false,
      write: (s: string) => {
        text += s;
        return true;
      },
    };
    const listener = progressPrinter(stream as never, ANSI);
    for (const row of view.rows) {
      if (!row.column.available) {
        listener({ type: 'column-unavailable', column: row.column });
        continue;
      }
      listener({
        type: 'column-done',
        column: row.column,
        counts: countOutcomes(row.results) as Record<string, number>,
        propertyRuns: row.property.summary?.runs ?? 0,
        propertyFindings: row.property.findings.length,
        durationMs: 1,
      });
    }
    const marks = readProgress(text);
    for (const row of view.rows) {
      const states = [
        ...row.cells.map((c) => c.state.state),
        ...(row.property.state === 'fail' ? ['fail' as const] : []),
      ];
      const worst = WORST.find((s) => states.includes(s)) ?? 'empty';
      expect(marks.get(row.column.id), row.column.id).toEqual({
        text: CELL_MARKS[worst],
        state: COLOUR[worst],
      });
    }
  });

  test('protocol v2 matrices (terminal and Markdown) mark each case as the main matrix marks a one-case cell', () => {
    const outcomeOf = new Map(
      sample.results.map((r) => [`${r.implementation}/${r.environment} ${r.vector}`, r.outcome]),
    );
    const [matrix] = sdkMatrices(sample);
    if (!matrix) throw new Error('the sample has a protocol v2 column');
    const id = matrix.column.id;
    const terminal = renderReport(sampleReport(), paintFor({ isTTY: false }));
    const markdown = rendered.markdown;
    for (const row of matrix.calls) {
      const want = row.outcomes.map((o) => (o === undefined ? cellState({}).main : oneCaseMark(o)));
      const line = terminal.split('\n').find((l) => l.startsWith(`${row.endpoint} `));
      expect(line?.split(/ {2,}/).slice(1), row.endpoint).toEqual(want);
      const mdRow = markdown.split('\n').find((l) => l.startsWith(`| ${row.endpoint} |`));
      expect(
        mdRow
          ?.split(' | ')
          .slice(1)
          .map((c) => c.replace(/ \|$/, '')),
        row.endpoint,
      ).toEqual(want);
    }
    const webhooks = matrix.webhooks.map(
      (w) => `${oneCaseMark(outcomeOf.get(`${id} webhook-${w.id}`) ?? 'pass')} ${w.id}`,
    );
    expect(terminal).toContain(`webhooks: ${webhooks.join('  ')}`);
    expect(markdown).toContain(`Webhooks: ${webhooks.join(' · ')}`);
    const property = matrix.properties
      .map((p) => `${oneCaseMark(p.outcome)} ${p.vector}`)
      .join('  ');
    expect(terminal).toContain(`property search: ${property}`);
    expect(markdown).toContain(`Property search: ${property}`);
  });
});
