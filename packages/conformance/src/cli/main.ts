/**
 * `pnm-conformance`: the command line. Exit codes are documented in `--help`.
 *
 * @module
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledVectorSet, isVectorError, loadVectorFilesWith } from '@plugnmeet-signing/vectors';
import { builtInColumns } from '../columns.js';
import { isConformanceError } from '../errors.js';
import {
  type ExpectationsFile,
  readExpectations,
  writeExpectations,
} from '../expectations/file.js';
import { expectationsFromReport } from '../expectations/update.js';
import { outsideColumn } from '../implementations/outside.js';
import type { Column } from '../model.js';
import { readJsonReport, renderJson } from '../reports/json.js';
import { mergeReports, settleShard } from '../reports/merge.js';
import { renderReport } from '../reports/terminal.js';
import { writeReports } from '../reports/write.js';
import { runConformance } from '../run.js';
import { selectColumns } from '../select.js';
import { docsPatch } from './docs-patch.js';
import { HELP, parseRunOptions } from './options.js';
import { progressPrinter } from './progress.js';

export const EXIT = { ok: 0, divergence: 1, usage: 2, internal: 3 } as const;

const DEFAULT_EXPECTATIONS = fileURLToPath(new URL('../../expectations.json', import.meta.url));

function loadExpectations(path: string): ExpectationsFile {
  if (!existsSync(path)) return { formatVersion: 1, description: '', expectations: [] };
  return readExpectations(path);
}

async function run(argv: string[]): Promise<number> {
  const options = parseRunOptions(argv, process.env);
  const vectorFiles = await loadVectorFilesWith(options.vectors);
  const expectationsPath = resolve(options.expectations ?? DEFAULT_EXPECTATIONS);
  const expectations = loadExpectations(expectationsPath);

  const columns: Column[] = [];
  for (const [i, command] of options.impl.entries()) {
    columns.push(await outsideColumn(command, i + 1, { caseTimeoutMs: options.caseTimeoutMs }));
  }
  if (options.impl.length === 0 || options.withSnippets) columns.push(...(await builtInColumns()));
  const tags = new Set(vectorFiles.flatMap((f) => f.vectors.flatMap((v) => v.tags)));
  const selection = selectColumns(columns, options.only, options.skip, tags);

  if (options.list) {
    for (const column of selection.columns) {
      const availability = await column.probe();
      const state = availability.available
        ? availability.runtimeVersion
        : `unavailable: ${availability.reason}`;
      process.stdout.write(
        `${column.id}\t${column.implementation.label} — ${column.environment.label}\t${state}\n`,
      );
    }
    return EXIT.ok;
  }

  const ran = new Set(selection.columns.map((c) => `${c.implementation.id}/${c.environment.id}`));
  const outcome = await runConformance({
    columns: selection.columns,
    vectorFiles,
    vectorFilter: selection.vectorFilter,
    expectations: expectations.expectations,
    seed: options.seed,
    runs: options.runs,
    ...(options.path ? { path: options.path } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    jobs: options.jobs,
    requireAll: options.requireAll,
    ...(options.quiet ? {} : { listener: progressPrinter() }),
    ...(options.shard ? { shard: options.shard } : {}),
  });
  // The applied expectations travel with the report so that `merge` can judge staleness
  // across shards; a shard leaves that judgement to `merge` (settleShard).
  const report = settleShard({
    ...outcome,
    expectations: expectations.expectations.filter((e) =>
      ran.has(`${e.implementation}/${e.environment}`),
    ),
    requireAll: options.requireAll,
    vectorSet: bundledVectorSet(),
  });
  process.stdout.write(`${renderReport(report)}\n`);
  writeReports(report, options.reports);
  if (options.updateExpectations) {
    writeExpectations(expectationsPath, expectationsFromReport(report, expectations));
    process.stdout.write(`expectations written to ${expectationsPath}\n`);
  }
  return report.summary.ok ? EXIT.ok : EXIT.divergence;
}

async function merge(argv: string[]): Promise<number> {
  // `--report FORMAT=PATH` options may come anywhere; the rest are OUT.json IN.json….
  const reportArgs: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--report' && i + 1 < argv.length) reportArgs.push(arg, argv[++i] as string);
    else if (arg.startsWith('--report=')) reportArgs.push(arg);
    else paths.push(arg);
  }
  const [out, ...inputs] = paths;
  if (!out || inputs.length === 0 || paths.some((p) => p.startsWith('-'))) {
    process.stderr.write(
      'usage: pnm-conformance merge [--report FORMAT=PATH …] OUT.json IN.json [IN.json …]\n',
    );
    return EXIT.usage;
  }
  const options = parseRunOptions(reportArgs, {});
  const report = mergeReports(inputs.map(readJsonReport));
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, renderJson(report));
  writeReports(report, options.reports);
  process.stdout.write(`${renderReport(report)}\n`);
  return report.summary.ok ? EXIT.ok : EXIT.divergence;
}

async function render(argv: string[]): Promise<number> {
  const input = argv.at(-1);
  const options = parseRunOptions(argv.slice(0, -1), {});
  if (!input || input.startsWith('--')) {
    process.stderr.write('usage: pnm-conformance render --report FORMAT=PATH … IN.json\n');
    return EXIT.usage;
  }
  const report = readJsonReport(input);
  writeReports(report, options.reports);
  if (options.reports.length === 0) process.stdout.write(`${renderReport(report)}\n`);
  return report.summary.ok ? EXIT.ok : EXIT.divergence;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      process.stdout.write(HELP);
      return EXIT.ok;
    }
    if (first === 'merge') return await merge(rest);
    if (first === 'render') return await render(rest);
    if (first === 'docs-patch') return await docsPatch(rest);
    return await run(first === 'run' ? rest : argv);
  } catch (error) {
    if (isConformanceError(error) || isVectorError(error)) {
      process.stderr.write(`pnm-conformance: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(
      `pnm-conformance: internal error: ${(error as Error).stack ?? String(error)}\n`,
    );
    return EXIT.internal;
  }
}
