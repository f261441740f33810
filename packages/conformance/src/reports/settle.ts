/**
 * Settling a report: the one place that turns what a run (or the merge of its shards) saw
 * into its stale expectations and its summary. An unsharded run, a shard on its own and
 * `merge` all settle here, so one rule decides: whole entries are judged stale only where
 * the whole run is in view.
 *
 * @module
 */
import type { Report } from './report.js';
import { staleFromResults, summarize } from './verdict.js';

/**
 * A report before it is settled: everything but its verdict. `staleExpectations` is read
 * only when the report does not carry the expectations it applied (reports of older
 * versions, merged): then what their shards said is all that is known.
 */
export type UnsettledReport = Omit<Report, 'summary' | 'staleExpectations'> & {
  staleExpectations?: Report['staleExpectations'];
};

/**
 * Judges staleness and the summary. Listed vectors that now pass (`xpass`) are stale
 * wherever they are seen. An entry none of whose evidence occurred is stale only when the
 * report sees the whole run: not in a shard (another shard may meet it; `merge` judges that
 * over all of them) and not in an interrupted run (it did not get to meet it).
 *
 * @param interrupted The signal that stopped the run, if one did (never OK, then).
 * @throws Never.
 * @example
 * ```ts
 * const report = settleReport({ ...draft, expectations }, undefined);
 * if (!report.summary.ok) process.exitCode = 1;
 * ```
 */
export function settleReport(draft: UnsettledReport, interrupted?: string): Report {
  const whole = draft.shard === undefined && interrupted === undefined;
  const staleExpectations = draft.expectations
    ? staleFromResults(draft, draft.expectations, whole)
    : (draft.staleExpectations ?? []);
  const settled = { ...draft, staleExpectations };
  return { ...settled, summary: summarize(settled, interrupted) };
}
