/**
 * Issue 13, the process side: whatever an implementation does, the run ends within its
 * limits, nothing it started survives (checked by the PIDs each fixture recorded), the
 * exit code is the documented one, and the reports say what happened.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  expectNoSurvivors,
  impl,
  quick,
  readReports,
  reportArgs,
  runCli,
  startCli,
  trackedWorkDirs,
  waitForText,
} from './hostile-helpers.js';

const work = trackedWorkDirs();

describe('a hostile implementation', () => {
  test('a setsid() helper holding stdout open does not hang shutdown, and is killed', async () => {
    const w = work();
    const result = await runCli(
      ['--impl', impl('setsid-helper', w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
      30_000,
    );
    expect(result.exitCode).toBe(0);
    expect(result.elapsedMs).toBeLessThan(30_000);
    // the probe's process, kept as the worker, and its helper
    await expectNoSurvivors(w.pids, 2);
    expect(readReports(w.dir).json.summary.ok).toBe(true);
  });

  test('a setsid() helper started again at every restart is killed every time', async () => {
    const w = work();
    const result = await runCli(
      [
        '--impl',
        impl('setsid-helper', w.pids, 'crash'),
        ...quick(w.expectations),
        ...reportArgs(w.dir),
      ],
      30_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(30_000);
    // the first worker, and the one restarted after it crashed, each with its helper
    await expectNoSurvivors(w.pids, 4);
    expect(readReports(w.dir).markdown).toContain('ended before answering: exited (code 3)');
  });

  test('a 64 MB reply line is a protocol error shown cut, and the reports stay small', async () => {
    const w = work();
    const result = await runCli(
      ['--impl', impl('long-line', w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
      60_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(60_000);
    await expectNoSurvivors(w.pids);
    const reports = readReports(w.dir);
    const cause = 'printed a line longer than the limit of 1048576 bytes (--max-reply-bytes)';
    for (const text of [
      result.stdout,
      reports.jsonText,
      reports.junit,
      reports.markdown,
      reports.html,
    ])
      expect(text).toContain(cause);
    expect(result.stdout.length).toBeLessThan(100_000);
    expect(reports.jsonText.length).toBeLessThan(1_000_000);
    expect(reports.html.length).toBeLessThan(1_000_000);
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s to the runner kills an implementation that ignores it, and its group, and writes what was judged',
    async (signal, code) => {
      const w = work();
      const run = startCli(
        ['--impl', impl('ignores-sigterm', w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
        30_000,
      );
      await waitForText(w.pids, '# hanging', 20_000);
      const sent = Date.now();
      run.child.kill(signal);
      const result = await run.done;
      expect(result.exitCode).toBe(code);
      expect(Date.now() - sent).toBeLessThan(10_000);
      await expectNoSurvivors(w.pids, 2);
      const reports = readReports(w.dir);
      expect(reports.json.summary).toMatchObject({ ok: false, interrupted: signal, pass: 1 });
      expect(result.stdout).toContain(`INTERRUPTED by ${signal}`);
      expect(reports.markdown).toContain(`Interrupted by ${signal}`);
      expect(reports.junit).toContain(`interrupted by ${signal}`);
      expect(reports.html).toContain(`Interrupted by ${signal}`);
    },
  );

  test('control characters it prints are shown escaped, never obeyed; its language stays selectable', async () => {
    const w = work();
    const result = await runCli(
      [
        '--impl',
        impl('control-characters', w.pids),
        ...quick(w.expectations),
        '--only',
        'a_b_c',
        ...reportArgs(w.dir),
      ],
      30_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(30_000);
    await expectNoSurvivors(w.pids);
    const reports = readReports(w.dir);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    const raw = /[\u0000\u0007\u001b]/;
    expect(result.stdout).not.toMatch(raw);
    expect(result.stderr).not.toMatch(raw);
    expect(reports.markdown).not.toMatch(raw);
    expect(result.stdout).toContain('refused\\u001b]0;owned\\u0007');
    expect(reports.json.columns[0]?.id).toBe('evil_0_owned_31mred/a_b_c');
    expect(reports.json.summary.error + reports.json.summary.fail).toBeGreaterThan(0);
  });

  test('after 20 restarts every report names the last cause, not only "gave up"', async () => {
    const w = work();
    const result = await runCli(
      [
        '--impl',
        impl('exits-7', w.pids),
        '--only',
        'nul-byte',
        '--runs',
        '0',
        '--quiet',
        '--expectations',
        w.expectations,
        ...reportArgs(w.dir),
      ],
      90_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(90_000);
    await expectNoSurvivors(w.pids, 21);
    const reports = readReports(w.dir);
    // every cell after the 20th restart carries the cause with the verdict
    const gaveUp = reports.json.results.filter((r) => r.detail.includes('gave up'));
    expect(gaveUp.length).toBeGreaterThan(0);
    for (const r of gaveUp)
      expect(r.detail).toContain(
        'gave up after 20 restarts; the last cause: ended before answering: exited (code 7)',
      );
    for (const text of [result.stdout, reports.junit, reports.markdown, reports.html]) {
      expect(text).toContain('exited (code 7)');
      expect(text).toMatch(/"valid"|&quot;valid&quot;/);
    }
  });

  test.each(['worker', 'per-case'])(
    'one that never says hello costs --hello-timeout once, not per start or per case (%s)',
    async (mode) => {
      const w = work();
      const result = await runCli(
        [
          '--impl',
          impl('hangs-before-hello', w.pids),
          ...quick(w.expectations),
          '--mode',
          mode,
          '--hello-timeout',
          '500',
          ...reportArgs(w.dir),
        ],
        30_000,
      );
      expect(result.exitCode).toBe(1);
      expect(result.elapsedMs).toBeLessThan(30_000);
      await expectNoSurvivors(w.pids);
      // started once: for the probe, never again for the worker or a case
      expect(readFileSync(w.pids, 'utf8').trim().split('\n')).toHaveLength(1);
      const reports = readReports(w.dir);
      for (const text of [result.stdout, reports.jsonText, reports.junit, reports.markdown])
        expect(text).toContain('failed to start: timed out after 500 ms');
    },
  );

  test.each([
    [
      'protocol "1" as a string',
      'protocol-string',
      '"protocol" must be the number 1 or 2, got "1" (string)',
    ],
    ['a duplicate answer', 'answers-twice', 'a second time (a duplicate reply)'],
  ])('%s is named for what it is', async (_name, fixture, message) => {
    const w = work();
    const result = await runCli(
      ['--impl', impl(fixture, w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
      30_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(30_000);
    await expectNoSurvivors(w.pids);
    const reports = readReports(w.dir);
    for (const text of [
      result.stdout,
      reports.json.findings[0]?.explanation ?? '',
      reports.markdown,
    ])
      expect(text).toContain(message);
  });

  test('a missing command is named as one, not as "exited (code undefined)"', async () => {
    const w = work();
    const result = await runCli(
      ['--impl', '/nonexistent/pnm-impl', ...quick(w.expectations), ...reportArgs(w.dir)],
      30_000,
    );
    expect(result.exitCode).toBe(1);
    expect(result.elapsedMs).toBeLessThan(30_000);
    const reports = readReports(w.dir);
    for (const text of [result.stdout, reports.jsonText, reports.markdown])
      expect(text).toContain('could not be started: spawn /nonexistent/pnm-impl ENOENT');
    expect(reports.jsonText).not.toContain('code undefined');
  });

  test('it gets a minimal environment, and a secret passed to it is redacted from every report', async () => {
    const secret = 'pnm-secret-value-4711';
    const env = { PLUGNMEET_API_SECRET: secret, SOME_OTHER_SETTING: 'visible-setting-value' };
    const w = work();
    const plain = await runCli(
      ['--impl', impl('dumps-env', w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
      30_000,
      env,
    );
    expect(plain.exitCode).toBe(1);
    expect(plain.elapsedMs).toBeLessThan(30_000);
    const dumped = readReports(w.dir).jsonText;
    expect(dumped).toContain('PNM_CONFORMANCE_PROCESS');
    expect(dumped).not.toContain('SOME_OTHER_SETTING');
    expect(dumped).not.toContain(secret);

    const passed = await runCli(
      [
        '--impl',
        impl('dumps-env', w.pids),
        ...quick(w.expectations),
        '--pass-env',
        'PLUGNMEET_API_SECRET,SOME_OTHER_SETTING',
        ...reportArgs(w.dir),
      ],
      30_000,
      env,
    );
    expect(passed.exitCode).toBe(1);
    await expectNoSurvivors(w.pids, 2);
    const reports = readReports(w.dir);
    // it got both, and only the secret-looking one is hidden
    expect(reports.jsonText).toContain('visible-setting-value');
    expect(reports.jsonText).toContain('[redacted PLUGNMEET_API_SECRET]');
    for (const text of [
      passed.stdout,
      passed.stderr,
      reports.jsonText,
      reports.junit,
      reports.markdown,
      reports.html,
    ])
      expect(text).not.toContain(secret);
  });
});
