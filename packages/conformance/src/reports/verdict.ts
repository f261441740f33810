/**
 * The verdict of a report: its counts and whether it is OK. One place for the rule, used
 * by a run and by `merge` alike.
 *
 * @module
 */
import { countOutcomes, type Report } from './report.js';

/**
 * Why a report judged nothing, or undefined when it judged something. A vector cell that
 * got a verdict counts; unavailable cells and the property search alone do not: a run
 * whose `--only`/`--skip` left no vector to judge is a mistake to point out, not a pass.
 * A shard is exempt: another shard may hold the cells, and `merge` judges the whole.
 *
 * @example
 * ```ts
 * nothingJudged({ columns: [], results: [] }); // 'no column was selected (see --only and --skip)'
 * ```
 */
export function nothingJudged(
  report: Pick<Report, 'columns' | 'results'> & { shard?: Report['shard'] },
): string | undefined {
  if (report.shard) return undefined;
  if (report.results.some((r) => r.outcome !== 'unavailable')) return undefined;
  if (report.columns.length === 0) return 'no column was selected (see --only and --skip)';
  if (report.columns.every((c) => !c.available)) return 'every selected column was unavailable';
  return 'no selected vector applies to the selected columns (see --only, --skip and their capabilities)';
}

/**
 * Counts and verdict from a report's results, findings and staleness. `interrupted` is
 * the signal that stopped the run, if one did: an interrupted run is never OK.
 *
 * @example
 * ```ts
 * const summary = summarize(report, 'SIGTERM'); // { ..., ok: false, interrupted: 'SIGTERM' }
 * ```
 */
export function summarize(
  report: Omit<Report, 'summary'>,
  interrupted?: string,
): Report['summary'] {
  const counts = countOutcomes(report.results);
  const unavailable = report.columns.some((c) => !c.available) || counts.unavailable > 0;
  const nothing = nothingJudged(report);
  const ok =
    counts.fail === 0 &&
    counts.error === 0 &&
    counts.xpass === 0 &&
    report.staleExpectations.length === 0 &&
    report.propertyFindings.length === 0 &&
    !(report.requireAll === true && unavailable) &&
    nothing === undefined &&
    interrupted === undefined;
  return {
    ...counts,
    ok,
    ...(nothing === undefined ? {} : { nothingJudged: nothing }),
    ...(interrupted === undefined ? {} : { interrupted }),
  };
}
