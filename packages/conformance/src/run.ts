/**
 * The pipeline's run step: every selected vector and the property search on every selected
 * column, expectations applied, findings collected. What the results mean for the whole run
 * (staleness, the verdict) is the settle step's (`reports/settle.ts`), never this one's.
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
import type { Report } from './reports/report.js';
import type { RunListener } from './runner/events.js';
import { mapConcurrent } from './runner/pool.js';
import { type ColumnRun, runColumn } from './runner/run-column.js';

/** What the run step needs: the selected columns and vectors, and how to run them. */
export interface RunStepOptions {
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
  listener?: RunListener;
  shard?: { index: number; count: number };
  /**
   * Stops the run early: no further case starts, and what was judged before is kept.
   */
  signal?: AbortSignal;
}

/** What the columns did: the parts of a report the run step fills. */
export type ColumnsRun = Pick<
  Report,
  'columns' | 'results' | 'properties' | 'propertyFindings' | 'findings'
>;

/**
 * Runs the selected columns and collects their results and findings. Never throws for
 * what an implementation does.
 *
 * @throws Never for an implementation's behaviour; only for a bug of the runner itself.
 * @example
 * ```ts
 * const ran = await runColumns({ columns, vectorFiles, expectations: [], seed: 1, runs: 100, jobs: 2 });
 * console.log(ran.results.length);
 * ```
 */
export async function runColumns(options: RunStepOptions): Promise<ColumnsRun> {
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
  const findings = collectFindings(columns, results, propertyFindings, correctionReasons());

  return {
    columns,
    results,
    properties,
    propertyFindings,
    findings,
  };
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
