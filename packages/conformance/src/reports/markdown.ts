/**
 * Markdown: a compact matrix and the findings, for a CI job summary or a pull request.
 *
 * @module
 */
import { type Report, resultGroups } from './report.js';
import { renderSdkMatrices } from './sdk-matrix.js';
import { paintFor } from './style.js';
import { cellText, propertyCell, resultsOf, verdictWord } from './terminal.js';
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

/** The report as GitHub-flavoured Markdown. */
export function renderMarkdown(report: Report): string {
  const plain = paintFor({ isTTY: false });
  const groups = resultGroups(report);
  const s = report.summary;
  const lines = [
    `## plugNmeet signing conformance: ${s.ok ? '✅ OK' : `❌ ${verdictWord(s)}`}`,
    '',
    ...(s.interrupted
      ? [`**Interrupted by ${cell(s.interrupted)}**: only what was judged before is shown.`, '']
      : []),
    ...(s.nothingJudged ? [`**Nothing was judged**: ${cell(s.nothingJudged)}.`, ''] : []),
    `${s.pass} pass · ${s.fail} fail · ${s.error} error · ${s.xfail} known · ${s.xpass} stale · ${s.unrepresentable} unrepresentable · ${s.unavailable} unavailable — seed ${report.seed}, ${report.propertyRuns} property cases per column, ${report.tool.name} ${report.tool.version}`,
    '',
    `| column | runtime | ${groups.join(' | ')} | properties |`,
    `|---|---|${groups.map(() => '---').join('|')}|---|`,
  ];
  for (const column of report.columns) {
    const cells = groups.map((group) => cellText(resultsOf(report, column, group), plain));
    const propCell = propertyCell(report, column, plain);
    lines.push(
      `| ${cell(column.id)} | ${cell(column.available ? (column.runtimeVersion ?? '') : 'unavailable')} | ${cells.map(cell).join(' | ')} | ${propCell} |`,
    );
  }
  const sdk = renderSdkMatrices(report, 'markdown', cell);
  if (sdk) lines.push('', '### Calls and webhooks (protocol v2)', '', sdk.trimEnd());
  if (report.findings.length > 0) {
    lines.push(
      '',
      '### Findings',
      '',
      '| | where | cause | minimal body | minimal secret | why |',
      '|---|---|---|---|---|---|',
    );
    for (const f of report.findings) {
      const body =
        f.minimal.body.text !== undefined
          ? code(visible(f.minimal.body.text))
          : `hex ${code(f.minimal.body.hex)}`;
      const secret =
        f.minimal.secret.text !== undefined
          ? code(visible(f.minimal.secret.text))
          : `hex ${code(f.minimal.secret.hex)}`;
      lines.push(
        `| ${f.expectedFailure ? 'known' : '**new**'} | ${cell(`${f.implementation}/${f.environment}`)} | ${code(f.cause)} | ${body} | ${secret} | ${cell(f.explanation)}${f.correction ? ` — fixed by the corrected snippet: ${cell(f.correction)}` : ''} |`,
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
