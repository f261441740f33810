/**
 * Progress events, so a terminal (or a CI log) can show live progress per column.
 *
 * @module
 */
import type { ReportColumn } from '../reports/report.js';

export type RunEvent =
  | { type: 'column-start'; column: string }
  | { type: 'column-unavailable'; column: ReportColumn }
  | {
      type: 'column-progress';
      column: string;
      done: number;
      total: number;
      phase: 'vectors' | 'sdk' | 'properties';
    }
  | {
      type: 'column-done';
      column: ReportColumn;
      counts: Record<string, number>;
      propertyRuns: number;
      propertyFindings: number;
      durationMs: number;
    };

export type RunListener = (event: RunEvent) => void;
