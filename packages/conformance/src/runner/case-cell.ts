/**
 * A settled case as a cell of the report: what it is (as values), its outcome, the
 * judgement it shows, and, for a cell that makes findings, every failing level and the
 * input its finding shows, so that nothing is fetched back from the vectors after the run.
 *
 * @module
 */
import type { ColumnRef } from '../column-key.js';
import { FINDING_OUTCOMES, type Outcome } from '../model.js';
import { bytesField } from '../reports/bytes-field.js';
import type { ReportResult } from '../reports/report.js';
import { cutText } from '../reports/shown-value.js';
import type { SettledCase } from './settle-case.js';

/** What a cell is a case of: its id and group, and for a call its endpoint and scenario. */
export interface CellCase {
  source: NonNullable<ReportResult['source']>;
  id: string;
  group: string;
  tags: readonly string[];
  endpoint?: string;
  scenario?: string;
}

/** The input a finding shows: the bytes of the case and its secret. */
export interface CaseInputBytes {
  body: Uint8Array;
  secret: Uint8Array;
}

/**
 * The cell of `testCase` in column `column`.
 *
 * @param input The case's input, kept only when the cell makes findings (a passing cell's
 *   bytes would be shown nowhere).
 * @throws Never.
 * @example
 * ```ts
 * caseCell(column, { source: 'vector', id: v.id, group: 'edge-cases', tags: v.tags }, settled, v);
 * ```
 */
export function caseCell(
  column: ColumnRef,
  testCase: CellCase,
  settled: SettledCase,
  input: CaseInputBytes | undefined,
): ReportResult {
  const { headline, failures } = settled;
  const findsSomething = FINDING_OUTCOMES.has(settled.outcome);
  const shown = failures.find((f) => f.cause === headline.cause);
  const explanation = shown?.expectedExplanation ?? headline.detail;
  return {
    implementation: column.implementation,
    environment: column.environment,
    vector: testCase.id,
    group: testCase.group,
    tags: testCase.tags,
    source: testCase.source,
    ...(testCase.endpoint ? { endpoint: testCase.endpoint } : {}),
    ...(testCase.scenario ? { scenario: testCase.scenario } : {}),
    outcome: settled.outcome,
    level: headline.level,
    // What an implementation said is shown cut (shown-value.ts): a reply may hold a number
    // of a million digits or a megabyte of event.
    expected: cutText(headline.expected),
    actual: cutText(headline.actual),
    detail: cutText(headline.detail),
    ...(headline.cause ? { cause: cutText(headline.cause) } : {}),
    ...(findsSomething && explanation ? { explanation: cutText(explanation) } : {}),
    ...(failures.length > 1
      ? {
          judgements: failures.map((f) => ({
            level: f.level,
            outcome: f.settled as Outcome,
            cause: cutText(f.cause ?? 'unexplained'),
            detail: cutText(f.expectedExplanation ?? f.detail),
          })),
        }
      : {}),
    ...(findsSomething && input
      ? { minimal: { body: bytesField(input.body), secret: bytesField(input.secret) } }
      : {}),
  };
}
