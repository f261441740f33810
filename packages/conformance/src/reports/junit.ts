/**
 * JUnit XML: one test case per implementation×environment×vector, plus one per column
 * for the property search, so CI systems show each divergence as a failed test.
 *
 * @module
 */

import type { PropertyState } from './property-state.js';
import type { Report, ReportColumn, ReportResult } from './report.js';
import { cutNote } from './shown-value.js';
import { incompleteLine, reportView } from './view.js';

function xml(text: string): string {
  return (
    text
      // XML 1.0 cannot carry most control characters, even escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Attribute values would turn these into spaces; character references keep them.
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  );
}

/** What a failed case says: its one cause, or each failing level's on its own line. */
function causes(result: ReportResult): string {
  if (!result.judgements) return `${result.cause ?? ''}: ${result.detail}`;
  return result.judgements.map((j) => `${j.level} ${j.outcome} ${j.cause}: ${j.detail}`).join('\n');
}

function testcase(result: ReportResult): string {
  const name = `${result.group}/${result.vector}`;
  const classname = `${result.implementation}.${result.environment}`;
  const open = `    <testcase classname="${xml(classname)}" name="${xml(name)}">`;
  const message = `expected ${result.expected}, got ${result.actual}`;
  switch (result.outcome) {
    case 'pass':
      return `    <testcase classname="${xml(classname)}" name="${xml(name)}"/>`;
    case 'fail':
    case 'xpass':
      return `${open}\n      <failure type="${result.outcome}" message="${xml(result.outcome === 'xpass' ? 'expected to fail (stale expectation) but passed' : message)}">${xml(causes(result))}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error type="error" message="${xml(result.actual)}">${xml(result.judgements ? causes(result) : result.detail)}</error>\n    </testcase>`;
    default:
      return `${open}\n      <skipped message="${xml(`${result.outcome}${result.cause ? ` (${result.cause})` : ''}: ${result.detail || result.actual}`)}"/>\n    </testcase>`;
  }
}

/**
 * The property search of a column as one test case: failed when it found new divergences
 * (each listed with its minimal case), passed otherwise; none when no search ran.
 */
function propertyTestcase(column: ReportColumn, property: PropertyState): string | undefined {
  if (property.state === 'empty' || property.state === 'unavailable') return undefined;
  const classname = xml(`${column.implementation}.${column.environment}`);
  if (property.state !== 'fail')
    return `    <testcase classname="${classname}" name="property-search"/>`;
  const body = property.findings
    .map(
      (f) =>
        `${f.cause}: body hex ${f.body.hex}${cutNote(f.body)}, secret hex ${f.secret.hex}${cutNote(f.secret)}; expected ${f.expected}, got ${f.actual}`,
    )
    .join('\n');
  return `    <testcase classname="${classname}" name="property-search"><failure type="property" message="${property.findings.length} new divergence(s)">${xml(body)}</failure></testcase>`;
}

/**
 * The report as JUnit XML, formatted from its {@link reportView}.
 *
 * @throws Never.
 * @example
 * ```ts
 * writeFileSync('junit.xml', renderJunit(report));
 * ```
 */
export function renderJunit(report: Report): string {
  const suites = reportView(report).rows.map(({ column, results, property }) => {
    const cases = results.map(testcase);
    const propertyCase = propertyTestcase(column, property);
    if (propertyCase) cases.push(propertyCase);
    const propertyFailures = property.state === 'fail' ? 1 : 0;
    const count = (o: string[]) => results.filter((r) => o.includes(r.outcome)).length;
    const attributes = [
      `name="${xml(column.id)}"`,
      `tests="${cases.length}"`,
      `failures="${count(['fail', 'xpass']) + propertyFailures}"`,
      `errors="${count(['error'])}"`,
      `skipped="${count(['xfail', 'unrepresentable', 'unavailable'])}"`,
    ].join(' ');
    return `  <testsuite ${attributes}>\n${cases.join('\n')}\n  </testsuite>`;
  });
  // A run that was stopped or judged nothing says so as a failed test of its own: CI
  // systems show test cases, and an empty suite list would look like a pass.
  // An incomplete run says so the same way, as a skipped verdict (an error under
  // --require-all): a CI page of green suites must not hide columns that never ran.
  const { interrupted, nothingJudged, ok } = report.summary;
  const incomplete = incompleteLine(report.summary);
  if (interrupted || nothingJudged) {
    const message = interrupted
      ? `interrupted by ${interrupted}: only what was judged before is reported`
      : `nothing was judged: ${nothingJudged}`;
    suites.push(
      `  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="run" name="verdict">\n      <error type="${interrupted ? 'interrupted' : 'nothing-judged'}" message="${xml(message)}"/>\n    </testcase>\n  </testsuite>`,
    );
  } else if (incomplete) {
    const failing = !ok && report.requireAll === true;
    const element = failing
      ? `<error type="incomplete" message="${xml(`INCOMPLETE: ${incomplete}`)}"/>`
      : `<skipped message="${xml(`INCOMPLETE: ${incomplete}`)}"/>`;
    suites.push(
      `  <testsuite name="run" tests="1" failures="0" errors="${failing ? 1 : 0}" skipped="${failing ? 0 : 1}">\n    <testcase classname="run" name="verdict">\n      ${element}\n    </testcase>\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(report.tool.name)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
