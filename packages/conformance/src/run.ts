/**
 * The pipeline's run step: every selected vector and the property search on every selected
 * column, expectations applied, findings collected. What the results mean for the whole run
 * (staleness, the verdict) is the settle step's (`reports/settle.ts`), never this one's.
 *
 * @module
 */
import type { Vector, VectorFile } from '@plugnmeet-signing/vectors';
import { cellKey } from './column-key.js';
import type { Expectation } from './expectations/file.js';
import { ColumnExpectations } from './expectations/match.js';
import type { Column, ExecutionMode } from './model.js';
import { collectFindings } from './reports/findings.js';
import type { Report } from './reports/report.js';
import type { RunListener } from './runner/events.js';
import { mapConcurrent } from './runner/pool.js';
import { type ColumnRun, runColumn } from './runner/run-column.js';
import { runUnits } from './runner/run-units.js';

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
      expectations: new ColumnExpectations(
        options.expectations,
        column.implementation.id,
        column.environment.id,
      ),
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
  // The columns of one run group share their runs: they go side by side, in one lane.
  const runs = new Array<ColumnRun>(options.columns.length);
  await mapConcurrent(runUnits(options.columns), options.jobs, async (unit) => {
    const done = await Promise.all(unit.map((index) => runOne(options.columns[index] as Column)));
    unit.forEach((index, k) => {
      runs[index] = done[k] as ColumnRun;
    });
  });

  const columns = runs.map((r) => r.column);
  const results = runs.flatMap((r) => r.results);
  const propertyFindings = runs.flatMap((r) => r.propertyFindings);
  const explanations = new Map(
    options.expectations.map((e) => [cellKey(e, e.cause), e.explanation]),
  );
  const vectorsById = new Map<string, Vector>(vectors.map((v) => [v.id, v]));
  const findings = collectFindings(columns, results, propertyFindings, vectorsById, explanations);

  return {
    columns,
    results,
    properties: runs.flatMap((r) => (r.properties ? [r.properties] : [])),
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
