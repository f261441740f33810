/**
 * The property search: feeds generated cases to one column, compares every answer with
 * the reference, and shrinks the first unexplained divergence to a minimal case. Known
 * divergences of the column (its expectations) count as agreement while searching, so
 * the search keeps hunting for *new* ones; after a finding it searches again with that
 * cause known, up to a few rounds, so one column can yield several distinct findings.
 *
 * @module
 */

import fc from 'fast-check';
import type { Session } from '../model.js';
import { bytesField } from '../reports/bytes-field.js';
import type { PropertyFinding, PropertySummary } from '../reports/report.js';
import { judgeSign } from '../runner/judge.js';
import { type GeneratedCase, generatedCase } from './arbitraries.js';
import { toPasteableVector } from './pasteable.js';

export interface SearchOptions {
  implementation: string;
  environment: string;
  seed: number;
  runs: number;
  /** Causes already expected for this column. */
  expectedCauses: ReadonlySet<string>;
  /** Distinct findings to look for before stopping. */
  maxFindings?: number;
  /** Replay path of a previous failure (`--path`). */
  path?: string;
  /** Once aborted, remaining cases pass without asking the session (the result is discarded). */
  signal?: AbortSignal;
}

export interface SearchResult {
  summary: PropertySummary;
  findings: PropertyFinding[];
  /** Expected causes the search met (an expectation that is never met may be stale). */
  metCauses: Set<string>;
}

/**
 * Runs the search on an open session.
 *
 * @example
 * ```ts
 * const { findings } = await searchColumn(session, { implementation: 'shell', environment: 'dash', seed: 1, runs: 1000, expectedCauses: new Set() });
 * ```
 */
export async function searchColumn(
  session: Session,
  options: SearchOptions,
): Promise<SearchResult> {
  const tolerated = new Set(options.expectedCauses);
  const metCauses = new Set<string>();
  const findings: PropertyFinding[] = [];
  let counter = 0;
  let unrepresentable = 0;
  let expectedDivergences = 0;
  let runs = 0;
  const maxFindings = options.maxFindings ?? 3;

  for (let round = 0; round < maxFindings; round++) {
    let counting = true;
    const property = fc.asyncProperty(generatedCase, async (input: GeneratedCase) => {
      // Passing keeps fast-check from shrinking answers the abort itself broke.
      if (options.signal?.aborted) return true;
      const answer = await session.sign({ id: `property-${counter++}`, ...input });
      const judgement = judgeSign(input.body, input.secret, answer);
      if (counting) {
        if (judgement.outcome === 'unrepresentable') unrepresentable += 1;
      }
      if (judgement.outcome === 'pass' || judgement.outcome === 'unrepresentable') return true;
      if (judgement.cause && tolerated.has(judgement.cause)) {
        if (counting) expectedDivergences += 1;
        if (options.expectedCauses.has(judgement.cause)) metCauses.add(judgement.cause);
        return true;
      }
      return false;
    });
    const seed = options.seed + round;
    const result = await fc.check(property, {
      seed,
      numRuns: options.runs,
      ...(round === 0 && options.path ? { path: options.path } : {}),
    });
    counting = false;
    runs += result.numRuns;
    if (!result.failed || !result.counterexample || options.signal?.aborted) break;

    const [minimal] = result.counterexample as [GeneratedCase];
    // Replay the minimal case once more to record exactly what the column says about it.
    const answer = await session.sign({ id: `property-minimal-${round}`, ...minimal });
    const judgement = judgeSign(minimal.body, minimal.secret, answer);
    const cause = judgement.cause ?? 'unexplained';
    findings.push({
      implementation: options.implementation,
      environment: options.environment,
      outcome: judgement.outcome === 'pass' ? 'fail' : judgement.outcome,
      seed,
      path: result.counterexamplePath ?? '',
      runs: result.numRuns,
      body: bytesField(minimal.body),
      secret: bytesField(minimal.secret),
      expected: judgement.expected,
      actual: judgement.actual,
      cause,
      explanation: judgement.explanation ?? judgement.detail,
      vector: toPasteableVector(minimal, judgement.expected, options, cause),
    });
    // A column that is broken or diverges for reasons we cannot name gives no distinct
    // causes to tell apart: one finding says it all.
    if (cause === 'broken' || cause === 'unexplained') break;
    tolerated.add(cause);
  }
  return {
    summary: {
      implementation: options.implementation,
      environment: options.environment,
      runs,
      unrepresentable,
      expectedDivergences,
      metCauses: [...metCauses].sort(),
      findings: findings.length,
    },
    findings,
    metCauses,
  };
}
