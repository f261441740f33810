/**
 * Issue 13, the user side: options out of range, report paths that cannot be written,
 * quoting in `--impl`, selections that judge nothing, expectations that do not fit, and
 * vector directories holding a device or a FIFO. Each is refused or reported before it
 * can mislead, with the documented exit code, in time, and with nothing left running.
 */
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import {
  expectNoSurvivors,
  hostile,
  impl,
  quick,
  readReports,
  recordedPids,
  reportArgs,
  runCli,
  trackedWorkDirs,
} from './hostile-helpers.js';

const vectorsDir = fileURLToPath(new URL('../../../vectors/', import.meta.url));
const work = trackedWorkDirs();

describe('--impl quoting', () => {
  test("sh -c '…' and a quoted path with a space run as a shell would split them", async () => {
    const w = work();
    const spaced = join(w.dir, 'dir with space');
    mkdirSync(spaced);
    for (const file of ['lib.mjs', 'good.mjs'])
      copyFileSync(hostile(file.slice(0, -4)), join(spaced, file));
    const result = await runCli(
      [
        '--impl',
        // Each names itself (argv[4]): two hellos that said the same would be one column twice.
        `sh -c 'exec "${process.execPath}" "${join(spaced, 'good.mjs')}" "${w.pids}" both "in a shell"'`,
        '--impl',
        `"${process.execPath}" '${join(spaced, 'good.mjs')}' ${w.pids} both "double quoted"`,
        ...quick(w.expectations),
        ...reportArgs(w.dir),
      ],
      30_000,
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.elapsedMs).toBeLessThan(30_000);
    await expectNoSurvivors(w.pids, 2);
    expect(readReports(w.dir).json.columns.map((c) => c.id)).toEqual([
      'in_a_shell/javascript',
      'double_quoted/javascript',
    ]);
  });

  test('an unterminated quote is a usage error naming where it starts', async () => {
    const w = work();
    const result = await runCli(['--impl', `node 'x.mjs`, ...quick(w.expectations)], 15_000);
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(15_000);
    expect(result.stderr).toContain('unterminated single quote at character 6');
  });
});

describe('options are refused with exit 2 before anything runs', () => {
  const w = work();
  const reportDir = join(w.dir, 'a-directory');
  mkdirSync(reportDir);
  const twice = join(w.dir, 'twice.out');
  test.each([
    [
      ['--case-timeout', '3000000000'],
      '--case-timeout expected an integer ≥ 1 and ≤ 2147483647, got "3000000000"',
    ],
    [['--hello-timeout', '0'], '--hello-timeout expected an integer ≥ 1 and ≤ 2147483647, got "0"'],
    [['--runs', '1e12'], '--runs expected an integer ≥ 0 and ≤ 10000000, got "1e12"'],
    [['--runs', ''], '--runs expected an integer ≥ 0 and ≤ 10000000, got ""'],
    [['--runs', '-1'], '--runs expected an integer ≥ 0 and ≤ 10000000, got "-1"'],
    [['--seed', '4294967296'], '--seed expected an integer ≥ 0 and ≤ 4294967295, got "4294967296"'],
    [['--seed', '1e30'], '--seed expected an integer ≥ 0 and ≤ 4294967295, got "1e30"'],
    [
      ['--path', 'garbage'],
      '--path expected a replay path printed by a finding (like 12:0:3), got "garbage"',
    ],
    [['--max-reply-bytes', '10'], '--max-reply-bytes expected an integer ≥ 1024'],
    [['--pass-env', 'A=B'], '--pass-env expected variable names, got "A=B"'],
    [['--report', `json=${reportDir}`], 'is a directory'],
    [['--report', 'json=/nonexistent-pnm/dir/x.json'], '/nonexistent-pnm/dir does not exist'],
    [
      ['--report', `json=${twice}`, '--report', `html=${twice}`],
      `the same file as --report json=${twice}`,
    ],
  ])('%j', async (args, message) => {
    const result = await runCli(['--impl', impl('good', w.pids), ...args], 15_000);
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(15_000);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('    at '); // no stack trace
    expect(recordedPids(w.pids)).toEqual([]); // nothing was started
    expect(existsSync('/nonexistent-pnm')).toBe(false);
  });
});

describe('a run that judged nothing fails and says why', () => {
  test.each([
    ['--skip of the only implementation', ['--skip', 'good'], [], 'no column was selected'],
    [
      '--only a verify tag on a sign-only implementation',
      ['--only', 'uppercase', '--runs', '100'],
      ['sign-only'],
      'no selected vector applies to the selected columns',
    ],
  ])('%s', async (_name, args, fixtureArgs, why) => {
    const w = work();
    const result = await runCli(
      [
        '--impl',
        impl('good', w.pids, ...fixtureArgs),
        '--quiet',
        '--expectations',
        w.expectations,
        ...args,
        ...reportArgs(w.dir),
      ],
      30_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(30_000);
    await expectNoSurvivors(w.pids);
    const reports = readReports(w.dir);
    expect(reports.json.summary).toMatchObject({
      ok: false,
      nothingJudged: expect.stringContaining(why),
    });
    for (const text of [result.stdout, reports.junit, reports.markdown, reports.html])
      expect(text).toContain(why);
    expect(result.stdout).toContain('NOTHING JUDGED');
  });
});

describe('expectations that do not fit are refused', () => {
  test('a missing --expectations file is a usage error, unless the run is to create it', async () => {
    const w = work();
    const missing = join(w.dir, 'missing.json');
    const refused = await runCli(['--impl', impl('good', w.pids), ...quick(missing)], 15_000);
    expect(refused.exitCode).toBe(2);
    expect(refused.elapsedMs).toBeLessThan(15_000);
    expect(refused.stderr).toContain(`--expectations ${missing}: no such file`);
    const created = await runCli(
      ['--impl', impl('good', w.pids), ...quick(missing), '--update-expectations'],
      30_000,
    );
    expect(created.exitCode).toBe(0);
    expect(existsSync(missing)).toBe(true);
    await expectNoSurvivors(w.pids);
  });

  test('an entry naming an unknown vector id is refused with its JSON path', async () => {
    const w = work();
    const file = join(w.dir, 'typo.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        description: '',
        expectations: [
          {
            implementation: 'good',
            environment: 'javascript',
            cause: 'broken',
            explanation: 'a typo in the vector id',
            vectors: ['percent-conversion'],
          },
        ],
      }),
    );
    const result = await runCli(['--impl', impl('good', w.pids), ...quick(file)], 15_000);
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(15_000);
    expect(result.stderr).toContain(
      `${file}: /expectations/0/vectors/0: "percent-conversion" names no vector of the loaded vector files`,
    );
    await expectNoSurvivors(w.pids);
  });
});

describe('a vectors directory with something that is not a file', () => {
  test.each([
    ['a symlink to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), 'a device'],
    ['a FIFO', (path: string) => execa('mkfifo', [path]), 'a FIFO'],
    [
      'a symlink to a FIFO',
      async (path: string) => {
        await execa('mkfifo', [`${path}.fifo`]);
        symlinkSync(`${path}.fifo`, path);
      },
      'a FIFO',
    ],
  ])('%s is refused, not read', async (_name, make, kind) => {
    const w = work();
    const dir = join(w.dir, 'vectors');
    mkdirSync(dir);
    copyFileSync(join(vectorsDir, 'rfc4231.json'), join(dir, 'rfc4231.json'));
    copyFileSync(join(vectorsDir, 'schema.json'), join(dir, 'schema.json'));
    await make(join(dir, 'evil.json'));
    const result = await runCli(
      ['--impl', impl('good', w.pids), '--vectors', dir, ...quick(w.expectations)],
      15_000,
    );
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(15_000);
    expect(result.stderr).toContain(join(dir, 'evil.json'));
    expect(result.stderr).toContain(`not a regular file (${kind})`);
    expect(recordedPids(w.pids)).toEqual([]);
  });
});
