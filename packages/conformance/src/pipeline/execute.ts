/**
 * The second half of the pipeline, run → settle → redact: a plan becomes a report that is
 * judged and safe to publish.
 *
 * @module
 */
import { columnKey } from '../column-key.js';
import { redactReport, secretsOf } from '../reports/redact.js';
import { REPORT_FORMAT_VERSION, type Report } from '../reports/report.js';
import { settleReport } from '../reports/settle.js';
import { runColumns } from '../run.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { RunSettings } from './options.js';
import type { RunPlan } from './prepare.js';

/**
 * Runs a plan's columns, settles the report (staleness and the verdict; a shard's whole
 * entries are left to `merge`) and redacts the secrets of the runner's environment from it.
 *
 * The report carries the entries applied to its columns, so that `merge` can judge the
 * shards' staleness as a whole.
 *
 * @throws Never for what an implementation does.
 * @example
 * ```ts
 * const report = await executePlan(await prepareRun(options), options);
 * process.exitCode = report.summary.ok ? 0 : 1;
 * ```
 */
export async function executePlan(plan: RunPlan, settings: RunSettings): Promise<Report> {
  const started = Date.now();
  const ran = await runColumns({
    columns: plan.columns,
    vectorFiles: plan.vectorFiles,
    vectorFilter: plan.vectorFilter,
    expectations: plan.expectations.expectations,
    seed: settings.seed,
    runs: settings.runs,
    ...(settings.path ? { path: settings.path } : {}),
    ...(settings.mode ? { mode: settings.mode } : {}),
    jobs: settings.jobs,
    ...(settings.listener ? { listener: settings.listener } : {}),
    ...(settings.shard ? { shard: settings.shard } : {}),
    ...(settings.signal ? { signal: settings.signal } : {}),
  });
  const selected = new Set<string>(
    plan.columns.map((c) =>
      columnKey({ implementation: c.implementation.id, environment: c.environment.id }),
    ),
  );
  const interrupted = settings.signal?.aborted ? String(settings.signal.reason) : undefined;
  const report = settleReport(
    {
      formatVersion: REPORT_FORMAT_VERSION,
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      seed: settings.seed,
      propertyRuns: settings.runs,
      ...(settings.shard ? { shard: settings.shard } : {}),
      ...(plan.vectorSet ? { vectorSet: plan.vectorSet } : {}),
      vectorFiles: plan.vectorFiles.map((f) => ({
        name: f.name,
        path: f.path,
        formatVersion: f.formatVersion,
        vectors: f.vectors.length,
      })),
      ...ran,
      expectations: plan.expectations.expectations.filter((e) => selected.has(columnKey(e))),
      requireAll: settings.requireAll,
    },
    interrupted,
  );
  return redactReport(report, settings.secrets ?? secretsOf(process.env));
}
