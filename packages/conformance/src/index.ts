/**
 * The conformance runner as a library: build columns, run them against the vectors
 * (`conformanceRun`: load → check → select → run → settle → redact), render the report.
 * The `pnm-conformance` command is a thin layer over this.
 *
 * @module
 */

export { main } from './cli/main.js';
export { builtInColumns } from './columns.js';
export { type Diagnosis, diagnose } from './diagnosis/diagnose.js';
export { ConformanceError, type ConformanceErrorCode, isConformanceError } from './errors.js';
export {
  type Expectation,
  type ExpectationsFile,
  readExpectations,
  writeExpectations,
} from './expectations/file.js';
export {
  type OutsideColumn,
  type OutsideOptions,
  outsideColumn,
  outsideColumns,
} from './implementations/outside.js';
export type { OutsideIdentity } from './implementations/outside-identity.js';
export {
  type LaunchSpec,
  ProcessSession,
  type ProcessSessionOptions,
} from './implementations/process-session.js';
export type { Level, LevelJudgement } from './judges/judgement.js';
export type {
  Availability,
  CaseInput,
  Column,
  ColumnLevel,
  EnvironmentInfo,
  ExecutionMode,
  HelloIdentity,
  ImplementationInfo,
  ImplementationKind,
  Outcome,
  SdkCaseRef,
  Session,
  SignAnswer,
  VectorTrace,
  VerifyAnswer,
  WireAnswer,
  WireLevel,
} from './model.js';
export { conformanceRun } from './pipeline/conformance-run.js';
export type {
  ConformanceRunOptions,
  ExpectationsSource,
  PlanOptions,
  RunSettings,
} from './pipeline/options.js';
/** @deprecated Use {@link conformanceRun}; this alias goes in the next release. */
export { type RunOptions, runConformance } from './pipeline/run-conformance.js';
export { expectationsFromReport } from './reports/expectations-update.js';
export { renderHtml } from './reports/html.js';
export { readJsonReport, renderJson } from './reports/json.js';
export { renderJunit } from './reports/junit.js';
export { renderMarkdown } from './reports/markdown.js';
export { mergeReports } from './reports/merge.js';
export type {
  Finding,
  PropertyFinding,
  Report,
  ReportColumn,
  ReportResult,
} from './reports/report.js';
export { renderMatrix, renderReport } from './reports/terminal.js';
export { SCHEMA_NAMES, type SchemaName, schemaFile } from './schemas/load.js';
