/**
 * Small in-memory report parts for the unit layer: nothing here spawns or reads a file.
 */
import type { Expectation } from '../../src/expectations/file.js';
import type { Outcome } from '../../src/model.js';
import type {
  PropertySummary,
  Report,
  ReportColumn,
  ReportResult,
} from '../../src/reports/report.js';
import { summarize } from '../../src/reports/verdict.js';

/** A column of `impl/env`, available unless said otherwise. */
export function column(id: string, extra: Partial<ReportColumn> = {}): ReportColumn {
  const [implementation = '', environment = ''] = id.split('/');
  return {
    id,
    implementation,
    implementationLabel: implementation,
    implementationKind: 'snippet',
    language: implementation,
    environment,
    environmentLabel: environment,
    available: true,
    mode: 'worker',
    ...extra,
  };
}

/** A cell of `impl/env` × `vector`. */
export function cell(
  id: string,
  vector: string,
  outcome: Outcome,
  extra: Partial<ReportResult> = {},
): ReportResult {
  const [implementation = '', environment = ''] = id.split('/');
  return {
    implementation,
    environment,
    vector,
    group: 'edge-cases',
    tags: [],
    outcome,
    expected: 'e',
    actual: 'a',
    detail: `${vector} detail`,
    ...extra,
  };
}

/** An expectation for `impl/env`. */
export function expectation(
  id: string,
  cause: string,
  vectors: string[],
  extra: Partial<Expectation> = {},
): Expectation {
  const [implementation = '', environment = ''] = id.split('/');
  return {
    implementation,
    environment,
    cause,
    explanation: `${cause} explained`,
    vectors,
    ...extra,
  };
}

/** The property summary of `impl/env`, meeting `metCauses`. */
export function properties(id: string, metCauses: string[] = []): PropertySummary {
  const [implementation = '', environment = ''] = id.split('/');
  return {
    implementation,
    environment,
    runs: 10,
    unrepresentable: 0,
    expectedDivergences: metCauses.length,
    metCauses,
    findings: 0,
  };
}

/** A whole report from its parts, with its verdict computed. */
export function report(parts: Partial<Omit<Report, 'summary'>> = {}): Report {
  const base: Omit<Report, 'summary'> = {
    formatVersion: 1,
    tool: { name: 'pnm-conformance', version: '0.0.0' },
    startedAt: '2026-12-02T00:00:00.000Z',
    durationMs: 1,
    seed: 1,
    propertyRuns: 0,
    vectorFiles: [{ name: 'edge-cases', path: 'edge-cases.json', formatVersion: 1, vectors: 3 }],
    columns: [],
    results: [],
    properties: [],
    propertyFindings: [],
    findings: [],
    staleExpectations: [],
    ...parts,
  };
  return { ...base, summary: summarize(base) };
}
