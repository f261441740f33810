/**
 * The verdict of a report: which expectations went stale, its counts, whether it is OK and
 * the word its headline says (INCOMPLETE when columns could not run).
 * One place for each rule, used by a run and by `merge` alike: an unsharded run is judged
 * as the merge of one shard.
 *
 * @module
 */

import { sameColumn } from '../column-key.js';
import type { Expectation } from '../expectations/file.js';
import { cellFailures } from './cell-failures.js';
import { countOutcomes, type Incomplete, type Report, type Verdict } from './report.js';

type Stale = Report['staleExpectations'][number];

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
  const incomplete = incompleteness(report);
  const nothing = nothingJudged(report);
  const diverged =
    counts.fail > 0 ||
    counts.error > 0 ||
    counts.xpass > 0 ||
    report.staleExpectations.length > 0 ||
    report.propertyFindings.length > 0;
  const ok =
    !diverged &&
    !(report.requireAll === true && incomplete !== undefined) &&
    nothing === undefined &&
    interrupted === undefined;
  return {
    ...counts,
    ok,
    verdict: verdictOf({ diverged, incomplete, nothing, interrupted }),
    ...(incomplete === undefined ? {} : { incomplete }),
    ...(nothing === undefined ? {} : { nothingJudged: nothing }),
    ...(interrupted === undefined ? {} : { interrupted }),
  };
}

function verdictOf(run: {
  diverged: boolean;
  incomplete: Incomplete | undefined;
  nothing: string | undefined;
  interrupted: string | undefined;
}): Verdict {
  if (run.interrupted !== undefined) return 'INTERRUPTED';
  if (run.nothing !== undefined) return 'NOTHING JUDGED';
  if (run.diverged) return 'FAILED';
  // Whether or not it fails the run (--require-all), a matrix with holes is not an OK.
  return run.incomplete ? 'INCOMPLETE' : 'OK';
}

/**
 * The unavailable columns of a report and what installs them, or undefined when every
 * column ran. The Debian packages of every `apt-get install X` hint are joined into one line,
 * so that a user runs one command; other hints follow as they are.
 *
 * @throws Never.
 * @example
 * ```ts
 * incompleteness(report); // { unavailableColumns: 3, columns: 60, install: ['apt-get install mksh zsh'] }
 * ```
 */
export function incompleteness(
  report: Pick<Report, 'columns' | 'results'>,
): Incomplete | undefined {
  // A column is a hole when it could not run, or when any of its cells could not (a merged
  // report keeps the cells of every shard).
  const holes = report.results.filter((r) => r.outcome === 'unavailable');
  const unavailable = report.columns.filter(
    (c) => !c.available || holes.some((r) => sameColumn(r, c)),
  );
  if (unavailable.length === 0) return undefined;
  const packages = new Set<string>();
  const others = new Set<string>();
  for (const column of unavailable) {
    const hint = column.install?.trim();
    if (!hint) continue;
    const apt = /^(?:sudo )?apt-get install ((?:[a-z0-9][a-z0-9+.-]+ ?)+)$/.exec(hint);
    if (apt?.[1]) for (const name of apt[1].trim().split(' ')) packages.add(name);
    else others.add(hint);
  }
  const install = [
    ...(packages.size > 0 ? [`apt-get install ${[...packages].sort().join(' ')}`] : []),
    ...others,
  ];
  return { unavailableColumns: unavailable.length, columns: report.columns.length, install };
}

/**
 * Stale expectations judged from a report's own results: listed vectors that now pass
 * (`xpass` cells) and, with `wholeEntries`, entries none of whose evidence occurred (no
 * `xfail` cell of their cause or vectors, and the property search never met the cause)
 * although they could have been checked (a listed vector ran, or the search ran).
 *
 * @example
 * ```ts
 * const stale = staleFromResults(report, expectations); // [] when every entry still happens
 * ```
 */
export function staleFromResults(
  report: Pick<Report, 'columns' | 'results' | 'properties'>,
  expectations: readonly Expectation[],
  wholeEntries = true,
): Stale[] {
  const stale: Stale[] = [];
  const ranVector = new Set(report.results.map((r) => r.vector));
  for (const column of report.columns) {
    if (!column.available) continue;
    const { implementation, environment } = column;
    const mine = (e: { implementation: string; environment: string }) =>
      e.implementation === implementation && e.environment === environment;
    const entries = expectations.filter(mine);
    const results = report.results.filter(mine);
    for (const result of results) {
      if (result.outcome !== 'xpass') continue;
      const entry = entries.find(
        (e) => e.vectors.includes(result.vector) || e.vectors.includes('*'),
      );
      stale.push({ implementation, environment, vector: result.vector, cause: entry?.cause ?? '' });
    }
    if (!wholeEntries) continue;
    const properties = report.properties.filter(mine);
    for (const entry of entries) {
      const checkable =
        entry.vectors.some((id) => id === '*' || ranVector.has(id)) ||
        (entry.property === true && properties.length > 0);
      if (!checkable) continue;
      // Met by any failing level of a case, not only the one its cell shows first.
      const met =
        results.some((r) =>
          cellFailures(r).some(
            (f) =>
              f.outcome === 'xfail' &&
              (f.cause === entry.cause || entry.vectors.includes(r.vector)),
          ),
        ) || properties.some((p) => p.metCauses.includes(entry.cause));
      if (!met) stale.push({ implementation, environment, vector: '*', cause: entry.cause });
    }
  }
  return stale;
}
