/**
 * One report rendered in every format shows the same state in every cell: the terminal and
 * Markdown matrices, the HTML table, the HTML page's own script and the JSON round trip all
 * take it from `cellState`. Nothing spawned.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Outcome } from '../../src/model.js';
import {
  CELL_STATE_SOURCE,
  type CellState,
  cellState,
  outcomeCounts,
} from '../../src/reports/cell-state.js';
import { renderHtml } from '../../src/reports/html.js';
import { readJsonReport, renderJson } from '../../src/reports/json.js';
import { renderMarkdown } from '../../src/reports/markdown.js';
import { resultGroups } from '../../src/reports/report.js';
import { paintFor } from '../../src/reports/style.js';
import { renderMatrix } from '../../src/reports/terminal.js';
import { resultsOf } from '../../src/reports/view.js';
import { cell, column, report } from './fixtures.js';

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
      states.set(`${c.id} ${group}`, cellState(outcomeCounts(resultsOf(sample, c, group))));
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
        const counts = outcomeCounts(resultsOf(sample, c, group));
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
        expect(cellState(outcomeCounts(resultsOf(back, c, group)))).toEqual(
          want.get(`${c.id} ${group}`),
        );
      }
    }
  });
});
