/**
 * Applies expectations to outcomes: a divergence they list becomes `xfail`, a listed
 * vector that now passes becomes `xpass` (a stale expectation, which fails the run).
 *
 * @module
 */
import type { Outcome } from '../model.js';
import type { Expectation } from './file.js';

/** The expectations of one column, indexed for lookups. */
export class ColumnExpectations {
  readonly entries: readonly Expectation[];

  constructor(all: readonly Expectation[], implementation: string, environment: string) {
    this.entries = all.filter(
      (e) => e.implementation === implementation && e.environment === environment,
    );
  }

  /** The entry that covers this vector, if any. */
  forVector(vector: string, tags: readonly string[], cause?: string): Expectation | undefined {
    const covers = (e: Expectation) =>
      e.vectors.includes(vector) ||
      e.vectors.includes('*') ||
      (e.tags?.some((tag) => tags.includes(tag)) ?? false);
    return this.entries.find((e) => covers(e) && e.cause === cause) ?? this.entries.find(covers);
  }

  /** Causes the property search may meet without it being news. */
  propertyCauses(): Set<string> {
    return new Set(this.entries.filter((e) => e.property).map((e) => e.cause));
  }
}

/**
 * The final outcome of a cell. Only explicit vector listings can go stale cell by cell;
 * tag listings are checked as a whole by the caller.
 */
export function applyExpectation(
  outcome: Outcome,
  vector: string,
  expectation: Expectation | undefined,
  cause: string | undefined,
): Outcome {
  if (!expectation) return outcome;
  const diverged = outcome === 'fail' || outcome === 'error';
  // A listed vector that diverges for another reason than the one recorded is news.
  if (diverged) return expectation.cause === cause ? 'xfail' : outcome;
  const listed = expectation.vectors.includes(vector) || expectation.vectors.includes('*');
  if (outcome === 'pass' && listed) return 'xpass';
  return outcome;
}
