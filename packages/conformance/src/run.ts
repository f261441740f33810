/**
 * One conformance run, start to finish: every selected vector and the property search on
 * every selected column, expectations applied, findings and staleness worked out.
 *
 * @module
 */
import type { Vector, VectorFile } from '@plugnmeet-signing/vectors';
import { columnKey } from './column-key.js';
import { correctionReasons } from './corrections/catalog.js';
import type { Expectation } from './expectations/file.js';
import { ColumnExpectations } from './expectations/match.js';
import type { Column, ExecutionMode } from './model.js';
import { collectFindings } from './reports/findings.js';
import { REPORT_FORMAT_VERSION, type Report } from './reports/report.js';
import { staleFromResults, summarize } from './reports/verdict.js';
import type { RunListener } from './runner/events.js';
import { mapConcurrent } from './runner/pool.js';
import { type ColumnRun, runColumn } from './runner/run-column.js';
import { checkVectorsAgainstReference } from './vector-check.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface RunOptions {
  columns: readonly Column[];
  vectorFiles: readonly VectorFile[];
  /** Vectors selected by tag filters (defaults to every vector of `vectorFiles`). */
  vectorFilter?: (vector: Vector) => boolean;
  expectations: readonly Expectation[];
  seed: number;
  runs: number;
  path?: string;
  mode?: ExecutionMode;
  jobs: number;
  /** Unavailable columns fail the run (`--require-all`, and under CI). */
  requireAll: boolean;
  listener?: RunListener;
  shard?: { index: number; count: number };
  /**
   * Stops the run early: no further case starts, what was judged before is kept, and the
   * summary says `interrupted` with the signal's reason (the signal name, say).
   */
  signal?: AbortSignal;
}

/**
 * Runs the conformance suite and returns its report. Never throws for what an
 * implementation does; throws only for bad options or a reference/vector disagreement.
 *
 * @throws ConformanceError `ERR_CONFORMANCE_REFERENCE` when a vector file disagrees with the
 *   reference (named with its file and JSON path), before any column runs.
 *
 * @example
 * ```ts
 * const report = await runConformance({ columns, vectorFiles, expectations: [], seed: 1, runs: 100, jobs: 2, requireAll: false });
 * console.log(report.summary.ok);
 * ```
 */
export async function runConformance(options: RunOptions): Promise<Report> {
  const started = Date.now();
  // A wrong vector would judge every column wrongly: refuse it before anything runs.
  checkVectorsAgainstReference(options.vectorFiles);
  const listener = options.listener ?? (() => {});
  const vectors = options.vectorFiles.flatMap((file) =>
    file.vectors
      .filter((v) => options.vectorFilter?.(v) ?? true)
      .map((v) => ({ ...v, group: file.name })),
  );
  const runOne = (column: Column): Promise<ColumnRun> => {
    const shard = options.shard;
    const columnVectors = shard
      ? vectors.filter((v) => inShard(`${column.id}\u0000${v.id}`, shard))
      : vectors;
    return runColumn(column, {
      vectors: columnVectors,
      expectations: (ref) =>
        new ColumnExpectations(options.expectations, ref.implementation, ref.environment),
      mode: options.mode,
      // Each shard searches with its own seed, so shards explore different cases.
      seed: options.seed + (shard ? shard.index * 7919 : 0),
      runs: shard ? Math.ceil(options.runs / shard.count) : options.runs,
      // Calls and webhooks are one sequence against one emulator: the first shard runs them.
      sdkCases: !shard || shard.index === 0,
      ...(options.path ? { path: options.path } : {}),
      listener,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  };
  const runs = new Array<ColumnRun>(options.columns.length);
  await mapConcurrent(
    options.columns.map((column, index) => ({ column, index })),
    options.jobs,
    async ({ column, index }) => {
      runs[index] = await runOne(column);
    },
  );

  // The matrix shows signing columns first, then the wire-level ones (a subject run end to
  // end fills one of each), each kind in the order of its subjects.
  const columns = [
    ...runs.flatMap((r) => r.columns.filter((c) => c.checks !== 'wire')),
    ...runs.flatMap((r) => r.columns.filter((c) => c.checks === 'wire')),
  ];
  const order = new Map(columns.map((c, i) => [columnKey(c), i]));
  const results = runs
    .flatMap((r) => r.results)
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) => (order.get(columnKey(a.r)) ?? 0) - (order.get(columnKey(b.r)) ?? 0) || a.i - b.i,
    )
    .map(({ r }) => r);
  const properties = runs.flatMap((r) => r.properties);
  const propertyFindings = runs.flatMap((r) => r.propertyFindings);
  // An interrupted run did not get to meet its expectations: none is called stale.
  // One rule for staleness, the merge's: an unsharded run is judged as a merge of one shard.
  const staleExpectations = options.signal?.aborted
    ? []
    : staleFromResults({ columns, results, properties }, options.expectations);
  const findings = collectFindings(columns, results, propertyFindings, correctionReasons());

  const report: Omit<Report, 'summary'> = {
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    seed: options.seed,
    propertyRuns: options.runs,
    ...(options.shard ? { shard: options.shard } : {}),
    vectorFiles: options.vectorFiles.map((f) => ({
      name: f.name,
      path: f.path,
      formatVersion: f.formatVersion,
      vectors: f.vectors.length,
    })),
    columns,
    results,
    properties,
    propertyFindings,
    findings,
    staleExpectations,
    requireAll: options.requireAll,
  };
  const interrupted = options.signal?.aborted ? String(options.signal.reason) : undefined;
  return { ...report, summary: summarize(report, interrupted) };
}

/** FNV-1a: a stable, dependency-free hash for deterministic sharding. */
function inShard(key: string, shard: { index: number; count: number }): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shard.count === shard.index;
}
