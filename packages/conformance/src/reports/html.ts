/**
 * One self-contained HTML page: the matrix with colour and the findings list, each with
 * its minimal input as text and hex. No external assets, so it can be uploaded as a CI
 * artifact and opened anywhere.
 *
 * @module
 */
import type { Report } from './report.js';

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The report as one HTML page. */
export function renderHtml(report: Report): string {
  const groups = report.vectorFiles.map((f) => f.name);
  const rows = report.columns.map((column) => {
    const cells = groups.map((group) => {
      const results = report.results.filter(
        (r) => r.implementation === column.implementation && r.environment === column.environment && r.group === group,
      );
      const bad = results.filter((r) => ['fail', 'error', 'xpass'].includes(r.outcome)).length;
      const known = results.filter((r) => r.outcome === 'xfail').length;
      const state = !column.available ? 'unavailable' : bad > 0 ? 'fail' : known > 0 ? 'xfail' : 'pass';
      const passed = results.filter((r) => r.outcome === 'pass').length;
      return `<td class="${state}" data-group="${html(group)}" data-pass="${passed}" data-total="${results.length}">${state === 'unavailable' ? 'n/a' : `${passed}/${results.length}`}</td>`;
    });
    return `<tr data-implementation="${html(column.implementation)}" data-environment="${html(column.environment)}"><th>${html(column.id)}</th><td>${html(column.runtimeVersion ?? '')}</td>${cells.join('')}</tr>`;
  });
  const findings = report.findings.map(
    (f) => `<li class="${f.expectedFailure ? 'xfail' : 'fail'}"><b>${html(`${f.implementation}/${f.environment}`)}</b> — <code>${html(f.cause)}</code>: ${html(f.explanation)}<br>body: <code>${html(JSON.stringify(f.minimal.body.text ?? null))}</code> hex <code>${html(f.minimal.body.hex)}</code><br>secret: <code>${html(JSON.stringify(f.minimal.secret.text ?? null))}</code> hex <code>${html(f.minimal.secret.hex)}</code></li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plugNmeet signing conformance</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
.pass{background:#c8f7c5}.fail{background:#f7c5c5}.xfail{background:#f7efc5}.unavailable{background:#ddd;color:#666}</style></head>
<body><h1>plugNmeet signing conformance: ${report.summary.ok ? 'OK' : 'FAILED'}</h1>
<table id="matrix"><thead><tr><th>column</th><th>runtime</th>${groups.map((g) => `<th>${html(g)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<h2>Findings</h2><ul id="findings">${findings.join('\n')}</ul>
</body></html>
`;
}
