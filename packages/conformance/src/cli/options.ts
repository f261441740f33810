/**
 * Command-line options of `pnm-conformance run` (the default command).
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ConformanceError } from '../errors.js';
import type { RunSettings } from '../pipeline/options.js';
import { FORMATS, formatNames, REPORT_FORMATS, type ReportFormat } from '../reports/formats.js';
import {
  integerOption,
  joinNegativeValues,
  MAX_JOBS,
  MAX_REPLY_BYTES,
  MAX_RUNS,
  MAX_SEED,
  MAX_TIMER_MS,
  MIN_REPLY_BYTES,
  replayPath,
} from './option-values.js';

/** The default seed: fixed, so CI runs are reproducible; `--seed random` explores. */
export const DEFAULT_SEED = 424242;
export const DEFAULT_RUNS = 1000;
export const DEFAULT_CASE_TIMEOUT_MS = 10_000;
export const DEFAULT_HELLO_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

export type { ReportFormat };
export { REPORT_FORMATS };

/** What the command line says: the pipeline's run settings it passes on, and its own. */
export interface RunCliOptions
  extends Pick<RunSettings, 'seed' | 'runs' | 'path' | 'mode' | 'jobs' | 'requireAll' | 'shard'> {
  only: string[];
  skip: string[];
  reports: Array<{ format: ReportFormat; path: string }>;
  expectations?: string;
  updateExpectations: boolean;
  impl: string[];
  withSnippets: boolean;
  /** Directories of the user's own vector files, added to the shipped ones. */
  vectors: string[];
  caseTimeoutMs: number;
  /** Time limit for an implementation's start-up and hello. */
  helloTimeoutMs: number;
  /** Longest reply line accepted from an implementation, in bytes. */
  maxReplyBytes: number;
  /** Variables of the runner's environment passed on to `--impl` implementations. */
  passEnv: string[];
  list: boolean;
  quiet: boolean;
}

function usage(message: string): never {
  throw new ConformanceError('ERR_CONFORMANCE_USAGE', message);
}

function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Parses the run options.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` saying which option is wrong and what it expects.
 * @example
 * ```ts
 * const options = parseRunOptions(['--only', 'shell', '--runs', '100'], process.env);
 * ```
 */
export function parseRunOptions(argv: string[], env: NodeJS.ProcessEnv): RunCliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(joinNegativeValues(argv, VALUED));
  } catch (error) {
    usage((error as Error).message);
  }
  const { values } = parsed;
  const reports = (values.report ?? []).map((spec) => {
    const match = /^([a-z]+)=(.+)$/.exec(spec);
    if (!match || !REPORT_FORMATS.includes(match[1] as ReportFormat)) {
      usage(
        `--report expected FORMAT=PATH with FORMAT one of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(spec)}`,
      );
    }
    return { format: match[1] as ReportFormat, path: match[2] as string };
  });
  let shard: RunCliOptions['shard'];
  if (values.shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(values.shard);
    const index = Number(match?.[1]);
    const count = Number(match?.[2]);
    if (!match || count < 1 || index < 1 || index > count)
      usage(`--shard expected i/n with 1 ≤ i ≤ n, got ${JSON.stringify(values.shard)}`);
    shard = { index: index - 1, count };
  }
  const mode = values.mode;
  if (mode !== undefined && mode !== 'worker' && mode !== 'per-case') {
    usage(`--mode expected worker or per-case, got ${JSON.stringify(mode)}`);
  }
  const seed =
    values.seed === undefined
      ? DEFAULT_SEED
      : values.seed === 'random'
        ? Math.floor(Math.random() * 2 ** 31)
        : integerOption(values.seed, 'seed', 0, MAX_SEED);
  const passEnv = list(values['pass-env']);
  for (const name of passEnv) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      usage(`--pass-env expected variable names, got ${JSON.stringify(name)}`);
  }
  return {
    only: list(values.only),
    skip: list(values.skip),
    seed,
    runs:
      values.runs === undefined ? DEFAULT_RUNS : integerOption(values.runs, 'runs', 0, MAX_RUNS),
    ...(values.path === undefined ? {} : { path: replayPath(values.path) }),
    ...(mode ? { mode } : {}),
    jobs:
      values.jobs === undefined
        ? availableParallelism()
        : integerOption(values.jobs, 'jobs', 1, MAX_JOBS),
    requireAll: values['require-all'] === true || env.CI === 'true',
    reports,
    ...(values.expectations === undefined ? {} : { expectations: values.expectations }),
    updateExpectations: values['update-expectations'] === true,
    impl: values.impl ?? [],
    withSnippets: values['with-snippets'] === true,
    vectors: values.vectors ?? [],
    ...(shard ? { shard } : {}),
    caseTimeoutMs:
      values['case-timeout'] === undefined
        ? DEFAULT_CASE_TIMEOUT_MS
        : integerOption(values['case-timeout'], 'case-timeout', 1, MAX_TIMER_MS),
    helloTimeoutMs:
      values['hello-timeout'] === undefined
        ? DEFAULT_HELLO_TIMEOUT_MS
        : integerOption(values['hello-timeout'], 'hello-timeout', 1, MAX_TIMER_MS),
    maxReplyBytes:
      values['max-reply-bytes'] === undefined
        ? DEFAULT_MAX_REPLY_BYTES
        : integerOption(
            values['max-reply-bytes'],
            'max-reply-bytes',
            MIN_REPLY_BYTES,
            MAX_REPLY_BYTES,
          ),
    passEnv,
    list: values.list === true,
    quiet: values.quiet === true,
  };
}

const OPTIONS = {
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  seed: { type: 'string' },
  runs: { type: 'string' },
  path: { type: 'string' },
  mode: { type: 'string' },
  jobs: { type: 'string' },
  'require-all': { type: 'boolean' },
  report: { type: 'string', multiple: true },
  expectations: { type: 'string' },
  'update-expectations': { type: 'boolean' },
  impl: { type: 'string', multiple: true },
  'with-snippets': { type: 'boolean' },
  vectors: { type: 'string', multiple: true },
  shard: { type: 'string' },
  'case-timeout': { type: 'string' },
  'hello-timeout': { type: 'string' },
  'max-reply-bytes': { type: 'string' },
  'pass-env': { type: 'string', multiple: true },
  list: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/** Options that take a value (where a negative number may follow). */
const VALUED = new Set(
  Object.entries(OPTIONS)
    .filter(([, o]) => o.type === 'string')
    .map(([name]) => name),
);

function parse(argv: string[]) {
  return parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS });
}

export const HELP = `pnm-conformance — run plugNmeet signing implementations against the shared vectors

Usage:
  pnm-conformance [run] [options]        run the matrix (default)
  pnm-conformance merge [--report FORMAT=PATH …] OUT.json IN.json…
                                         join the shards' JSON reports into one (all n
                                         shards of one run); judges stale expectations
                                         over all shards; exit codes as for a run
  pnm-conformance render --report FORMAT=PATH IN.json   render a JSON report in other formats
  pnm-conformance docs-patch [--out DIR] [--report-json PATH] [--runs N] [--seed N] [--jobs N] [--quiet]
                                         write DIR/api-introduction.patch (a unified diff
                                         that puts the corrected snippets on the docs page)
                                         and DIR/NOTE.md for the page's maintainers, from the
                                         given JSON report or else from a run of the broken
                                         snippets, their corrections and wire columns (saved
                                         as DIR/report.json; default DIR docs-patch, --runs
                                         300); exit 1 when a corrected column did not agree

Options:
  --impl "<command>"       add an outside implementation speaking protocol v1 (repeatable);
                           with --impl only those run unless --with-snippets is given
  --with-snippets          also run the documented snippets when --impl is given
  --only X[,Y]             run only these implementations, environments, columns or vector tags
  --skip X[,Y]             skip these implementations, environments, columns or vector tags
  --runs N                 property cases per column, 0…${MAX_RUNS} (default ${DEFAULT_RUNS};
                           0 turns the search off)
  --seed N|random          property search seed, 0…${MAX_SEED} (default ${DEFAULT_SEED})
  --path P                 replay a property failure's path, like 12:0:3 (with its --seed)
  --mode worker|per-case   one long-lived process per column (default) or one per case
  --jobs N                 columns run at once, 1…${MAX_JOBS} (default: number of CPUs)
  --require-all            unavailable columns fail the run (default under CI=true)
  --report FORMAT=PATH     write ${formatNames()} (repeatable); each PATH
                           distinct and writable, checked before the run; a missing
                           directory is created only when its parent exists
  --expectations PATH      expectations file (default: the package's expectations.json);
                           must exist unless --update-expectations is given
  --update-expectations    rewrite the expectations file from this run
  --vectors DIR            add your own vector files (DIR/*.json) to the shipped ones
                           (repeatable; ids must be unique across all)
  --shard i/n              run the i-th of n deterministic shares of the matrix (each
                           column×vector cell in exactly one shard; property runs split,
                           seeded per shard); gate on \`merge\`, which judges staleness
  --case-timeout MS        per-case time limit for an implementation, 1…${MAX_TIMER_MS}
                           (default ${DEFAULT_CASE_TIMEOUT_MS})
  --hello-timeout MS       time limit for an implementation's start and hello, paid once
                           per column (default ${DEFAULT_HELLO_TIMEOUT_MS})
  --max-reply-bytes N      longest reply line accepted, ${MIN_REPLY_BYTES}…${MAX_REPLY_BYTES}
                           (default ${DEFAULT_MAX_REPLY_BYTES}); a longer one is a protocol error
  --pass-env NAME[,NAME]   also pass these variables to --impl implementations, which
                           otherwise get only PATH, HOME, TMPDIR, LANG, LC_ALL, LC_CTYPE, TZ
                           (and Windows' system variables); repeatable
  --list                   list the columns and exit
  --quiet                  no live progress

Report formats:
${REPORT_FORMATS.map((name) => `  ${name.padEnd(24)} ${FORMATS[name].description}`).join('\n')}

Exit codes:
  0  every result matches the reference or a recorded expectation
  1  an unexpected divergence, error, new property finding, stale expectation,
     a run that judged no vector (the selection left none), or (with --require-all)
     an unavailable column
  2  usage error (bad option, malformed expectations, vector or report file,
     or a partial or overlapping set of shards given to merge)
  3  internal error of the runner
  129, 130, 143  interrupted by SIGHUP, SIGINT or SIGTERM: every implementation is
     stopped and the reports say "interrupted" with what was judged before

Values of the runner's variables whose names look secret (*SECRET*, *TOKEN*, *PASSWORD*,
*API_KEY*, *CREDENTIAL*, …) are replaced by [redacted NAME] in everything written.
`;
