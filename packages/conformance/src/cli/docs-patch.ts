/**
 * `pnm-conformance docs-patch`: writes the unified diff that puts the corrected snippets on the
 * docs page, and the maintainers' note made from a real report: one given with
 * `--report-json`, or a run of the matrix focused on the broken snippets, their corrections
 * and their wire columns (saved beside the note as `report.json`).
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtInColumns } from '../columns.js';
import { CORRECTIONS } from '../corrections/catalog.js';
import { correctionEvidence, correctionsProven, evidenceSummary } from '../corrections/evidence.js';
import { pagePatch } from '../corrections/page-patch.js';
import { docsPatchNote } from '../corrections/patch-note.js';
import { ConformanceError } from '../errors.js';
import { conformanceRun } from '../pipeline/conformance-run.js';
import { readJsonReport } from '../reports/json.js';
import { redactReport, secretsOf } from '../reports/redact.js';
import type { Report } from '../reports/report.js';
import { PAGE_FILE, readPage } from '../snippets/page.js';
import {
  integerOption,
  joinNegativeValues,
  MAX_JOBS,
  MAX_RUNS,
  MAX_SEED,
} from './option-values.js';
import { DEFAULT_SEED } from './options.js';
import { progressPrinter } from './progress.js';
import { publish, redactingStderr } from './publish.js';

export const PATCH_FILE = 'api-introduction.patch';
export const NOTE_FILE = 'NOTE.md';
export const REPORT_FILE = 'report.json';
export const DEFAULT_DOCS_PATCH_RUNS = 300;

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

/** The options that take a value (where a negative number may follow, to be refused). */
const VALUED = new Set(['out', 'report-json', 'runs', 'seed', 'jobs']);

/** An integer option's value in the bounds the run command holds it to, or its default. */
function integer(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  try {
    return integerOption(value, name, min, max);
  } catch (error) {
    // The run command's message, said as every docs-patch usage error is.
    usage((error as Error).message);
  }
}

/**
 * Parses `docs-patch` options; the integers are held to the bounds of the run command's
 * (`option-values.ts`).
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` naming the option, its range and the value.
 * @example
 * ```ts
 * parseDocsPatchOptions(['--out', 'patch', '--runs', '100']); // { out: 'patch', runs: 100, … }
 * ```
 */
export function parseDocsPatchOptions(argv: string[]): DocsPatchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: joinNegativeValues(argv, VALUED),
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
    runs: integer(values.runs as string | undefined, 'runs', DEFAULT_DOCS_PATCH_RUNS, 0, MAX_RUNS),
    seed: integer(values.seed as string | undefined, 'seed', DEFAULT_SEED, 0, MAX_SEED),
    jobs: integer(values.jobs as string | undefined, 'jobs', availableParallelism(), 1, MAX_JOBS),
    quiet: values.quiet === true,
  };
}

/**
 * The implementations a focused run covers: each broken snippet and its correction (a
 * shell snippet's wire level comes with it, judged from its runs).
 */
export function focusImplementations(): Set<string> {
  return new Set(CORRECTIONS.flatMap((c) => [c.correctionOf, c.id]));
}

/** The focused run, through the pipeline every run takes (its report settled and redacted). */
function focusedRun(options: DocsPatchOptions): Promise<Report> {
  const focus = focusImplementations();
  return conformanceRun({
    columns: async () =>
      (await builtInColumns()).filter((column) => focus.has(column.implementation.id)),
    seed: options.seed,
    runs: options.runs,
    jobs: options.jobs,
    requireAll: false,
    ...(options.quiet ? {} : { listener: progressPrinter(redactingStderr()) }),
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
  // A report read from a file is redacted as `render` redacts it: the note quotes from it.
  const report = options.reportJson
    ? redactReport(readJsonReport(options.reportJson), secretsOf(process.env))
    : await focusedRun(options);
  mkdirSync(out, { recursive: true });
  let source: string;
  if (options.reportJson) {
    source = `the JSON report \`${options.reportJson}\``;
  } else {
    const failed = publish(report, [{ format: 'json', path: join(out, REPORT_FILE) }], false);
    if (failed !== undefined) return failed;
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
