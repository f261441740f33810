/**
 * `pnm-conformance docs-patch`: writes the unified diff that puts the corrected snippets on the
 * docs page, and the maintainers' note made from a real report: one given with
 * `--report-json`, or a run of the matrix focused on the broken snippets, their corrections
 * and their wire columns (saved beside the note as `report.json`).
 *
 * @module
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadVectorFiles } from '@plugnmeet-signing/vectors';
import { builtInColumns } from '../columns.js';
import { CORRECTIONS } from '../corrections/catalog.js';
import { correctionEvidence, correctionsProven, evidenceSummary } from '../corrections/evidence.js';
import { pagePatch } from '../corrections/page-patch.js';
import { docsPatchNote } from '../corrections/patch-note.js';
import { ConformanceError } from '../errors.js';
import { readExpectations } from '../expectations/file.js';
import { wireTwinsOf } from '../implementations/wire/index.js';
import { readJsonReport, renderJson } from '../reports/json.js';
import type { Report } from '../reports/report.js';
import { runConformance } from '../run.js';
import { PAGE_FILE, readPage } from '../snippets/page.js';
import { DEFAULT_SEED } from './options.js';
import { progressPrinter } from './progress.js';

export const PATCH_FILE = 'api-introduction.patch';
export const NOTE_FILE = 'NOTE.md';
export const REPORT_FILE = 'report.json';
export const DEFAULT_DOCS_PATCH_RUNS = 300;

const DEFAULT_EXPECTATIONS = fileURLToPath(new URL('../../expectations.json', import.meta.url));

export interface DocsPatchOptions {
  out: string;
  reportJson?: string;
  runs: number;
  seed: number;
  jobs: number;
  quiet: boolean;
}

function usage(message: string): never {
  throw new ConformanceError('ERR_CONFORMANCE_USAGE', `docs-patch: ${message}`);
}

function integer(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    usage(`--${name} expected an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** Parses `docs-patch` options. @throws {ConformanceError} `ERR_CONFORMANCE_USAGE`. */
export function parseDocsPatchOptions(argv: string[]): DocsPatchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        'report-json': { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        quiet: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    usage((error as Error).message);
  }
  const reportJson = values['report-json'] as string | undefined;
  return {
    out: (values.out as string | undefined) ?? 'docs-patch',
    ...(reportJson ? { reportJson } : {}),
    runs: integer(values.runs as string | undefined, 'runs', DEFAULT_DOCS_PATCH_RUNS, 0),
    seed: integer(values.seed as string | undefined, 'seed', DEFAULT_SEED, 0),
    jobs: integer(values.jobs as string | undefined, 'jobs', availableParallelism(), 1),
    quiet: values.quiet === true,
  };
}

/** The implementations a focused run covers: each broken snippet, its correction, their wire columns. */
export function focusImplementations(): Set<string> {
  return new Set(
    CORRECTIONS.flatMap((c) => [
      c.correctionOf,
      c.id,
      ...wireTwinsOf(c.correctionOf),
      ...wireTwinsOf(c.id),
    ]),
  );
}

async function focusedRun(options: DocsPatchOptions): Promise<Report> {
  const focus = focusImplementations();
  const columns = (await builtInColumns()).filter((column) => focus.has(column.implementation.id));
  const expectations = existsSync(DEFAULT_EXPECTATIONS)
    ? readExpectations(DEFAULT_EXPECTATIONS).expectations
    : [];
  return runConformance({
    columns,
    vectorFiles: await loadVectorFiles(),
    expectations,
    seed: options.seed,
    runs: options.runs,
    jobs: options.jobs,
    requireAll: false,
    ...(options.quiet ? {} : { listener: progressPrinter() }),
  });
}

/**
 * Runs `docs-patch` and returns the exit code: 0 when every corrected column in the evidence
 * ran and agreed with the reference, 1 when not (the files are written either way, and the
 * note says so).
 */
export async function docsPatch(argv: string[]): Promise<number> {
  const options = parseDocsPatchOptions(argv);
  const out = resolve(options.out);
  const report = options.reportJson
    ? readJsonReport(options.reportJson)
    : await focusedRun(options);
  mkdirSync(out, { recursive: true });
  let source: string;
  if (options.reportJson) {
    source = `the JSON report \`${options.reportJson}\``;
  } else {
    writeFileSync(join(out, REPORT_FILE), renderJson(report));
    source =
      `a run of the broken snippets, their corrections and their wire columns made by ` +
      `\`pnm-conformance docs-patch\` (its JSON report is \`${REPORT_FILE}\`, beside this note)`;
  }
  writeFileSync(join(out, PATCH_FILE), pagePatch(readPage(), CORRECTIONS, PAGE_FILE));
  writeFileSync(join(out, NOTE_FILE), docsPatchNote(report, { description: source }, PATCH_FILE));
  const evidence = correctionEvidence(report);
  process.stdout.write(
    `${evidenceSummary(evidence)}\nwrote ${join(out, PATCH_FILE)}\nwrote ${join(out, NOTE_FILE)}\n`,
  );
  return correctionsProven(evidence) ? 0 : 1;
}
