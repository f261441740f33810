/**
 * Runs every selected vector, then the property search, on one column.
 *
 * @module
 */
import type { Vector } from '@plugnmeet-signing/vectors';
import type { ColumnExpectations } from '../expectations/match.js';
import { applyExpectation } from '../expectations/match.js';
import type { Capability, Column, ExecutionMode, Outcome, Session } from '../model.js';
import { searchColumn } from '../properties/search.js';
import { bytesField } from '../reports/bytes-field.js';
import { FINDING_OUTCOMES } from '../reports/findings.js';
import type {
  PropertyFinding,
  PropertySummary,
  ReportColumn,
  ReportResult,
} from '../reports/report.js';
import { cutText, shownIdentity } from '../reports/shown-value.js';
import { runSdkCases } from '../sdk/run-sdk-cases.js';
import type { RunListener } from './events.js';
import { type Judgement, judgeSign, judgeVerify } from './judge.js';

export interface ColumnRunOptions {
  vectors: ReadonlyArray<Vector & { group: string }>;
  expectations: ColumnExpectations;
  mode: ExecutionMode | undefined;
  seed: number;
  runs: number;
  path?: string;
  listener: RunListener;
  /** Once aborted, no further case is asked and answers given after the abort are dropped. */
  signal?: AbortSignal;
  /** Run protocol v2's call and webhook cases where the column can (one shard does). */
  sdkCases?: boolean;
}

export interface ColumnRun {
  column: ReportColumn;
  results: ReportResult[];
  properties?: PropertySummary;
  propertyFindings: PropertyFinding[];
  metCauses: Set<string>;
}

function describeColumn(column: Column, mode: ExecutionMode): ReportColumn {
  const { implementation, environment } = column;
  return {
    id: column.id,
    implementation: implementation.id,
    implementationLabel: implementation.label,
    implementationKind: implementation.kind,
    ...(implementation.identity ? { identity: shownIdentity(implementation.identity) } : {}),
    origin: implementation.origin,
    checks: implementation.checks,
    language: implementation.language,
    environment: environment.id,
    environmentLabel: environment.label,
    ...(environment.variables ? { variables: environment.variables } : {}),
    available: false,
    mode,
    ...(implementation.correctionOf ? { correctionOf: implementation.correctionOf } : {}),
    ...(implementation.correctionReason
      ? { correctionReason: implementation.correctionReason }
      : {}),
  };
}

async function judgeVector(
  session: Session,
  vector: Vector,
  canVerify: boolean,
): Promise<Judgement | undefined> {
  const input = { id: vector.id, body: vector.body, secret: vector.secret };
  if (vector.kind === 'sign') {
    const answer = await session.sign(input);
    return judgeSign(vector.body, vector.secret, answer, vector.refusal === 'acceptable');
  }
  if (!canVerify || !session.verify) return undefined;
  const answer = await session.verify(input, vector.presented);
  return judgeVerify(vector.body, vector.secret, vector.presented, vector.result, answer);
}

/**
 * Runs one column and never throws for anything the implementation does: a column that
 * cannot start gets `error` cells naming why; a missing toolchain gets `unavailable` cells.
 */
export async function runColumn(column: Column, options: ColumnRunOptions): Promise<ColumnRun> {
  const started = Date.now();
  const mode =
    options.mode && column.modes.includes(options.mode)
      ? options.mode
      : (column.modes[0] ?? 'worker');
  const report = describeColumn(column, mode);
  const cell = (
    vector: Pick<Vector, 'id' | 'tags'> & { group: string },
    outcome: Outcome,
    judgement: Partial<Judgement>,
  ): ReportResult => ({
    implementation: column.implementation.id,
    environment: column.environment.id,
    vector: vector.id,
    group: vector.group,
    tags: vector.tags,
    outcome,
    // What an implementation said is shown cut (shown-value.ts): a reply may hold a number
    // of a million digits or a megabyte of event.
    expected: cutText(judgement.expected ?? ''),
    actual: cutText(judgement.actual ?? ''),
    detail: cutText(judgement.detail ?? ''),
    ...(judgement.cause ? { cause: cutText(judgement.cause) } : {}),
    // The bytes a finding shows, for the cells that make findings; a passing cell keeps none.
    ...(judgement.sent && FINDING_OUTCOMES.has(outcome)
      ? { sent: bytesField(judgement.sent) }
      : {}),
  });
  const canVerify = column.capabilities.includes('verify');
  // A protocol v2 implementation may be an SDK that only calls: no sign capability, no vectors.
  const canSign = column.capabilities.includes('sign');
  const applicable = options.vectors.filter((v) => (v.kind === 'sign' ? canSign : canVerify));
  options.listener({ type: 'column-start', column: column.id });

  const availability = await column.probe().catch((error: unknown) => ({
    available: false as const,
    reason: `probe failed: ${(error as Error).message}`,
    install: '',
  }));
  if (!availability.available) {
    report.unavailableReason = availability.reason;
    report.install = availability.install;
    options.listener({ type: 'column-unavailable', column: report });
    return {
      column: report,
      results: applicable.map((v) => cell(v, 'unavailable', { detail: availability.reason })),
      propertyFindings: [],
      metCauses: new Set(),
    };
  }
  report.available = true;
  // An outside implementation names itself in its hello: shown cut, as every value it sends.
  report.runtimeVersion = cutText(availability.runtimeVersion);

  let session: Session;
  try {
    session = await column.open(mode);
  } catch (error) {
    const message = `failed to start: ${(error as Error).message}`;
    // A start cut short by an interrupt says nothing about the implementation.
    const judged = options.signal?.aborted ? [] : applicable;
    const results = judged.map((v) => {
      const expectation = options.expectations.forVector(v.id, v.tags, 'broken');
      return cell(v, applyExpectation('error', v.id, expectation, 'broken'), {
        actual: 'broken',
        detail: message,
        cause: 'broken',
      });
    });
    options.listener({
      type: 'column-done',
      column: report,
      counts: count(results),
      propertyRuns: 0,
      propertyFindings: 0,
      durationMs: Date.now() - started,
    });
    return { column: report, results, propertyFindings: [], metCauses: new Set() };
  }

  const results: ReportResult[] = [];
  const aborted = () => options.signal?.aborted === true;
  try {
    for (const [index, vector] of applicable.entries()) {
      if (aborted()) break;
      const judgement = await judgeVector(session, vector, canVerify);
      // An answer that arrives after the abort was likely cut short by it: not a verdict.
      if (!judgement || aborted()) continue;
      const expectation = options.expectations.forVector(vector.id, vector.tags, judgement.cause);
      const outcome = applyExpectation(judgement.outcome, vector.id, expectation, judgement.cause);
      results.push(cell(vector, outcome, judgement));
      if (index % 25 === 0) {
        options.listener({
          type: 'column-progress',
          column: column.id,
          done: index,
          total: applicable.length,
          phase: 'vectors',
        });
      }
    }
    const sdk =
      options.sdkCases !== false &&
      ['call', 'webhook'].some((c) => column.capabilities.includes(c as Capability));
    if (sdk && !aborted()) {
      options.listener({
        type: 'column-progress',
        column: column.id,
        done: 0,
        total: 0,
        phase: 'sdk',
      });
      for (const result of await runSdkCases(session, column.capabilities, {
        seed: options.seed,
        // A tenth of the signature search's size: each generated case is a real HTTP call.
        propertyRuns: Math.ceil(options.runs / 10),
        ...(column.minTimeoutMs === undefined ? {} : { minTimeoutMs: column.minTimeoutMs }),
        ...(options.signal ? { signal: options.signal } : {}),
      })) {
        if (aborted()) break;
        const { judgement } = result;
        const expectation = options.expectations.forVector(result.id, result.tags, judgement.cause);
        const outcome = applyExpectation(
          judgement.outcome,
          result.id,
          expectation,
          judgement.cause,
        );
        results.push(cell(result, outcome, judgement));
      }
    }
    let search: Awaited<ReturnType<typeof searchColumn>> | undefined;
    if (options.runs > 0 && !aborted() && canSign) {
      options.listener({
        type: 'column-progress',
        column: column.id,
        done: 0,
        total: options.runs,
        phase: 'properties',
      });
      search = await searchColumn(session, {
        implementation: column.implementation.id,
        environment: column.environment.id,
        seed: options.seed,
        runs: options.runs,
        expectedCauses: options.expectations.propertyCauses(),
        ...(options.path ? { path: options.path } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // A search cut short by an abort says nothing about the column.
      if (aborted()) search = undefined;
    }
    options.listener({
      type: 'column-done',
      column: report,
      counts: count(results),
      propertyRuns: search?.summary.runs ?? 0,
      propertyFindings: search?.findings.length ?? 0,
      durationMs: Date.now() - started,
    });
    return {
      column: report,
      results,
      ...(search ? { properties: search.summary } : {}),
      propertyFindings: search?.findings ?? [],
      metCauses: search?.metCauses ?? new Set(),
    };
  } finally {
    await session.close();
  }
}

function count(results: readonly ReportResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
  return counts;
}
