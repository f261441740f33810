/**
 * The property search: feeds generated cases to one subject, judges every level it shows
 * (its signature; a subject run end to end, also the request it sent) against the
 * reference, and shrinks the first unexplained divergence to a minimal case. Known
 * divergences of a level (its column's expectations) count as agreement while searching,
 * so the search keeps hunting for *new* ones; after a finding it searches again with that
 * cause known, up to a few rounds, so one subject can yield several distinct findings.
 *
 * @module
 */

import fc from 'fast-check';
import type { ColumnRef } from '../column-key.js';
import type { Judgement } from '../judges/judgement.js';
import type { CaseInput, VectorTrace } from '../model.js';
import { referenceSignature } from '../reference.js';
import { bytesField } from '../reports/bytes-field.js';
import type { PropertyFinding, PropertySummary } from '../reports/report.js';
import { type GeneratedCase, generatedCase } from './arbitraries.js';
import { toPasteableVector } from './pasteable.js';

/** One level the search judges, shown as `column` of the matrix. */
export interface SearchLevel {
  column: ColumnRef;
  /** Judges this level's part of a case's trace, given the reference signature of the case. */
  judge(input: GeneratedCase, trace: VectorTrace, reference: string | undefined): Judgement;
  /** Causes already expected for this column. */
  expectedCauses: ReadonlySet<string>;
}

export interface SearchOptions {
  seed: number;
  runs: number;
  /** Distinct findings to look for before stopping. */
  maxFindings?: number;
  /** Replay path of a previous failure (`--path`). */
  path?: string;
  /** Once aborted, remaining cases pass without asking the session (the result is discarded). */
  signal?: AbortSignal;
}

/** What the search found at one level. */
export interface SearchResult {
  summary: PropertySummary;
  findings: PropertyFinding[];
}

interface LevelState {
  level: SearchLevel;
  tolerated: Set<string>;
  met: Set<string>;
  findings: PropertyFinding[];
  unrepresentable: number;
  expectedDivergences: number;
  /** A level that is broken or diverges for reasons we cannot name is searched no more. */
  done: boolean;
}

/**
 * Runs the search: `run` runs one case once and returns its trace, which every level judges.
 *
 * @throws Never for anything the subject does.
 * @example
 * ```ts
 * const [sign] = await searchLevels((input) => session.sign(input).then((signed) => ({ signed })), [signLevel], { seed: 1, runs: 1000 });
 * ```
 */
export async function searchLevels(
  run: (input: CaseInput) => Promise<VectorTrace>,
  levels: readonly SearchLevel[],
  options: SearchOptions,
): Promise<SearchResult[]> {
  const states: LevelState[] = levels.map((level) => ({
    level,
    tolerated: new Set(level.expectedCauses),
    met: new Set(),
    findings: [],
    unrepresentable: 0,
    expectedDivergences: 0,
    done: false,
  }));
  let counter = 0;
  let runs = 0;
  const maxFindings = options.maxFindings ?? 3;
  // A new divergence at a level still searched, given what that level tolerates.
  const news = (state: LevelState, judgement: Judgement) =>
    !state.done &&
    judgement.outcome !== 'pass' &&
    judgement.outcome !== 'unrepresentable' &&
    !(judgement.cause && state.tolerated.has(judgement.cause));

  for (let round = 0; round < maxFindings; round++) {
    let counting = true;
    const property = fc.asyncProperty(generatedCase, async (input: GeneratedCase) => {
      // Passing keeps fast-check from shrinking answers the abort itself broke.
      if (options.signal?.aborted) return true;
      const trace = await run({ id: `property-${counter++}`, ...input });
      // Once per case, however many levels judge it.
      const reference = referenceSignature(input.body, input.secret);
      let holds = true;
      for (const state of states) {
        const judgement = state.level.judge(input, trace, reference);
        if (news(state, judgement)) holds = false;
        else if (counting) count(state, judgement);
      }
      return holds;
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
    // Replay the minimal case once more to record exactly what each level says about it.
    const trace = await run({ id: `property-minimal-${round}`, ...minimal });
    const reference = referenceSignature(minimal.body, minimal.secret);
    for (const state of states) {
      const judgement = state.level.judge(minimal, trace, reference);
      if (!news(state, judgement)) continue;
      const cause = judgement.cause ?? 'unexplained';
      state.findings.push(
        finding(state.level.column, judgement, minimal, {
          seed,
          path: result.counterexamplePath ?? '',
          runs: result.numRuns,
        }),
      );
      // A level that is broken or diverges for reasons we cannot name gives no distinct
      // causes to tell apart: one finding says it all.
      if (cause === 'broken' || cause === 'unexplained') state.done = true;
      state.tolerated.add(cause);
    }
    if (states.every((s) => s.done)) break;
  }
  return states.map((state) => ({
    summary: {
      implementation: state.level.column.implementation,
      environment: state.level.column.environment,
      runs,
      unrepresentable: state.unrepresentable,
      expectedDivergences: state.expectedDivergences,
      metCauses: [...state.met].sort(),
      findings: state.findings.length,
    },
    findings: state.findings,
  }));
}

/** Counts a judgement the search lets pass: a case the level cannot hold, or a known divergence. */
function count(state: LevelState, judgement: Judgement): void {
  if (judgement.outcome === 'unrepresentable') state.unrepresentable += 1;
  else if (
    judgement.outcome !== 'pass' &&
    judgement.cause &&
    state.tolerated.has(judgement.cause)
  ) {
    state.expectedDivergences += 1;
    if (state.level.expectedCauses.has(judgement.cause)) state.met.add(judgement.cause);
  }
}

function finding(
  column: ColumnRef,
  judgement: Judgement,
  minimal: GeneratedCase,
  replay: { seed: number; path: string; runs: number },
): PropertyFinding {
  const cause = judgement.cause ?? 'unexplained';
  return {
    implementation: column.implementation,
    environment: column.environment,
    outcome: judgement.outcome === 'pass' ? 'fail' : judgement.outcome,
    ...replay,
    body: bytesField(minimal.body),
    secret: bytesField(minimal.secret),
    expected: judgement.expected,
    actual: judgement.actual,
    cause,
    explanation: judgement.explanation ?? judgement.detail,
    vector: toPasteableVector(minimal, judgement.expected, column, cause),
  };
}
