/**
 * Joins the JSON reports of `--shard i/n` runs into one report, from which every other
 * format can be rendered, and judges what no single shard can: whether an expectation is
 * stale. Each shard sees only its share of the cells, so an entry whose failing vectors
 * (or whose property cause) landed in another shard looks unmet there; the merge decides
 * from the joined results.
 *
 * @module
 */

import { cellKey, columnKey } from '../column-key.js';
import { ConformanceError } from '../errors.js';
import type { Expectation } from '../expectations/file.js';
import { type Finding, type PropertySummary, type Report, resultGroups } from './report.js';
import { settleReport } from './settle.js';
import { fullSize } from './shown-value.js';

function fail(message: string): never {
  throw new ConformanceError('ERR_CONFORMANCE_REPORT', message);
}

function sameExpectations(reports: readonly Report[]): Expectation[] | undefined {
  if (reports.some((r) => r.expectations === undefined)) return undefined;
  const key = (e: Expectation) => JSON.stringify(e);
  const all = new Map<string, Expectation>();
  for (const e of reports.flatMap((r) => r.expectations ?? [])) all.set(key(e), e);
  return [...all.values()];
}

function mergeProperties(summaries: readonly PropertySummary[]): PropertySummary[] {
  const merged = new Map<string, PropertySummary>();
  for (const s of summaries) {
    const key = columnKey(s);
    const known = merged.get(key);
    merged.set(
      key,
      known
        ? {
            ...known,
            runs: known.runs + s.runs,
            unrepresentable: known.unrepresentable + s.unrepresentable,
            expectedDivergences: known.expectedDivergences + s.expectedDivergences,
            metCauses: [...new Set([...known.metCauses, ...s.metCauses])].sort(),
            findings: known.findings + s.findings,
          }
        : { ...s, metCauses: [...s.metCauses] },
    );
  }
  return [...merged.values()];
}

/** One finding per (column, cause, vectors or property search), with the smallest input. */
function mergeFindings(findings: readonly Finding[]): Finding[] {
  const size = (f: Finding) => fullSize(f.minimal.body) + fullSize(f.minimal.secret);
  const merged = new Map<string, Finding>();
  for (const f of findings) {
    const key = cellKey(f, f.cause, String(f.vectors[0] === 'property'));
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { ...f, vectors: [...f.vectors] });
      continue;
    }
    const smaller = size(f) < size(known) ? f : known;
    const expectedFailure = known.expectedFailure && f.expectedFailure;
    merged.set(key, {
      ...smaller,
      vectors:
        f.vectors[0] === 'property' ? ['property'] : [...new Set([...known.vectors, ...f.vectors])],
      expectedFailure,
      outcome: expectedFailure
        ? 'xfail'
        : ([known, f].find((x) => !x.expectedFailure)?.outcome ?? smaller.outcome),
    });
  }
  return [...merged.values()].sort((a, b) =>
    `${a.implementation}/${a.environment}/${a.cause}`.localeCompare(
      `${b.implementation}/${b.environment}/${b.cause}`,
    ),
  );
}

/**
 * Merges the reports of one sharded run. Columns are united (a column available in any
 * shard is available), results concatenated, property summaries added up per column,
 * findings joined per column and cause, staleness judged over all shards, the verdict
 * recomputed.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_REPORT` when no report is given; when the
 * reports come from different tool versions or vector files; when they overlap (the same
 * cell twice, or the same shard twice) or mix sharded and unsharded runs; or when a shard
 * of the run is missing, so a partial merge can never pass a release gate.
 * @example
 * ```ts
 * const merged = mergeReports([readJsonReport('shard-1.json'), readJsonReport('shard-2.json')]);
 * ```
 */
export function mergeReports(reports: readonly Report[]): Report {
  const [first] = reports;
  if (!first) fail('merge needs at least one report');
  const vectorKey = (r: Report) =>
    JSON.stringify([
      r.vectorSet?.sha256,
      r.vectorFiles.map((f) => [f.name, f.formatVersion, f.vectors]),
    ]);
  for (const report of reports) {
    if (report.tool.version !== first.tool.version || vectorKey(report) !== vectorKey(first)) {
      fail('reports to merge must come from the same tool version and vector files');
    }
  }
  if (reports.length > 1 || first.shard) {
    const count = first.shard?.count;
    if (count === undefined || reports.some((r) => r.shard?.count !== count)) {
      fail(
        `reports to merge must be the shards of one run (--shard i/n with the same n); got ${reports.map((r) => (r.shard ? `${r.shard.index + 1}/${r.shard.count}` : 'unsharded')).join(', ')}`,
      );
    }
    const seen = new Set(reports.map((r) => r.shard?.index));
    if (seen.size !== reports.length) fail('the same shard appears twice');
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
    if (missing.length > 0)
      fail(
        `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i + 1}/${count}`).join(', ')}`,
      );
  }

  const columns = new Map<string, Report['columns'][number]>();
  for (const column of reports.flatMap((r) => r.columns)) {
    const known = columns.get(column.id);
    if (!known || (!known.available && column.available)) columns.set(column.id, column);
  }
  const cells = new Set<string>();
  for (const r of reports.flatMap((x) => x.results)) {
    const cell = cellKey(r, r.vector);
    if (cells.has(cell))
      fail(
        `reports to merge overlap: ${r.implementation}/${r.environment} × ${r.vector} appears twice`,
      );
    cells.add(cell);
  }
  // Canonical order: column by column, vector file by vector file (stable within).
  const columnOrder = [...columns.keys()];
  const groupOrder = resultGroups({
    vectorFiles: first.vectorFiles,
    results: reports.flatMap((r) => r.results),
  });
  const results = reports
    .flatMap((r) => r.results)
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        columnOrder.indexOf(columnKey(a.r)) - columnOrder.indexOf(columnKey(b.r)) ||
        groupOrder.indexOf(a.r.group) - groupOrder.indexOf(b.r.group) ||
        a.i - b.i,
    )
    .map(({ r }) => r);
  const properties = mergeProperties(reports.flatMap((r) => r.properties));
  const expectations = sameExpectations(reports);
  const joined = { columns: [...columns.values()], results, properties };
  // What the merge settles anew: the shard's own staleness, summary and applied entries.
  const {
    shard: _shard,
    staleExpectations: _stale,
    summary: _summary,
    expectations: _applied,
    ...rest
  } = first;
  const interrupted = reports.find((r) => r.summary.interrupted)?.summary.interrupted;
  return settleReport(
    {
      ...rest,
      startedAt: reports.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
      durationMs: Math.max(...reports.map((r) => r.durationMs)),
      ...joined,
      propertyFindings: reports.flatMap((r) => r.propertyFindings),
      findings: mergeFindings(reports.flatMap((r) => r.findings)),
      ...(expectations
        ? { expectations }
        : // Without the applied expectations only what each shard said is known.
          {
            staleExpectations: [
              ...new Map(
                reports.flatMap((r) => r.staleExpectations).map((s) => [JSON.stringify(s), s]),
              ).values(),
            ],
          }),
      requireAll: reports.some((r) => r.requireAll === true),
      mergedFrom: reports.length,
    },
    interrupted,
  );
}
