/**
 * `pnm-conformance`: the command line. Exit codes are documented in `--help`.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledVectorSet, isVectorError, loadVectorFilesWith } from '@plugnmeet-signing/vectors';
import { columnKey } from '../column-key.js';
import { builtInColumns } from '../columns.js';
import { isConformanceError } from '../errors.js';
import { writeExpectations } from '../expectations/file.js';
import { checkVectorIds, loadRunExpectations } from '../expectations/for-run.js';
import { adoptPositionalKeys } from '../expectations/positional-keys.js';
import { expectationsFromReport } from '../expectations/update.js';
import { probeContainmentFor } from '../implementations/containment.js';
import { outsideColumns } from '../implementations/outside.js';
import { killEverything } from '../implementations/process-tracker.js';
import type { Column } from '../model.js';
import { readJsonReport, renderJson } from '../reports/json.js';
import { mergeReports, settleShard } from '../reports/merge.js';
import { redactReport, redactText, secretsOf } from '../reports/redact.js';
import type { Report } from '../reports/report.js';
import { renderReport } from '../reports/terminal.js';
import { writeReports } from '../reports/write.js';
import { runConformance } from '../run.js';
import { sdkCaseIds } from '../sdk/run-sdk-cases.js';
import { selectColumns } from '../select.js';
import { checkVectorsAgainstReference } from '../vector-check.js';
import { docsPatch } from './docs-patch.js';
import { watchInterrupts } from './interrupt.js';
import { HELP, parseRunOptions, type ReportFormat } from './options.js';
import { progressPrinter } from './progress.js';
import { checkReportTargets } from './report-targets.js';

export const EXIT = { ok: 0, divergence: 1, usage: 2, internal: 3 } as const;

const DEFAULT_EXPECTATIONS = fileURLToPath(new URL('../../expectations.json', import.meta.url));

/**
 * Prints the report and writes it in every requested format, redacted of the runner's
 * secrets; a report that cannot be written is named and makes the exit code 2.
 */
function publish(
  report: Report,
  targets: ReadonlyArray<{ format: ReportFormat; path: string }>,
  print = true,
): number | undefined {
  const redacted = redactReport(report, secretsOf(process.env));
  if (print) process.stdout.write(`${renderReport(redacted)}\n`);
  const failures = writeReports(redacted, targets);
  for (const failure of failures)
    process.stderr.write(`pnm-conformance: cannot write ${failure}\n`);
  return failures.length > 0 ? EXIT.usage : undefined;
}

async function run(argv: string[]): Promise<number> {
  const options = parseRunOptions(argv, process.env);
  checkReportTargets(options.reports);
  // From here on a signal stops the implementations and the run reports what it judged.
  const interrupt = watchInterrupts();
  try {
    return await runWatched(options, interrupt);
  } finally {
    interrupt.dispose();
  }
}

async function runWatched(
  options: ReturnType<typeof parseRunOptions>,
  interrupt: ReturnType<typeof watchInterrupts>,
): Promise<number> {
  const vectorFiles = await loadVectorFilesWith(options.vectors);
  // Refused before any column is probed, so a wrong vector costs nothing to learn of.
  checkVectorsAgainstReference(vectorFiles);
  const expectationsPath = resolve(options.expectations ?? DEFAULT_EXPECTATIONS);
  const loaded = loadRunExpectations(expectationsPath, {
    given: options.expectations !== undefined,
    creating: options.updateExpectations,
  });

  const builtIn = options.impl.length === 0 || options.withSnippets ? await builtInColumns() : [];
  // What the system allows does not change during a run: probed once, passed to each column.
  const containment = options.impl.length > 0 ? probeContainmentFor(process.env) : undefined;
  const outside = await outsideColumns(
    options.impl,
    {
      caseTimeoutMs: options.caseTimeoutMs,
      startTimeoutMs: options.helloTimeoutMs,
      maxReplyBytes: options.maxReplyBytes,
      passEnv: options.passEnv,
      ...(containment ? { containment } : {}),
    },
    new Set(builtIn.map((c) => c.id)),
  );
  const columns: Column[] = [...outside.map((o) => o.column), ...builtIn];
  // A warning names the --impl command, which may hold a value of a secret variable.
  const expectations = adoptPositionalKeys(loaded, expectationsPath, outside, (warning) =>
    process.stderr.write(
      `pnm-conformance: warning: ${redactText(warning, secretsOf(process.env))}\n`,
    ),
  );
  // A user's --vectors only add to the shipped ones, so every entry can always be checked.
  checkVectorIds(
    expectationsPath,
    expectations,
    new Set(columns.map((c) => c.implementation.id)),
    new Set([...vectorFiles.flatMap((f) => f.vectors.map((v) => v.id)), ...sdkCaseIds()]),
  );
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

  const ran = new Set(
    selection.columns.map((c) =>
      columnKey({ implementation: c.implementation.id, environment: c.environment.id }),
    ),
  );
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
    ...(options.quiet ? {} : { listener: progressPrinter(redactingStderr()) }),
    ...(options.shard ? { shard: options.shard } : {}),
    signal: interrupt.signal,
  });
  // The applied expectations travel with the report so that `merge` can judge staleness
  // across shards; a shard leaves that judgement to `merge` (settleShard).
  const report = settleShard({
    ...outcome,
    expectations: expectations.expectations.filter((e) => ran.has(columnKey(e))),
    requireAll: options.requireAll,
    vectorSet: bundledVectorSet(),
  });
  const failed = publish(report, options.reports);
  const interrupted = interrupt.exitCode();
  if (interrupted !== undefined) return interrupted;
  if (failed !== undefined) return failed;
  // A run that judged nothing would rewrite the file as if every entry were gone.
  if (options.updateExpectations && report.summary.nothingJudged === undefined) {
    writeExpectations(expectationsPath, expectationsFromReport(report, expectations));
    process.stdout.write(`expectations written to ${expectationsPath}\n`);
  }
  return report.summary.ok ? EXIT.ok : EXIT.divergence;
}

/** Progress on stderr, with the runner's secrets redacted like the reports. */
function redactingStderr() {
  const secrets = secretsOf(process.env);
  return {
    isTTY: process.stderr.isTTY,
    write: (text: string) => process.stderr.write(redactText(text, secrets)),
  };
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
  checkReportTargets([{ format: 'json', path: out }, ...options.reports]);
  const report = mergeReports(inputs.map(readJsonReport));
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, renderJson(redactReport(report, secretsOf(process.env))));
  const failed = publish(report, options.reports);
  if (failed !== undefined) return failed;
  return report.summary.ok ? EXIT.ok : EXIT.divergence;
}

async function render(argv: string[]): Promise<number> {
  const input = argv.at(-1);
  const options = parseRunOptions(argv.slice(0, -1), {});
  if (!input || input.startsWith('--')) {
    process.stderr.write('usage: pnm-conformance render --report FORMAT=PATH … IN.json\n');
    return EXIT.usage;
  }
  checkReportTargets(options.reports);
  const report = readJsonReport(input);
  const failed = publish(report, options.reports, options.reports.length === 0);
  if (failed !== undefined) return failed;
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
  } finally {
    // Nothing a command started outlives it: unselected columns' first workers, say.
    killEverything();
  }
}
