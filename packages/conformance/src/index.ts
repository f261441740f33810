/**
 * The conformance runner as a library: build columns, run them against the vectors,
 * render the report. The `pnm-conformance` command is a thin layer over this.
 *
 * @module
 */
export type {
  Availability,
  CaseInput,
  Column,
  EnvironmentInfo,
  ExecutionMode,
  ImplementationInfo,
  ImplementationKind,
  Outcome,
  Session,
  SignAnswer,
  VerifyAnswer,
} from './model.js';
export { ConformanceError, isConformanceError, type ConformanceErrorCode } from './errors.js';
export { runConformance, type RunOptions } from './run.js';
export { builtInColumns } from './columns.js';
export { outsideColumn } from './implementations/outside.js';
export { ProcessSession, type LaunchSpec, type ProcessSessionOptions } from './implementations/process-session.js';
export { diagnose, type Diagnosis } from './diagnosis/diagnose.js';
export { readExpectations, writeExpectations, type Expectation, type ExpectationsFile } from './expectations/file.js';
export { expectationsFromReport } from './expectations/update.js';
export type { Finding, PropertyFinding, Report, ReportColumn, ReportResult } from './reports/report.js';
export { renderReport, renderMatrix } from './reports/terminal.js';
export { renderJson, readJsonReport } from './reports/json.js';
export { renderJunit } from './reports/junit.js';
export { renderMarkdown } from './reports/markdown.js';
export { renderHtml } from './reports/html.js';
export { mergeReports } from './reports/merge.js';
export { main } from './cli/main.js';
