/**
 * Protocol v2's own matrices, computed once for every renderer: per column that made
 * calls, one row per endpoint and one cell per answer scenario; and its webhook cases,
 * genuine and forged, one mark each.
 *
 * @module
 */
import type { Outcome } from '../model.js';
import { CELL_MARKS, caseState } from './cell-state.js';
import type { Report, ReportColumn, ReportResult } from './report.js';

/**
 * The mark of one case: the state of a cell holding only that case, so the protocol v2
 * matrices speak the main matrix's vocabulary ({@link CELL_MARKS}).
 *
 * @throws Never.
 * @example
 * ```ts
 * caseMark('xfail'); // '≈'
 * caseMark(undefined); // '·' (the scenario did not run)
 * ```
 */
export function caseMark(outcome: Outcome | undefined): string {
  return CELL_MARKS[caseState(outcome)];
}

/** One column's calls and webhooks, laid out. */
export interface SdkMatrix {
  column: ReportColumn;
  scenarios: readonly string[];
  /** Endpoints in run order, each with its outcome per scenario. */
  calls: Array<{ endpoint: string; outcomes: Array<Outcome | undefined> }>;
  /** Webhook cases in run order (property cells included). */
  webhooks: Array<{ id: string; outcome: Outcome }>;
  /** The property search's cells of calls and webhooks. */
  properties: ReportResult[];
}

/**
 * The protocol v2 matrices of `report`: one per column with call or webhook results.
 *
 * @throws Never.
 * @example
 * ```ts
 * for (const m of sdkMatrices(report)) console.log(m.column.id, m.calls.length, m.webhooks.length);
 * ```
 */
export function sdkMatrices(report: Report): SdkMatrix[] {
  const matrices: SdkMatrix[] = [];
  for (const column of report.columns) {
    const own = report.results.filter(
      (r) =>
        r.implementation === column.implementation &&
        r.environment === column.environment &&
        (r.group === 'calls' || r.group === 'webhooks'),
    );
    if (own.length === 0) continue;
    // The scenarios in the order the calls ran them: each cell names its endpoint and
    // scenario as values, so nothing is read back out of a case id.
    const scenarios = [
      ...new Set(own.flatMap((r) => (r.endpoint && r.scenario ? [r.scenario] : []))),
    ];
    const calls = new Map<string, Map<string, Outcome>>();
    const properties: ReportResult[] = [];
    const webhooks: SdkMatrix['webhooks'] = [];
    for (const result of own) {
      if (result.tags.includes('property')) {
        properties.push(result);
        continue;
      }
      if (result.group === 'webhooks') {
        webhooks.push({ id: result.vector.replace(/^webhook-/, ''), outcome: result.outcome });
        continue;
      }
      const { endpoint, scenario } = result;
      if (!endpoint || !scenario) continue;
      const row = calls.get(endpoint) ?? new Map<string, Outcome>();
      row.set(scenario, result.outcome);
      calls.set(endpoint, row);
    }
    matrices.push({
      column,
      scenarios,
      calls: [...calls].map(([endpoint, row]) => ({
        endpoint,
        outcomes: scenarios.map((scenario) => row.get(scenario)),
      })),
      webhooks,
      properties,
    });
  }
  return matrices;
}

/**
 * The matrices as plain text tables (terminal) or Markdown tables, one block per column.
 *
 * @throws Never.
 * @example
 * ```ts
 * console.log(renderSdkMatrices(report, 'markdown'));
 * ```
 */
export function renderSdkMatrices(
  report: Report,
  format: 'text' | 'markdown',
  label: (text: string) => string = (t) => t,
): string {
  const blocks: string[] = [];
  for (const matrix of sdkMatrices(report)) {
    const title = `${label(matrix.column.id)} (${label(matrix.column.runtimeVersion ?? '')})`;
    const header = ['endpoint', ...matrix.scenarios];
    const rows = matrix.calls.map((row) => [row.endpoint, ...row.outcomes.map(caseMark)]);
    const webhookLine = matrix.webhooks
      .map((w) => `${caseMark(w.outcome)} ${w.id}`)
      .join(format === 'markdown' ? ' · ' : '  ');
    const property = matrix.properties.map((p) => `${caseMark(p.outcome)} ${p.vector}`).join('  ');
    if (format === 'markdown') {
      blocks.push(
        `#### Calls and webhooks of ${title}`,
        '',
        ...(rows.length > 0
          ? [
              `| ${header.join(' | ')} |`,
              `|${header.map(() => '---').join('|')}|`,
              ...rows.map((r) => `| ${r.join(' | ')} |`),
              '',
            ]
          : []),
        ...(webhookLine ? [`Webhooks: ${webhookLine}`, ''] : []),
        ...(property ? [`Property search: ${property}`, ''] : []),
      );
    } else {
      const widths = header.map((h, i) =>
        Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)),
      );
      const line = (cells: string[]) =>
        cells
          .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length))
          .join('  ')
          .trimEnd();
      blocks.push(
        `calls and webhooks of ${title}`,
        ...(rows.length > 0 ? [line(header), ...rows.map(line)] : []),
        ...(webhookLine ? [`webhooks: ${webhookLine}`] : []),
        ...(property ? [`property search: ${property}`] : []),
        '',
      );
    }
  }
  return blocks.join('\n');
}
