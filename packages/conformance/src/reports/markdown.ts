/**
 * Markdown: a compact matrix and the findings, for a CI job summary or a pull request.
 *
 * @module
 */
import type { ShownBytes } from './finding-view.js';
import type { Report, Verdict } from './report.js';
import { renderSdkMatrices } from './sdk-matrix.js';
import { incompleteLine, reportView, verdictWord } from './view.js';
import { printable, visible } from './visible.js';

/**
 * Text for a table cell: pipes would split the cell, line breaks end the table, and raw
 * HTML would render in a job summary (implementation-chosen strings reach this report).
 */
function cell(text: string): string {
  return printable(text, 500)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

/** A code span; GFM splits table cells on `|` even inside code spans, unless escaped. */
function code(text: string, max = 80): string {
  const shown = printable(text, max);
  return `\`${shown
    .replace(/`/g, 'ˋ')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ')}\``;
}

/** Bytes in a table cell: the text when they are UTF-8, else the hex. */
function bytes(shown: ShownBytes): string {
  const size = shown.cutNote ? ` (${shown.length} bytes)` : '';
  return `${shown.text !== undefined ? code(visible(shown.text)) : `hex ${code(shown.hex)}`}${size}`;
}

/**
 * The report as GitHub-flavoured Markdown, formatted from its {@link reportView}.
 *
 * @throws Never.
 * @example
 * ```ts
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY ?? 'summary.md', renderMarkdown(report));
 * ```
 */
const VERDICT_MARK: Record<Verdict, string> = {
  OK: '✅',
  INCOMPLETE: '⚠️',
  FAILED: '❌',
  INTERRUPTED: '❌',
  'NOTHING JUDGED': '❌',
};

export function renderMarkdown(report: Report): string {
  const { groups, rows, findings } = reportView(report);
  const s = report.summary;
  const lines = [
    `## plugNmeet signing conformance: ${VERDICT_MARK[verdictWord(s)]} ${verdictWord(s)}`,
    '',
    ...(s.interrupted
      ? [`**Interrupted by ${cell(s.interrupted)}**: only what was judged before is shown.`, '']
      : []),
    ...(s.nothingJudged ? [`**Nothing was judged**: ${cell(s.nothingJudged)}.`, ''] : []),
    ...(incompleteLine(s) ? [`**Incomplete**: ${cell(incompleteLine(s) ?? '')}.`, ''] : []),
    `${s.pass} pass · ${s.fail} fail · ${s.error} error · ${s.xfail} known · ${s.xpass} stale · ${s.unrepresentable} unrepresentable · ${s.unavailable} unavailable — seed ${report.seed}, ${report.propertyRuns} property cases per column, ${report.tool.name} ${report.tool.version}`,
    '',
    `| column | runtime | ${groups.join(' | ')} | properties |`,
    `|---|---|${groups.map(() => '---').join('|')}|---|`,
  ];
  for (const { column, cells, property } of rows) {
    lines.push(
      `| ${cell(column.id)} | ${cell(column.available ? (column.runtimeVersion ?? '') : 'unavailable')} | ${cells.map((c) => cell(c.state.text)).join(' | ')} | ${property.text} |`,
    );
  }
  const sdk = renderSdkMatrices(report, 'markdown', cell);
  if (sdk) lines.push('', '### Calls and webhooks (protocol v2)', '', sdk.trimEnd());
  if (findings.length > 0) {
    lines.push(
      '',
      '### Findings',
      '',
      '| | where | cause | minimal body | minimal secret | why |',
      '|---|---|---|---|---|---|',
    );
    for (const f of findings) {
      lines.push(
        `| ${f.status === 'known' ? 'known' : '**new**'} | ${cell(f.column)} | ${code(f.cause)} | ${bytes(f.body)} | ${bytes(f.secret)} | ${cell(f.explanation)}${f.correction ? ` — fixed by the corrected snippet: ${cell(f.correction)}` : ''} |`,
      );
    }
  }
  if (report.staleExpectations.length > 0) {
    lines.push('', '### Stale expectations', '');
    for (const stale of report.staleExpectations)
      lines.push(
        `- ${cell(`${stale.implementation}/${stale.environment}: ${stale.vector} (${stale.cause})`)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
