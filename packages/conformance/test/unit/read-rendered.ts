/**
 * Reads back what each rendered format shows: its cells, property cells and findings, in
 * the format's own terms (a terminal shows a state as a colour, JUnit as one test case per
 * result). The agreement test compares these with the report's view; a reader knows only
 * the output's layout, never the renderer's code. Nothing here spawns or reads a file.
 */
import type { Outcome } from '../../src/model.js';
import type { Report, ReportColumn } from '../../src/reports/report.js';
import type { Paint } from '../../src/reports/style.js';

/** A terminal colour, as `paintState` chooses it. */
export type Colour = 'green' | 'red' | 'yellow' | 'dim' | 'none';

/** What a format shows of one cell (or property cell): its text, and its state when shown. */
export interface ShownCell {
  text: string;
  /** An HTML class, or a terminal colour. */
  state?: string;
}

/** What a format shows of a finding's bytes: text (maybe cut, then `cut`), or hex. */
export interface ShownBytesRead {
  text?: string;
  hex?: string;
  /** Cut short: `text` is the shown prefix of the escaped text, or `hex` of the hex. */
  cut?: boolean;
}

/** What a format shows of one finding; each format fills the fields it shows. */
export interface ShownFinding {
  status: 'new' | 'known';
  column: string;
  cause: string;
  explanation?: string | undefined;
  body?: ShownBytesRead;
  secret?: ShownBytesRead;
  expected?: string | undefined;
  actual?: string | undefined;
  seen?: string | undefined;
  correction?: string;
  replay?: { seed: number; path: string };
}

/** What one format shows: cells keyed `column group`, property cells keyed by column. */
export interface ShownReport {
  cells: Map<string, ShownCell>;
  properties: Map<string, ShownCell>;
  findings: ShownFinding[];
}

const CODES: Record<string, Colour> = { '32': 'green', '31': 'red', '33': 'yellow', '2': 'dim' };

/** ANSI colours whatever the environment says (NO_COLOR, a TTY), for a test to read back. */
export const ANSI: Paint = {
  green: (t) => `\u001b[32m${t}\u001b[0m`,
  red: (t) => `\u001b[31m${t}\u001b[0m`,
  yellow: (t) => `\u001b[33m${t}\u001b[0m`,
  dim: (t) => `\u001b[2m${t}\u001b[0m`,
  bold: (t) => `\u001b[1m${t}\u001b[0m`,
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: reading ANSI colour codes
const ANSI_CODE = /\u001b\[(\d+)m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI_CODE, '');
}

/** A painted piece of terminal text: its text and the colour it starts in. */
function painted(piece: string): ShownCell {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: reading ANSI colour codes
  const first = /^\u001b\[(\d+)m/.exec(piece);
  return { text: stripAnsi(piece), state: (first && CODES[first[1] ?? '']) || 'none' };
}

/** The terminal's bytes: `hex …`, a quoted text, or a quoted text cut with its length. */
function terminalBytes(shown: string): ShownBytesRead {
  if (shown.startsWith('hex ')) {
    const hex = shown.slice(4);
    return { hex: hex === '(empty)' ? '' : hex };
  }
  const cut = /^(.*)…" \(\d+ bytes\)$/.exec(shown);
  if (cut) return { text: cut[1] ?? '', cut: true };
  return { text: JSON.parse(shown) as string };
}

/**
 * The terminal's closing view (painted with {@link ANSI}): the matrix's cells with their
 * colours, and each finding's lines.
 */
export function readTerminal(text: string, report: Report): ShownReport {
  const lines = text.split('\n');
  const cells = new Map<string, ShownCell>();
  const properties = new Map<string, ShownCell>();
  const headerAt = lines.findIndex((l) => stripAnsi(l).startsWith('implementation/environment'));
  const header = stripAnsi(lines[headerAt] ?? '').split(/ {2,}/);
  const groups = header.slice(2, -1);
  for (const line of lines.slice(headerAt + 1, headerAt + 1 + report.columns.length)) {
    const pieces = line.split(/ {2,}/);
    const id = pieces[0] ?? '';
    groups.forEach((group, g) => {
      cells.set(`${id} ${group}`, painted(pieces[2 + g] ?? ''));
    });
    properties.set(id, painted(pieces[2 + groups.length] ?? ''));
  }
  const findings: ShownFinding[] = [];
  const plain = lines.map(stripAnsi);
  const start = plain.findIndex((l) => /^Findings \(\d+\)$/.test(l));
  for (let i = start + 1; start >= 0 && i < plain.length && plain[i] !== ''; i++) {
    const head = /^(NEW|known) (\S+)(?: \(.*\))? — (.*)$/.exec(plain[i] ?? '');
    if (head) {
      findings.push({
        status: head[1] === 'NEW' ? 'new' : 'known',
        column: head[2] ?? '',
        cause: head[3] ?? '',
      });
      continue;
    }
    const field = /^ {4}([a-z ]+?): +(.*)$/.exec(plain[i] ?? '');
    const finding = findings.at(-1);
    if (!field || !finding) continue;
    const value = field[2] ?? '';
    switch (field[1]) {
      case 'why':
        finding.explanation = value;
        break;
      case 'minimal': {
        const at = value.lastIndexOf(', secret ');
        finding.body = terminalBytes(value.slice('body '.length, at));
        finding.secret = terminalBytes(value.slice(at + ', secret '.length));
        break;
      }
      case 'expected':
        finding.expected = value;
        break;
      case 'actual':
        finding.actual = value;
        break;
      case 'seen in':
        finding.seen = value;
        break;
      case 'fixed by':
        finding.correction = value;
        break;
    }
  }
  return { cells, properties, findings };
}

/** A Markdown table row's cells, split on the pipes the renderer did not escape. */
function tableCells(line: string): string[] {
  return line
    .replace(/^\| /, '')
    .replace(/ \|$/, '')
    .split(/(?<!\\) \| /);
}

function unescapeCell(text: string): string {
  return text
    .replace(/\\\|/g, '|')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A code span's text: cut after 80 characters (then `…`), backticks shown as `ˋ`. */
function codeSpan(text: string): { text: string; cut: boolean } {
  const inner = text.replace(/^`/, '').replace(/`$/, '').replace(/\\\|/g, '|');
  return inner.endsWith('…')
    ? { text: inner.slice(0, -1), cut: true }
    : { text: inner, cut: false };
}

function markdownBytes(shown: string): ShownBytesRead {
  if (shown.startsWith('hex ')) {
    const span = codeSpan(shown.slice(4));
    return { hex: span.text, ...(span.cut ? { cut: true } : {}) };
  }
  const span = codeSpan(shown);
  return span.cut ? { text: span.text, cut: true } : { text: JSON.parse(span.text) as string };
}

/** The Markdown summary: the matrix's cells (text only) and the findings table. */
export function readMarkdown(text: string, report: Report): ShownReport {
  const lines = text.split('\n');
  const cells = new Map<string, ShownCell>();
  const properties = new Map<string, ShownCell>();
  const headerAt = lines.findIndex((l) => l.startsWith('| column | runtime |'));
  const groups = tableCells(lines[headerAt] ?? '').slice(2, -1);
  for (const line of lines.slice(headerAt + 2, headerAt + 2 + report.columns.length)) {
    const row = tableCells(line);
    const id = unescapeCell(row[0] ?? '');
    groups.forEach((group, g) => {
      cells.set(`${id} ${group}`, { text: unescapeCell(row[2 + g] ?? '') });
    });
    properties.set(id, { text: row[2 + groups.length] ?? '' });
  }
  const findings: ShownFinding[] = [];
  const start = lines.indexOf('### Findings');
  for (const line of start < 0 ? [] : lines.slice(start + 4)) {
    if (!line.startsWith('| ')) break;
    const [status, where, cause, body, secret, why] = tableCells(line);
    const [explanation = '', correction] = (why ?? '').split(' — fixed by the corrected snippet: ');
    findings.push({
      status: status === '**new**' ? 'new' : 'known',
      column: unescapeCell(where ?? ''),
      cause: codeSpan(cause ?? '').text,
      body: markdownBytes(body ?? ''),
      secret: markdownBytes(secret ?? ''),
      explanation: unescapeCell(explanation),
      ...(correction === undefined ? {} : { correction: unescapeCell(correction) }),
    });
  }
  return { cells, properties, findings };
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function htmlBytes(dd: string): ShownBytesRead {
  const text = /<code class="text">([^<]*)<\/code>/.exec(dd);
  const hex = /<code class="hex">([^<]*)<\/code>/.exec(dd);
  return {
    ...(text ? { text: JSON.parse(unescapeHtml(text[1] ?? '')) as string } : {}),
    hex: hex ? unescapeHtml(hex[1] ?? '') : '',
  };
}

/** The HTML page as the server rendered it: cell classes and texts, and the finding cards. */
export function readHtml(page: string): ShownReport {
  const cells = new Map<string, ShownCell>();
  const properties = new Map<string, ShownCell>();
  for (const m of page.matchAll(
    /<td class="cell ([a-z]+)"[^>]*data-column="([^"]+)" data-group="([^"]+)"[^>]*>([^<]*)<\/td>/g,
  )) {
    cells.set(`${unescapeHtml(m[2] ?? '')} ${unescapeHtml(m[3] ?? '')}`, {
      state: m[1] ?? '',
      text: unescapeHtml(m[4] ?? ''),
    });
  }
  for (const row of page.matchAll(/<tr data-column="([^"]+)"[\s\S]*?<\/tr>/g)) {
    const td = /<td class="properties ([a-z]+)"[^>]*>([^<]*)<\/td>/.exec(row[0]);
    if (td)
      properties.set(unescapeHtml(row[1] ?? ''), {
        state: td[1] ?? '',
        text: unescapeHtml(td[2] ?? ''),
      });
  }
  const findings: ShownFinding[] = [];
  for (const card of page.matchAll(
    /<article class="finding (new|known)"[^>]*data-column="([^"]*)" data-cause="([^"]*)"[\s\S]*?<\/article>/g,
  )) {
    const html = card[0];
    const pick = (re: RegExp) => {
      const m = re.exec(html);
      return m ? unescapeHtml((m[1] ?? '').replace(/<\/?mark>/g, '')) : undefined;
    };
    const replay = /--seed (\d+) --path ([^<]*)<\/code>/.exec(html);
    const correction = pick(/<dt>fixed by<\/dt><dd>([\s\S]*?)<\/dd>/);
    findings.push({
      status: card[1] === 'new' ? 'new' : 'known',
      column: unescapeHtml(card[2] ?? ''),
      cause: unescapeHtml(card[3] ?? ''),
      explanation: pick(/<p class="why">([\s\S]*?)<\/p>/),
      body: htmlBytes(/<dd class="bytes body">([\s\S]*?)<\/dd>/.exec(html)?.[1] ?? ''),
      secret: htmlBytes(/<dd class="bytes secret">([\s\S]*?)<\/dd>/.exec(html)?.[1] ?? ''),
      expected: pick(/<code class="expected">([\s\S]*?)<\/code>/),
      actual: pick(/<code class="actual">([\s\S]*?)<\/code>/),
      seen: pick(/<dd class="seen">([\s\S]*?)<\/dd>/),
      ...(correction === undefined ? {} : { correction }),
      ...(replay
        ? {
            replay: {
              seed: Number(replay[1]),
              path: JSON.parse(unescapeHtml(replay[2] ?? '')) as string,
            },
          }
        : {}),
    });
  }
  return { cells, properties, findings };
}

/** The report the HTML page embeds for its own script. */
export function embeddedReport(page: string): Report {
  const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page);
  return JSON.parse(json?.[1] ?? 'null') as Report;
}

/** The page script's own source: the code between its `<script>` tags. */
export function pageScript(page: string): string {
  return /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
}

function unescapeXml(text: string): string {
  return text
    .replace(/&#10;/g, '\n')
    .replace(/&#13;/g, '\r')
    .replace(/&#9;/g, '\t')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** One JUnit test case: the column it belongs to, its name and what it says. */
export interface JunitCase {
  column: string;
  name: string;
  /** `pass` for a case without children, else what its failure, error or skip says it was. */
  outcome: Outcome | 'property-failure';
  /** A failure's body (the property search lists its counterexamples there). */
  body?: string;
  message?: string;
}

/** The JUnit XML's test cases, each placed in its column by its classname. */
export function readJunit(xml: string, columns: readonly ReportColumn[]): JunitCase[] {
  const byClassname = new Map(columns.map((c) => [`${c.implementation}.${c.environment}`, c.id]));
  const cases: JunitCase[] = [];
  for (const m of xml.matchAll(
    /<testcase classname="([^"]*)" name="([^"]*)"(?:\/>|>([\s\S]*?)<\/testcase>)/g,
  )) {
    const children = m[3] ?? '';
    const failure = /<failure type="([^"]*)" message="([^"]*)">([\s\S]*?)<\/failure>/.exec(
      children,
    );
    const skipped = /<skipped message="([a-z]+)/.exec(children);
    const outcome: JunitCase['outcome'] = failure
      ? failure[1] === 'property'
        ? 'property-failure'
        : (failure[1] as Outcome)
      : /<error /.test(children)
        ? 'error'
        : skipped
          ? (skipped[1] as Outcome)
          : 'pass';
    cases.push({
      column: byClassname.get(unescapeXml(m[1] ?? '')) ?? '',
      name: unescapeXml(m[2] ?? ''),
      outcome,
      ...(failure
        ? { message: unescapeXml(failure[2] ?? ''), body: unescapeXml(failure[3] ?? '') }
        : {}),
    });
  }
  return cases;
}

/** One progress line: the column's mark and its colour. */
export function readProgress(text: string): Map<string, ShownCell> {
  const marks = new Map<string, ShownCell>();
  for (const line of text.split('\n')) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: reading ANSI colour codes
    const m = /^(\u001b\[\d+m[^\u001b]*\u001b\[0m) (\S+?):? /.exec(line);
    if (m) marks.set(m[2] ?? '', painted(m[1] ?? ''));
  }
  return marks;
}
