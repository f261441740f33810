/**
 * The machine-readable report: everything a run decided, in one JSON document. Every
 * other format (terminal, JUnit, Markdown, HTML) is rendered from this.
 *
 * @module
 */
import type { VectorSetInfo } from '@plugnmeet-signing/vectors';
import type { Expectation } from '../expectations/file.js';
import type { Level } from '../judges/judgement.js';
import {
  type CheckLevel,
  type HelloIdentity,
  type ImplementationOrigin,
  OUTCOMES,
  type Outcome,
} from '../model.js';
import type { BytesShown } from './shown-value.js';

export const REPORT_FORMAT_VERSION = 1;

export interface ReportColumn {
  /** `${implementation}/${environment}`. */
  id: string;
  implementation: string;
  implementationLabel: string;
  implementationKind: string;
  /**
   * An outside implementation's hello as said (name, version, language, runtime), each
   * value cut as every value it sends; absent for built-in columns and for one that could
   * not say hello.
   */
  identity?: HelloIdentity;
  /** Where the column's code comes from (absent in reports of older versions). */
  origin?: ImplementationOrigin;
  /** What it checks (absent in reports of older versions: read `implementationKind`). */
  checks?: CheckLevel;
  language: string;
  environment: string;
  environmentLabel: string;
  variables?: Record<string, string>;
  runtimeVersion?: string;
  available: boolean;
  unavailableReason?: string;
  install?: string;
  mode: string;
  correctionOf?: string;
  correctionReason?: string;
  /**
   * A wire level shown as a column of its own: the implementation whose runs it is judged
   * from (`wire-shell` is the wire level of `shell`).
   */
  wireLevelOf?: string;
}

/** One (column × vector) cell. */
export interface ReportResult {
  implementation: string;
  environment: string;
  vector: string;
  /** Vector file name, for grouping. */
  group: string;
  tags: readonly string[];
  outcome: Outcome;
  /** What the reference says: a signature, `refuse`, or `valid`/`invalid`. */
  expected: string;
  /** What the implementation said. */
  actual: string;
  detail: string;
  /** Id of the reproduced cause, when a divergence could be explained. */
  cause?: string;
  /**
   * What the case is (absent in reports of older versions: a vector). A call also names its
   * endpoint and scenario here, as values.
   */
  source?: 'vector' | 'call' | 'webhook' | 'property';
  endpoint?: string;
  scenario?: string;
  /** The level the cell's shown judgement was made at. */
  level?: Level;
  /** Cells that make findings: the expectations file's explanation, or the judge's. */
  explanation?: string;
  /**
   * A case that failed at more than one level: every failing level's judgement, each its
   * own finding (the cell's `cause` is the one it shows first).
   */
  judgements?: Array<{ level: Level; outcome: Outcome; cause: string; detail: string }>;
  /**
   * Cells that make findings: the input the finding shows (a vector's body and secret; the
   * body an SDK sent, or the webhook body it was handed, and the secret it was given), each
   * cut to SHOWN_BYTES with its full `size`. Passing cells keep no bytes.
   */
  minimal?: { body: BytesShown; secret: BytesShown };
}

/** A divergence the property search found, shrunk to a minimal case. */
export interface PropertyFinding {
  implementation: string;
  environment: string;
  outcome: Outcome;
  seed: number;
  /** fast-check's replay path, for `--seed S --path P`. */
  path: string;
  runs: number;
  body: BytesShown;
  secret: BytesShown;
  expected: string;
  actual: string;
  cause?: string;
  explanation: string;
  /** The minimal case as a ready-to-paste vector for vectors/*.json. */
  vector: Record<string, unknown>;
}

/** What the property search did per column, found or not. */
export interface PropertySummary {
  implementation: string;
  environment: string;
  runs: number;
  /** Cases answered `unrepresentable` (not counted as agreement). */
  unrepresentable: number;
  /** Cases that diverged in an already expected way. */
  expectedDivergences: number;
  /** Expected causes the search met. */
  metCauses: string[];
  findings: number;
}

/** A summarised divergence: one cause in one column, with its smallest input. */
export interface Finding {
  implementation: string;
  environment: string;
  environmentLabel: string;
  runtimeVersion?: string;
  outcome: Outcome;
  cause: string;
  explanation: string;
  /** Vector ids that show it (or `property` for the property search). */
  vectors: string[];
  minimal: { body: BytesShown; secret: BytesShown };
  expected: string;
  actual: string;
  /** Whether the expectations file knows this one. */
  expectedFailure: boolean;
  correction?: string;
}

/** The word a report's headline says. */
export type Verdict = 'OK' | 'INCOMPLETE' | 'FAILED' | 'INTERRUPTED' | 'NOTHING JUDGED';

/** What a run with unavailable columns did not judge, and how to make it judge them. */
export interface Incomplete {
  /** How many columns were unavailable. */
  unavailableColumns: number;
  /** Of how many selected. */
  columns: number;
  /** What installs them: one `apt-get install` line for every Debian package, then the rest. */
  install: string[];
}

export interface Report {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  tool: { name: string; version: string };
  startedAt: string;
  durationMs: number;
  seed: number;
  propertyRuns: number;
  shard?: { index: number; count: number };
  /** The shipped vector set that judged the run (name, version, digest). */
  vectorSet?: VectorSetInfo;
  vectorFiles: Array<{ name: string; path: string; formatVersion: number; vectors: number }>;
  columns: ReportColumn[];
  results: ReportResult[];
  properties: PropertySummary[];
  propertyFindings: PropertyFinding[];
  findings: Finding[];
  /**
   * The expectation entries applied to this run's columns. A shard cannot tell whether an
   * entry is met in another shard; with these, `merge` judges staleness over all shards.
   */
  expectations?: Expectation[];
  /** Unavailable columns fail the run (`--require-all`, or CI=true). */
  requireAll?: boolean;
  /** Set by `merge`: how many shard reports this one joins. */
  mergedFrom?: number;
  /** Expectations that no longer hold (expected failures that now pass). */
  staleExpectations: Array<{
    implementation: string;
    environment: string;
    vector: string;
    cause: string;
  }>;
  summary: Record<Outcome, number> & {
    ok: boolean;
    /**
     * The headline every format shows (absent in reports of older versions: read `ok`).
     * `INCOMPLETE` when columns were unavailable and nothing else failed: never a plain OK.
     */
    verdict?: Verdict;
    /** Columns that could not run, and what installs them: such a run is never a plain OK. */
    incomplete?: Incomplete;
    /** Why nothing was judged, when nothing was (such a run is not OK). */
    nothingJudged?: string;
    /** The signal that stopped the run early (`SIGINT`, `SIGTERM`, `SIGHUP`). */
    interrupted?: string;
  };
}

/** How many results have each outcome (every outcome present, zero included). */
export function countOutcomes(
  results: ReadonlyArray<{ outcome: Outcome }>,
): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

/**
 * The matrix's groups: one per vector file, then the protocol v2 groups (`calls`,
 * `webhooks`) that some column produced, in the order they first appear.
 *
 * @example
 * ```ts
 * resultGroups(report); // ['edge-cases', …, 'wycheproof', 'calls', 'webhooks']
 * ```
 */
export function resultGroups(report: Pick<Report, 'vectorFiles' | 'results'>): string[] {
  const groups = report.vectorFiles.map((f) => f.name);
  for (const result of report.results)
    if (!groups.includes(result.group)) groups.push(result.group);
  return groups;
}
