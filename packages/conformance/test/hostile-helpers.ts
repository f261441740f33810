/**
 * What the hostile-implementation tests share: the fixtures, a CLI run with a time bound,
 * the PIDs every fixture process recorded, a check that none of them survived, and the
 * four report formats read back.
 *
 * @module
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, expect } from 'vitest';
import type { Report } from '../src/reports/report.js';
import { SHOWN_BYTES, SHOWN_CHARS } from '../src/reports/shown-value.js';
import { cli, emptyExpectations } from './helpers.js';

/** A hostile implementation of test/fixtures/hostile/. */
export const hostile = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/hostile/${name}.mjs`, import.meta.url));

/** A fresh directory with an empty expectations file (`none.json`) in it. */
export function workDir(): { dir: string; expectations: string; pids: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pnm-hostile-'));
  return { dir, expectations: emptyExpectations(dir), pids: join(dir, 'pids.txt') };
}

/**
 * {@link workDir} for a test file whose fixtures record their PIDs: every directory made
 * through it has its recorded processes killed after each test, whatever the test did.
 */
export function trackedWorkDirs(): () => ReturnType<typeof workDir> {
  const pidFiles: string[] = [];
  afterEach(() => {
    for (const file of pidFiles.splice(0)) killRecorded(file);
  });
  return () => {
    const w = workDir();
    pidFiles.push(w.pids);
    return w;
  };
}

/** `--impl` for fixture `name`, recording PIDs in `pids` (quoted for the splitter). */
export const impl = (name: string, pids: string, ...more: string[]): string =>
  [process.execPath, hostile(name), pids, ...more].map((w) => `'${w}'`).join(' ');

/** The four reports of a run in `dir`, as `--report` arguments. */
export const reportArgs = (dir: string): string[] => [
  '--report',
  `json=${join(dir, 'report.json')}`,
  '--report',
  `junit=${join(dir, 'junit.xml')}`,
  '--report',
  `markdown=${join(dir, 'summary.md')}`,
  '--report',
  `html=${join(dir, 'report.html')}`,
];

/** The reports written by a run with {@link reportArgs}. */
export function readReports(dir: string) {
  const text = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    json: JSON.parse(text('report.json')) as Report,
    jsonText: text('report.json'),
    junit: text('junit.xml'),
    markdown: text('summary.md'),
    html: text('report.html'),
  };
}

/**
 * Starts the built CLI with `args`; the returned promise is the execa result plus the
 * elapsed time; `nodeArgs` go to node before the CLI, `prefix` (a command such as
 * `setpriv …`) runs node. A run that outlives twice `boundMs` is killed so that a hang fails the
 * test (on its bound) instead of hanging the suite.
 */
export function startCli(
  args: string[],
  boundMs: number,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
  prefix: readonly string[] = [],
) {
  const started = Date.now();
  const [file = process.execPath, ...prefixArgs] = prefix;
  const nodeArgv = [...nodeArgs, cli, ...args];
  const argv = prefix.length > 0 ? [...prefixArgs, process.execPath, ...nodeArgv] : nodeArgv;
  const child = execa(file, argv, {
    reject: false,
    env: { CI: 'false', NO_COLOR: '1', PATH: process.env.PATH ?? '', ...env },
    extendEnv: false,
    timeout: boundMs * 2,
    forceKillAfterDelay: 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const done = child.then((result) => ({ ...result, elapsedMs: Date.now() - started }));
  return { child, done };
}

const peakPreload = fileURLToPath(new URL('./fixtures/peak-rss.mjs', import.meta.url));

/** The bound on the runner's peak resident memory that every bounded-input case holds. */
export const PEAK_BOUND_BYTES = 1024 * 1024 * 1024;

/**
 * {@link runCli} with the runner's peak resident set size (`peakBytes`, from
 * `process.resourceUsage().maxRSS` written at exit by a preloaded module), so a test can
 * hold a case to {@link PEAK_BOUND_BYTES}.
 */
export async function runCliMeasured(
  args: string[],
  boundMs: number,
  dir: string,
  env: Record<string, string> = {},
  prefix: readonly string[] = [],
) {
  const peakFile = join(dir, 'peak-rss.txt');
  const result = await startCli(
    args,
    boundMs,
    { ...env, PNM_TEST_PEAK_FILE: peakFile },
    ['--import', peakPreload],
    prefix,
  ).done;
  const peakBytes = existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8')) : Number.NaN;
  return { ...result, peakBytes };
}

/** {@link startCli}, awaited. */
export function runCli(args: string[], boundMs: number, env: Record<string, string> = {}) {
  return startCli(args, boundMs, env).done;
}

/** The PIDs recorded in `file` (none when it does not exist). */
export function recordedPids(file: string): number[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^\d+$/.test(line))
    .map(Number);
}

/** Whether `pid` runs (a zombie has stopped running: only its exit status is left). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Asserts that every process recorded in `pidFile` is gone, allowing a moment for the
 * kernel to finish a kill; and that at least `atLeast` were recorded, so the check cannot
 * pass by having nothing to check.
 */
export async function expectNoSurvivors(pidFile: string, atLeast = 1): Promise<void> {
  const pids = recordedPids(pidFile);
  expect(pids.length).toBeGreaterThanOrEqual(atLeast);
  for (let i = 0; i < 40 && pids.some(isRunning); i++) await new Promise((r) => setTimeout(r, 50));
  expect(pids.filter(isRunning)).toEqual([]);
}

/** Waits until `file` contains `text` (a fixture's marker), for at most `ms`. */
export async function waitForText(file: string, text: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (existsSync(file) && readFileSync(file, 'utf8').includes(text)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} did not get ${JSON.stringify(text)} within ${ms} ms`);
}

/** Common arguments: a small sign-side tag, no property search, no expectations. */
export const quick = (expectations: string): string[] => [
  '--only',
  'percent',
  '--runs',
  '0',
  '--quiet',
  '--expectations',
  expectations,
];

/** Kills what a failed test left running of the PIDs recorded in `pidFile` (they are ours). */
export function killRecorded(pidFile: string): void {
  for (const pid of recordedPids(pidFile)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

/** The length of the longest line of `text`. */
export function longestLine(text: string): number {
  let longest = 0;
  for (const line of text.split('\n')) longest = Math.max(longest, line.length);
  return longest;
}

/**
 * Asserts that the four reports of {@link reportArgs} were written in `dir`, each under
 * `maxBytes`, and that no value in the JSON report's cells is longer than a cut value can be
 * (SHOWN_CHARS and the note saying the full size); returns them.
 */
export function expectBoundedReports(dir: string, maxBytes: number) {
  for (const name of ['report.json', 'junit.xml', 'summary.md', 'report.html'])
    expect(statSync(join(dir, name)).size, name).toBeLessThan(maxBytes);
  const reports = readReports(dir);
  const cutMax = SHOWN_CHARS + ' (1000000000 characters in all)…'.length;
  for (const result of reports.json.results) {
    for (const value of [result.expected, result.actual, result.detail])
      expect(value.length).toBeLessThanOrEqual(cutMax);
    for (const bytes of result.minimal ? [result.minimal.body, result.minimal.secret] : [])
      expect(bytes.hex.length).toBeLessThanOrEqual(2 * SHOWN_BYTES);
  }
  return reports;
}
