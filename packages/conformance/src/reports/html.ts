/**
 * One self-contained HTML page: the matrix with colour, filters by implementation and by
 * vector tag, cell details on click, and the findings, each with its minimal input as text
 * and hex, expected against actual, cause and explanation.
 *
 * The page is rendered complete on the server side (it reads without JavaScript), and an
 * inline script recomputes the cells from the embedded report JSON when a filter changes.
 * No external assets and no network: a Content-Security-Policy allows only the page's own
 * style and script (by hash), so the page can be uploaded as a CI artifact and opened
 * anywhere. Reports carry attacker-ish strings (bodies with `</script>`, labels from an
 * implementation's hello): every text is escaped, and the embedded JSON has `<`, `>`, `&`
 * and the JavaScript line separators escaped so it cannot close its script element.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { OUTCOMES } from '../model.js';
import { CELL_MARKS, CELL_STATE_SOURCE } from './cell-state.js';
import { type FindingView, type ShownBytes, seenIn } from './finding-view.js';
import type { PropertyState } from './property-state.js';
import type { Report, ReportColumn } from './report.js';
import {
  incompleteLine,
  type MatrixCell,
  type MatrixRow,
  reportView,
  verdictWord,
} from './view.js';

/** Escapes text for HTML element content and double- or single-quoted attributes. */
function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` only ever
 * occur inside JSON strings, where `\u003c` etc. mean the same characters.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function cellTitle(counts: MatrixCell['counts']): string {
  const parts = OUTCOMES.filter((o) => counts[o] > 0).map((o) => `${o} ${counts[o]}`);
  return parts.length > 0 ? parts.join(' · ') : 'no vectors';
}

/** A cell as the server renders it; the page script recomputes the same when filters change. */
function cellHtml(column: ReportColumn, { group, results, counts, state }: MatrixCell): string {
  const data = OUTCOMES.map((o) => ` data-${o}="${counts[o]}"`).join('');
  return `<td class="cell ${state.state}" tabindex="0" data-column="${html(column.id)}" data-group="${html(group)}" data-total="${results.length}"${data} title="${html(cellTitle(counts))}">${html(state.text)}</td>`;
}

function propertyCell({ state, text, title, summary }: PropertyState): string {
  return `<td class="properties ${state}" data-runs="${summary?.runs ?? 0}" data-findings="${summary?.findings ?? 0}" title="${html(title)}">${html(text)}</td>`;
}

function rowHtml({ column, cells, property }: MatrixRow): string {
  const variables = Object.entries(column.variables ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const runtime = column.available
    ? (column.runtimeVersion ?? '')
    : `unavailable: ${column.unavailableReason ?? ''}${column.install ? ` — install: ${column.install}` : ''}`;
  return `<tr data-column="${html(column.id)}" data-implementation="${html(column.implementation)}" data-kind="${html(column.implementationKind)}">
<th scope="row"><span class="column-id">${html(column.id)}</span><span class="sub">${html(column.implementationLabel)} — ${html(column.environmentLabel)}</span>${variables ? `<span class="sub">${html(variables)}</span>` : ''}</th>
<td class="runtime${column.available ? '' : ' unavailable'}">${html(runtime)}</td>${cells.map((c) => cellHtml(column, c)).join('')}${propertyCell(property)}</tr>`;
}

function bytesHtml(label: string, bytes: ShownBytes): string {
  const { length } = bytes;
  const text =
    bytes.text === undefined
      ? '<span class="muted">not valid UTF-8: see the hex</span>'
      : `<code class="text">${html(JSON.stringify(bytes.text))}</code>`;
  return `<dt>${label}</dt><dd class="bytes ${label}"><div><span class="tag">text</span>${text}</div><div><span class="tag">hex</span><code class="hex">${bytes.hex ? html(bytes.hex) : '<span class="muted">(empty)</span>'}</code></div><div class="muted">${length} byte${length === 1 ? '' : 's'}${html(bytes.cutNote)}</div></dd>`;
}

/** Expected and actual, with differing characters marked when they line up. */
function comparisonHtml(expected: string, actual: string): string {
  if (expected.length !== actual.length || expected === actual) {
    return `<dt>expected</dt><dd><code class="expected">${html(expected)}</code></dd><dt>actual</dt><dd><code class="actual">${html(actual)}</code></dd>`;
  }
  const marked = [...actual]
    .map((ch, i) => (ch === expected[i] ? html(ch) : `<mark>${html(ch)}</mark>`))
    .join('');
  return `<dt>expected</dt><dd><code class="expected">${html(expected)}</code></dd><dt>actual</dt><dd><code class="actual">${marked}</code></dd>`;
}

function findingHtml(finding: FindingView): string {
  const isNew = finding.status === 'new';
  const replay = finding.replay;
  const replayHtml = replay
    ? `<dt>replay</dt><dd><code>--seed ${replay.seed} --path ${html(JSON.stringify(replay.path))}</code><details><summary>as a vector for vectors/*.json</summary><pre>${html(JSON.stringify(replay.vector, null, 2))}</pre></details></dd>`
    : '';
  return `<article class="finding ${finding.status}" data-implementation="${html(finding.implementation)}" data-column="${html(finding.column)}" data-cause="${html(finding.cause)}" data-tags="${html(finding.tags.join(' '))}" data-property="${finding.property}">
<h3><span class="badge ${isNew ? 'fail' : 'xfail'}">${isNew ? 'NEW' : 'known'}</span> <span class="where">${html(finding.column)}</span> <code class="cause">${html(finding.cause)}</code> <span class="muted">${html(finding.outcome)} · ${html(finding.runtimeVersion ?? '')} · ${html(finding.environmentLabel)}</span></h3>
<p class="why">${html(finding.explanation)}</p>
<dl>${bytesHtml('body', finding.body)}${bytesHtml('secret', finding.secret)}${comparisonHtml(finding.expected, finding.actual)}<dt>seen in</dt><dd class="seen">${html(seenIn(finding, 12))}</dd>${replayHtml}${finding.correction ? `<dt>fixed by</dt><dd>${html(finding.correction)}</dd>` : ''}</dl>
</article>`;
}

function checkbox(
  name: string,
  value: string,
  label: string,
  checked: boolean,
  count: number,
): string {
  return `<label><input type="checkbox" name="${name}" value="${html(value)}"${checked ? ' checked' : ''}> ${html(label)} <span class="muted">(${count})</span></label>`;
}

const STYLE = `
:root{--pass:#d7f0d2;--pass-ink:#1d5b1d;--fail:#f7cfcf;--fail-ink:#8c1212;--error:#efd3f2;--error-ink:#6c1b78;--xfail:#faedc2;--xfail-ink:#6d5300;--na:#e7e7e7;--na-ink:#666;--unrep:#dbe5f3;--unrep-ink:#2d4a73;--line:#d5d5d5}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:1.5em 2em;color:#1b1b1b;background:#fafafa}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.6em 0 .5em}h3{font-size:1em;margin:0 0 .4em}
.muted{color:#6a6a6a}.badge{display:inline-block;padding:0 .5em;border-radius:3px;font-weight:600}
.badge.pass{background:var(--pass);color:var(--pass-ink)}.badge.fail{background:var(--fail);color:var(--fail-ink)}.badge.xfail{background:var(--xfail);color:var(--xfail-ink)}
code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.js-only{display:none}html.js .js-only{display:block}html.js .legend .js-only{display:inline}
#filters{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6em 1em;margin:1em 0}
#filters fieldset{border:0;margin:0;padding:.2em 0}#filters legend{font-weight:600;padding:0;margin-right:.5em;float:left}
#filters label{display:inline-block;margin:0 1em .2em 0;white-space:nowrap}
#filters details{margin:.2em 0}#filters summary{cursor:pointer;font-weight:600}
#filters .tags{max-height:9em;overflow:auto;padding:.3em 0}#filters button{font:inherit;margin-right:.4em}
.table-wrap{overflow:auto;max-width:100%;border:1px solid var(--line);border-radius:6px;background:#fff}
table{border-collapse:collapse}th,td{border-bottom:1px solid var(--line);border-right:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
#matrix thead th{position:sticky;top:0;background:#f0f0f0;z-index:1;white-space:nowrap}
#matrix tbody th{background:#fff;font-weight:normal;min-width:16em;position:sticky;left:0}
#matrix .column-id{font-weight:600;display:block}#matrix .sub{display:block;color:#6a6a6a;font-size:12px;max-width:36em;overflow-wrap:anywhere}
#matrix td.runtime{font-size:12px;max-width:18em;overflow-wrap:anywhere}
td.cell,td.properties{white-space:nowrap;font-weight:600;text-align:center;min-width:6em}td.cell{cursor:pointer}
td.cell:focus,td.cell.selected{outline:2px solid #1f5fbf;outline-offset:-2px}
.pass{background:var(--pass);color:var(--pass-ink)}.fail{background:var(--fail);color:var(--fail-ink)}.error{background:var(--error);color:var(--error-ink)}
.xfail{background:var(--xfail);color:var(--xfail-ink)}.unavailable{background:var(--na);color:var(--na-ink)}.unrepresentable{background:var(--unrep);color:var(--unrep-ink)}
.empty{color:#999}.legend span{display:inline-block;padding:0 .5em;margin-right:.5em;border-radius:3px}
#cell-details{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6em 1em;margin-top:1em}
#cell-details table{width:100%;font-size:12.5px}#cell-details td{overflow-wrap:anywhere;max-width:32em}
.finding{background:#fff;border:1px solid var(--line);border-left:5px solid var(--fail-ink);border-radius:6px;padding:.7em 1em;margin:.8em 0}
.finding.known{border-left-color:#c9a300}.finding .where{font-weight:600}.finding .why{white-space:pre-wrap;margin:.3em 0 .6em}
.finding dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em;margin:0}.finding dt{font-weight:600;color:#444}.finding dd{margin:0;min-width:0}
.finding code.text,.finding code.hex,.finding code.expected,.finding code.actual{display:inline-block;max-width:100%;max-height:8em;overflow:auto;white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:1px 4px;border-radius:3px;vertical-align:top}
.finding .tag{display:inline-block;width:3.2em;color:#6a6a6a;font-size:12px}
mark{background:#ffb3b3;color:inherit}
.hidden{display:none!important}
`;

/** The page script: filters, recomputed cells, cell details. Plain ES2020, no imports. */
const SCRIPT = `
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var OUTCOMES = ${JSON.stringify(OUTCOMES)};
  ${CELL_STATE_SOURCE}
  function summarize(results) {
    var c = { total: results.length };
    OUTCOMES.forEach(function (o) { c[o] = 0; });
    results.forEach(function (r) { c[r.outcome] += 1; });
    var s = cellState(c);
    return { state: s.state, text: s.text, counts: c };
  }
  function title(c) {
    var parts = OUTCOMES.filter(function (o) { return c[o] > 0; }).map(function (o) { return o + ' ' + c[o]; });
    return parts.length ? parts.join(' \\u00b7 ') : 'no vectors';
  }
  var byCell = new Map();
  report.results.forEach(function (r) {
    var key = r.implementation + '/' + r.environment + '\\u0000' + r.group;
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key).push(r);
  });
  function checked(name) {
    return Array.prototype.map.call(document.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
  }
  function tagFilter() {
    var tags = checked('tag');
    return tags.length === 0 ? null : new Set(tags);
  }
  function keep(tags) {
    return function (r) { return tags === null || r.tags.some(function (t) { return tags.has(t); }); };
  }
  var selected = null;
  function apply() {
    var impls = new Set(checked('implementation'));
    var tags = tagFilter();
    var problemsOnly = document.getElementById('problems-only').checked;
    var shownColumns = 0, shownResults = 0;
    document.querySelectorAll('#matrix tbody tr').forEach(function (row) {
      var problem = false, any = false;
      row.querySelectorAll('td.cell').forEach(function (cell) {
        var results = (byCell.get(cell.dataset.column + '\\u0000' + cell.dataset.group) || []).filter(keep(tags));
        var s = summarize(results);
        cell.className = 'cell ' + s.state + (cell === selected ? ' selected' : '');
        cell.textContent = s.text;
        cell.title = title(s.counts);
        cell.dataset.total = String(s.counts.total);
        OUTCOMES.forEach(function (o) { cell.dataset[o] = String(s.counts[o]); });
        if (s.state === 'fail' || s.state === 'error') problem = true;
        if (s.counts.total > 0) any = true;
        if (impls.has(row.dataset.implementation)) shownResults += s.counts.total;
      });
      var props = row.querySelector('td.properties');
      if (props && props.classList.contains('fail')) problem = true;
      var visible = impls.has(row.dataset.implementation) && (!problemsOnly || problem) && (tags === null || any);
      row.classList.toggle('hidden', !visible);
      if (visible) shownColumns += 1;
    });
    var shownFindings = 0;
    document.querySelectorAll('.finding').forEach(function (f) {
      var own = f.dataset.tags ? f.dataset.tags.split(' ') : [];
      var visible = impls.has(f.dataset.implementation) &&
        (!problemsOnly || f.classList.contains('new')) &&
        (tags === null || own.some(function (t) { return tags.has(t); }));
      f.classList.toggle('hidden', !visible);
      if (visible) shownFindings += 1;
    });
    document.querySelectorAll('[data-filter-implementation]').forEach(function (el) {
      el.classList.toggle('hidden', !impls.has(el.dataset.filterImplementation));
    });
    document.getElementById('filter-status').textContent =
      'Showing ' + shownColumns + ' of ' + report.columns.length + ' columns, ' + shownResults + ' results, ' +
      shownFindings + ' of ' + report.findings.length + ' findings' +
      (tags ? '; vectors tagged ' + Array.from(tags).join(' or ') : '') + '.';
    if (selected) showCell(selected);
  }
  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }
  function showCell(cell) {
    if (selected) selected.classList.remove('selected');
    selected = cell;
    cell.classList.add('selected');
    var box = document.getElementById('cell-details');
    var results = (byCell.get(cell.dataset.column + '\\u0000' + cell.dataset.group) || []).filter(keep(tagFilter()));
    var rank = function (r) { return r.outcome === 'pass' ? 1 : 0; };
    results = results.slice().sort(function (a, b) { return rank(a) - rank(b); });
    box.replaceChildren();
    var head = text('h3', cell.dataset.column + ' \\u00d7 ' + cell.dataset.group + ' (' + results.length + ' vectors)');
    var close = text('button', 'close');
    close.type = 'button';
    close.addEventListener('click', function () { box.hidden = true; cell.classList.remove('selected'); selected = null; });
    head.append(' ', close);
    box.append(head);
    var table = document.createElement('table');
    var header = document.createElement('tr');
    ['vector', 'outcome', 'expected', 'actual', 'cause', 'detail', 'tags'].forEach(function (h) { header.append(text('th', h)); });
    table.append(header);
    results.forEach(function (r) {
      var tr = document.createElement('tr');
      var cut = function (s) { return s.length > 300 ? s.slice(0, 300) + '\\u2026' : s; };
      tr.append(text('td', r.vector), text('td', r.outcome, r.outcome === 'xpass' ? 'fail' : r.outcome),
        text('td', r.expected), text('td', cut(r.actual)), text('td', r.cause || ''), text('td', cut(r.detail)),
        text('td', r.tags.join(' ')));
      table.append(tr);
    });
    box.append(table);
    box.hidden = false;
  }
  document.getElementById('filters').addEventListener('change', apply);
  document.querySelectorAll('#filters button[data-set]').forEach(function (button) {
    button.addEventListener('click', function () {
      var on = button.dataset.set === 'all';
      document.querySelectorAll('input[name="' + button.dataset.name + '"]').forEach(function (i) { i.checked = on; });
      apply();
    });
  });
  document.getElementById('matrix').addEventListener('click', function (event) {
    var cell = event.target.closest('td.cell');
    if (cell) showCell(cell);
  });
  document.getElementById('matrix').addEventListener('keydown', function (event) {
    var cell = event.target.closest('td.cell');
    if (cell && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); showCell(cell); }
  });
  apply();
})();
`;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * The report as one self-contained HTML page, formatted from its {@link reportView}.
 *
 * @throws Never.
 * @example
 * ```ts
 * writeFileSync('report.html', renderHtml(report));
 * ```
 */
export function renderHtml(report: Report): string {
  const view = reportView(report);
  const { groups } = view;
  // Each vector's tags once, however many columns ran it: the tag filter's counts.
  const tagCounts = new Map<string, number>();
  const counted = new Set<string>();
  for (const r of report.results) {
    if (counted.has(r.vector)) continue;
    counted.add(r.vector);
    for (const tag of r.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  }
  const implementations = new Map<string, { label: string; columns: number }>();
  for (const c of report.columns) {
    const known = implementations.get(c.implementation);
    implementations.set(c.implementation, {
      label: known?.label ?? c.implementationLabel,
      columns: (known?.columns ?? 0) + 1,
    });
  }
  const s = report.summary;
  const verdict = verdictWord(s);
  const incomplete = incompleteLine(s);
  const stopped = [
    ...(s.interrupted
      ? [`Interrupted by ${s.interrupted}: only what was judged before is shown.`]
      : []),
    ...(s.nothingJudged ? [`Nothing was judged: ${s.nothingJudged}.`] : []),
    ...(incomplete ? [`Incomplete: ${incomplete}.`] : []),
  ];
  const counts = OUTCOMES.map((o) => `${s[o]} ${o}`).join(' · ');
  const vectorFiles = report.vectorFiles.map((f) => `${f.name} (${f.vectors})`).join(', ');
  const meta = [
    `${report.tool.name} ${report.tool.version}`,
    `started ${report.startedAt}`,
    `${(report.durationMs / 1000).toFixed(1)} s`,
    `seed ${report.seed}`,
    `${report.propertyRuns} property cases per column`,
    ...(report.shard ? [`shard ${report.shard.index + 1}/${report.shard.count}`] : []),
    ...(report.mergedFrom ? [`merged from ${report.mergedFrom} shard reports`] : []),
  ].join(' · ');
  const unavailable = report.columns.filter((c) => !c.available);
  const m = CELL_MARKS;
  const newFindings = view.findings.filter((f) => f.status === 'new').length;

  const body = `<header>
<h1>plugNmeet signing conformance: <span class="badge ${verdict === 'OK' ? 'pass' : verdict === 'INCOMPLETE' ? 'xfail' : 'fail'}" id="verdict">${verdict}</span></h1>
${stopped.map((line) => `<p class="stopped" id="stopped"><strong>${html(line)}</strong></p>`).join('')}
<p id="summary">${html(counts)} · ${report.propertyFindings.length} new property findings</p>
<p class="muted">${html(meta)}<br>vectors: ${html(vectorFiles)}</p>
</header>
<section id="filters" class="js-only" aria-label="Filters">
<fieldset id="implementation-filter"><legend>Implementations</legend>${[...implementations]
    .map(([id, i]) => checkbox('implementation', id, `${id} — ${i.label}`, true, i.columns))
    .join(
      '',
    )}<button type="button" data-set="all" data-name="implementation">all</button><button type="button" data-set="none" data-name="implementation">none</button></fieldset>
<details id="tag-filter"><summary>Vector tags (${tagCounts.size}): none ticked shows every vector; ticked ones show only vectors with any of them</summary><div class="tags">${[
    ...tagCounts,
  ]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, n]) => checkbox('tag', tag, tag, false, n))
    .join(
      '',
    )}</div><button type="button" data-set="none" data-name="tag">clear tags</button></details>
<label><input type="checkbox" id="problems-only"> only rows with divergences, and new findings</label>
<p id="filter-status" class="muted"></p>
</section>
<h2>Matrix</h2>
<div class="table-wrap"><table id="matrix"><thead><tr><th>implementation/environment</th><th>runtime</th>${groups
    .map((g) => `<th data-group="${html(g)}">${html(g)}</th>`)
    .join('')}<th>properties</th></tr></thead>
<tbody>${view.rows.map(rowHtml).join('\n')}</tbody></table></div>
<p class="legend muted"><span class="pass">${m.pass} all agree</span><span class="xfail">${m.xfail} only known divergences</span><span class="fail">${m.fail} unexpected divergence</span><span class="error">${m.error} errors only</span><span class="unrepresentable">${m.unrepresentable}N unrepresentable</span><span class="unavailable">${m.unavailable} unavailable</span><span class="js-only">Click a cell for its vectors.</span></p>
<section id="cell-details" hidden></section>
<h2>Findings (${view.findings.length}, ${newFindings} new)</h2>
<div id="findings">${view.findings.length === 0 ? '<p class="muted">None: every implementation agrees with the reference.</p>' : view.findings.map(findingHtml).join('\n')}</div>
${
  report.staleExpectations.length > 0
    ? `<h2>Stale expectations (expected to fail, now pass)</h2><ul id="stale">${report.staleExpectations
        .map(
          (x) =>
            `<li data-filter-implementation="${html(x.implementation)}">${html(`${x.implementation}/${x.environment}: ${x.vector} (${x.cause})`)}</li>`,
        )
        .join('')}</ul>`
    : ''
}${
  unavailable.length > 0
    ? `<h2>Unavailable columns</h2><ul id="unavailable">${unavailable
        .map(
          (c) =>
            `<li data-filter-implementation="${html(c.implementation)}"><b>${html(c.id)}</b>: ${html(c.unavailableReason ?? '')}${c.install ? ` — install: <code>${html(c.install)}</code>` : ''}</li>`,
        )
        .join('')}</ul>`
    : ''
}`;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>plugNmeet signing conformance: ${verdict}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script type="application/json" id="report-data">${scriptSafeJson(report)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
