/**
 * Runs every selected vector, the protocol v2 cases and the property search on one
 * subject: each case runs once and leaves one trace, and every level the subject shows is
 * judged on it (a subject run end to end shows its signature and, as a column of its own,
 * the request it sent).
 *
 * @module
 */
import type { Vector } from '@plugnmeet-signing/vectors';
import type { ColumnRef } from '../column-key.js';
import type { ColumnExpectations } from '../expectations/match.js';
import { atLevel, type Judgement, type LevelJudgement } from '../judges/judgement.js';
import { judgeSign } from '../judges/sign.js';
import { judgeVerify } from '../judges/verify.js';
import { judgeWire } from '../judges/wire.js';
import type {
  Availability,
  Capability,
  Column,
  ColumnLevel,
  ExecutionMode,
  Session,
  VectorTrace,
  WireLevel,
} from '../model.js';
import { type SearchLevel, searchLevels } from '../properties/search.js';
import { checkedReference, referenceSignature } from '../reference.js';
import {
  countOutcomes,
  type PropertyFinding,
  type PropertySummary,
  type ReportColumn,
  type ReportResult,
} from '../reports/report.js';
import { cutText, shownIdentity } from '../reports/shown-value.js';
import { runSdkCases } from '../sdk/run-sdk-cases.js';
import { type CellCase, caseCell } from './case-cell.js';
import type { RunListener } from './events.js';
import { runCase } from './run-case.js';
import { settleCase } from './settle-case.js';

/** The part of a sign vector (or a generated case) its levels are judged by. */
type VectorBytes = {
  body: Uint8Array;
  secret: Uint8Array;
  refusal?: 'acceptable' | undefined;
  /** A checked vector's signature: the reference's (see `checkedReference`). */
  signature?: string;
};

export interface ColumnRunOptions {
  vectors: ReadonlyArray<Vector & { group: string }>;
  /** The expectations of each column the subject shows, by level. */
  expectations: (column: ColumnRef) => ColumnExpectations;
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
  /** The columns of the matrix this subject fills: its own, and its wire level's if it shows one. */
  columns: ReportColumn[];
  results: ReportResult[];
  properties: PropertySummary[];
  propertyFindings: PropertyFinding[];
}

/** A level of the subject shown as a column: its report column and how it judges a trace. */
interface ShownLevel {
  report: ReportColumn;
  ref: ColumnRef;
  expectations: ColumnExpectations;
  level: 'sign' | 'wire';
  judge(vector: VectorBytes, trace: VectorTrace, reference: string | undefined): LevelJudgement;
}

function describeColumn(level: ColumnLevel, mode: ExecutionMode): ReportColumn {
  const { implementation, environment } = level;
  return {
    id: `${implementation.id}/${environment.id}`,
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

const notJudged = (level: 'sign' | 'wire'): Judgement => ({
  outcome: 'error',
  expected: 'a judged case',
  actual: 'not run',
  detail: `the run left no ${level === 'sign' ? 'signature' : 'request'} to judge`,
  cause: 'broken',
});

/**
 * What the reference says of a case, once for every level that judges it: a shipped or
 * user vector was checked against the reference before the run, so its own signature is
 * the reference's; a generated case has none and is signed here.
 */
function referenceOf(vector: VectorBytes): string | undefined {
  return vector.signature === undefined
    ? referenceSignature(vector.body, vector.secret)
    : checkedReference({ secret: vector.secret, signature: vector.signature });
}

/** How a level judges its part of a trace: the signature computed, or what reached the server. */
function judgeTrace(
  checks: 'signature' | 'wire',
  vector: VectorBytes,
  trace: VectorTrace,
  reference: string | undefined,
): LevelJudgement {
  const acceptable = vector.refusal === 'acceptable';
  if (checks === 'wire') {
    const judged = trace.sent
      ? judgeWire(vector.body, vector.secret, trace.sent, acceptable, reference)
      : notJudged('wire');
    return atLevel('wire', judged);
  }
  const judged = trace.signed
    ? judgeSign(vector.body, vector.secret, trace.signed, acceptable, reference)
    : notJudged('sign');
  return atLevel('sign', judged);
}

/**
 * Runs one subject and never throws for anything the implementation does: one that cannot
 * start gets `error` cells naming why; a missing toolchain gets `unavailable` cells.
 *
 * @throws Never for anything the implementation does.
 * @example
 * ```ts
 * const { results } = await runColumn(column, { vectors, expectations, mode: undefined, seed: 1, runs: 100, listener: () => {} });
 * ```
 */
export async function runColumn(column: Column, options: ColumnRunOptions): Promise<ColumnRun> {
  const started = Date.now();
  const mode =
    options.mode && column.modes.includes(options.mode)
      ? options.mode
      : (column.modes[0] ?? 'worker');
  const levels: ShownLevel[] = [];
  const show = (level: ColumnLevel, wireLevelOf?: string) => {
    const checks = level.implementation.checks;
    const report = { ...describeColumn(level, mode), ...(wireLevelOf ? { wireLevelOf } : {}) };
    const ref = { implementation: report.implementation, environment: report.environment };
    levels.push({
      report,
      ref,
      expectations: options.expectations(ref),
      level: checks === 'wire' ? 'wire' : 'sign',
      judge: (vector, trace, reference) => judgeTrace(checks, vector, trace, reference),
    });
  };
  if (column.shown !== 'wire-level-only') show(column);
  if (column.wireLevel) show(column.wireLevel, column.implementation.id);
  const [own] = levels;
  if (!own) return { columns: [], results: [], properties: [], propertyFindings: [] };
  const canVerify = column.capabilities.includes('verify') && column.shown !== 'wire-level-only';
  // A protocol v2 implementation may be an SDK that only calls: no sign capability, no vectors.
  const canSign = column.capabilities.includes('sign');
  const applicable = options.vectors.filter((v) => (v.kind === 'sign' ? canSign : canVerify));
  const vectorCase = (v: Vector & { group: string }): CellCase => ({
    source: 'vector',
    id: v.id,
    group: v.group,
    tags: v.tags,
  });
  const cellOf = (
    level: ShownLevel,
    testCase: CellCase,
    judgements: LevelJudgement[],
    input?: { body: Uint8Array; secret: Uint8Array },
  ) =>
    caseCell(
      level.ref,
      testCase,
      settleCase(testCase.id, testCase.tags, judgements, level.expectations),
      input,
    );
  const reports = levels.map((l) => l.report);
  options.listener({ type: 'column-start', column: column.id });

  const availability = await probeQuietly(column);
  const results: ReportResult[] = [];
  const unavailable = (level: ShownLevel, why: { reason: string; install: string }) => {
    level.report.unavailableReason = why.reason;
    level.report.install = why.install;
    options.listener({ type: 'column-unavailable', column: level.report });
    for (const v of applicable) {
      if (v.kind === 'verify' && level !== own) continue;
      results.push({
        ...level.ref,
        vector: v.id,
        group: v.group,
        tags: v.tags,
        source: 'vector',
        outcome: 'unavailable',
        expected: '',
        actual: '',
        detail: cutText(why.reason),
      });
    }
  };
  if (!availability.available) {
    for (const level of levels) unavailable(level, availability);
    return { columns: reports, results, properties: [], propertyFindings: [] };
  }
  // The wire level needs more than the subject (curl, the loopback server): without it the
  // subject still signs, and only the wire level's cells are unavailable.
  const wire = column.wireLevel ? levels.at(-1) : undefined;
  const wireReady = wire ? await probeQuietly(column.wireLevel as WireLevel) : undefined;
  if (wire && wireReady && !wireReady.available) {
    unavailable(wire, wireReady);
    levels.splice(levels.indexOf(wire), 1);
    // Selected for its wire level alone, the subject has nothing left to show.
    if (levels.length === 0)
      return { columns: reports, results, properties: [], propertyFindings: [] };
  }
  for (const level of levels) {
    level.report.available = true;
    // An outside implementation names itself in its hello: shown cut, as every value it sends.
    const version = level === wire && wireReady?.available ? wireReady : availability;
    level.report.runtimeVersion = cutText(version.runtimeVersion);
  }

  // Each level's column is done with its own cells and its own property findings.
  const done = (searched: ReadonlyArray<{ summary: PropertySummary }>) => {
    for (const level of levels) {
      const mine = (r: ColumnRef) =>
        r.implementation === level.ref.implementation && r.environment === level.ref.environment;
      const summary = searched.find((s) => mine(s.summary))?.summary;
      options.listener({
        type: 'column-done',
        column: level.report,
        counts: countOutcomes(results.filter(mine)),
        propertyRuns: summary?.runs ?? 0,
        propertyFindings: summary?.findings ?? 0,
        durationMs: Date.now() - started,
      });
    }
  };
  let session: Session;
  try {
    session = await column.open(mode);
  } catch (error) {
    const message = `failed to start: ${(error as Error).message}`;
    // A start cut short by an interrupt says nothing about the implementation.
    const judged = options.signal?.aborted ? [] : applicable;
    for (const level of levels) {
      for (const v of judged) {
        if (v.kind === 'verify' && level !== own) continue;
        const broken = atLevel(v.kind === 'verify' ? 'verify' : level.level, {
          outcome: 'error',
          expected: '',
          actual: 'broken',
          detail: message,
          cause: 'broken',
        });
        results.push(cellOf(level, vectorCase(v), [broken], v));
      }
    }
    done([]);
    return { columns: reports, results, properties: [], propertyFindings: [] };
  }

  const aborted = () => options.signal?.aborted === true;
  try {
    for (const [index, vector] of applicable.entries()) {
      if (aborted()) break;
      const input = { id: vector.id, body: vector.body, secret: vector.secret };
      if (vector.kind === 'verify') {
        if (!session.verify) continue;
        const answer = await session.verify(input, vector.presented);
        if (aborted()) break;
        const judged = judgeVerify(
          vector.body,
          vector.secret,
          vector.presented,
          vector.result,
          answer,
        );
        results.push(cellOf(own, vectorCase(vector), [atLevel('verify', judged)], vector));
      } else {
        const trace = await runCase(session, input);
        // An answer that arrives after the abort was likely cut short by it: not a verdict.
        if (aborted()) break;
        const reference = referenceOf(vector);
        for (const level of levels) {
          const judged = level.judge(vector, trace, reference);
          results.push(cellOf(level, vectorCase(vector), [judged], vector));
        }
      }
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
      column.shown !== 'wire-level-only' &&
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
        const { case: ref, group, tags, judgements, secret } = result;
        const sent = judgements.find((j) => j.sent)?.sent;
        const testCase: CellCase = {
          source: ref.source,
          id: ref.id,
          group,
          tags,
          ...(ref.source === 'call' ? { endpoint: ref.endpoint, scenario: ref.scenario } : {}),
        };
        const caseInput = {
          body: sent ?? new Uint8Array(),
          secret: new TextEncoder().encode(secret),
        };
        results.push(cellOf(own, testCase, judgements, caseInput));
      }
    }
    let searched: Awaited<ReturnType<typeof searchLevels>> = [];
    if (options.runs > 0 && !aborted() && canSign) {
      options.listener({
        type: 'column-progress',
        column: column.id,
        done: 0,
        total: options.runs,
        phase: 'properties',
      });
      const searchable = levels.map(
        (level): SearchLevel => ({
          column: level.ref,
          judge: (input, trace, reference) => level.judge(input, trace, reference),
          expectedCauses: level.expectations.propertyCauses(),
        }),
      );
      searched = await searchLevels((input) => runCase(session, input), searchable, {
        seed: options.seed,
        runs: options.runs,
        ...(options.path ? { path: options.path } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // A search cut short by an abort says nothing about the column.
      if (aborted()) searched = [];
    }
    const propertyFindings = searched.flatMap((s) => s.findings);
    done(searched);
    return {
      columns: reports,
      results,
      properties: searched.map((s) => s.summary),
      propertyFindings,
    };
  } finally {
    await session.close();
  }
}

/** A probe that throws is an unavailable column that says why. */
function probeQuietly(probed: { probe(): Promise<Availability> }): Promise<Availability> {
  return probed.probe().catch((error: unknown) => ({
    available: false as const,
    reason: `probe failed: ${(error as Error).message}`,
    install: '',
  }));
}
