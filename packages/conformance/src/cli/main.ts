/**
 * `pnm-conformance`: the command line. Exit codes are documented in `--help`.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isVectorError } from '@plugnmeet-signing/vectors';
import { columnKey } from '../column-key.js';
import { builtInColumns } from '../columns.js';
import { isConformanceError } from '../errors.js';
import { writeExpectations } from '../expectations/file.js';
import { adoptPositionalKeys } from '../expectations/positional-keys.js';
import { probeContainmentFor } from '../implementations/containment.js';
import { type OutsideColumn, outsideColumns } from '../implementations/outside.js';
import { killEverything } from '../implementations/process-tracker.js';
import type { Column } from '../model.js';
import { executePlan } from '../pipeline/execute.js';
import { DEFAULT_EXPECTATIONS } from '../pipeline/load.js';
import type { ConformanceRunOptions } from '../pipeline/options.js';
import { prepareRun } from '../pipeline/prepare.js';
import { expectationsFromReport } from '../reports/expectations-update.js';
import { readJsonReport, renderJson } from '../reports/json.js';
import { mergeReports } from '../reports/merge.js';
import { redactReport, redactText, secretsOf } from '../reports/redact.js';
import { shownLevels } from '../select.js';
import { docsPatch } from './docs-patch.js';
import { EXIT } from './exit-codes.js';
import { watchInterrupts } from './interrupt.js';
import { HELP, parseRunOptions } from './options.js';
import { progressPrinter } from './progress.js';
import { publish, redactingStderr } from './publish.js';
import { checkReportTargets } from './report-targets.js';

export { EXIT };

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
  // The --impl columns, once made, map the positional `impl-N` keys of an older file.
  let outside: OutsideColumn[] = [];
  const pipeline: ConformanceRunOptions = {
    columns: async () => {
      const made = await cliColumns(options);
      outside = made.outside;
      return made.columns;
    },
    // A warning names the --impl command, which may hold a value of a secret variable.
    adoptExpectations: (file, path) =>
      adoptPositionalKeys(file, path, outside, (warning) =>
        process.stderr.write(
          `pnm-conformance: warning: ${redactText(warning, secretsOf(process.env))}\n`,
        ),
      ),
    vectorDirs: options.vectors,
    expectations: {
      path: options.expectations ?? DEFAULT_EXPECTATIONS,
      given: options.expectations !== undefined,
      creating: options.updateExpectations,
    },
    only: options.only,
    skip: options.skip,
    seed: options.seed,
    runs: options.runs,
    ...(options.path ? { path: options.path } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    jobs: options.jobs,
    requireAll: options.requireAll,
    ...(options.quiet ? {} : { listener: progressPrinter(redactingStderr()) }),
    ...(options.shard ? { shard: options.shard } : {}),
    signal: interrupt.signal,
  };
  const plan = await prepareRun(pipeline);
  if (options.list) {
    for (const column of plan.columns) {
      const subject = await column.probe();
      for (const level of shownLevels(column)) {
        // A wire level needs more than its subject (curl, the loopback server).
        const availability =
          level === column || !subject.available ? subject : await column.wireLevel?.probe();
        const state = availability?.available
          ? availability.runtimeVersion
          : `unavailable: ${availability?.reason}`;
        const id = columnKey({
          implementation: level.implementation.id,
          environment: level.environment.id,
        });
        process.stdout.write(
          `${id}\t${level.implementation.label} — ${level.environment.label}\t${state}\n`,
        );
      }
    }
    return EXIT.ok;
  }

  const report = await executePlan(plan, pipeline);
  const failed = publish(report, options.reports);
  const interrupted = interrupt.exitCode();
  if (interrupted !== undefined) return interrupted;
  if (failed !== undefined) return failed;
  // A run that judged nothing would rewrite the file as if every entry were gone.
  const expectationsPath = plan.expectationsPath;
  if (
    options.updateExpectations &&
    expectationsPath &&
    report.summary.nothingJudged === undefined
  ) {
    writeExpectations(expectationsPath, expectationsFromReport(report, plan.expectations));
    process.stdout.write(`expectations written to ${expectationsPath}\n`);
  }
  return report.summary.ok ? EXIT.ok : EXIT.divergence;
}

/**
 * The command line's columns: each `--impl`, then the snippets (unless only `--impl` runs).
 * The snippets are made first, so that an `--impl` whose hello names a built-in column is
 * refused rather than shadowing it.
 */
async function cliColumns(
  options: ReturnType<typeof parseRunOptions>,
): Promise<{ columns: Column[]; outside: OutsideColumn[] }> {
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
  return { columns: [...outside.map((o) => o.column), ...builtIn], outside };
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
  // Settled by the merge (the one settle step every run shares), redacted as a run's report.
  const report = redactReport(mergeReports(inputs.map(readJsonReport)), secretsOf(process.env));
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, renderJson(report));
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
  const report = redactReport(readJsonReport(input), secretsOf(process.env));
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
