/**
 * Issue 18, item 8: a helper that double-forks, calls setsid and drops its environment
 * (`env -i`) carries no process token and is nobody's descendant; it must still die with
 * the run, even when the implementation leaves its cgroup or the runner is killed with
 * SIGKILL: in a PID namespace (the default, as root and unprivileged), in the cgroup
 * fallback (what it holds and what it does not), and the run told not to contain shows what
 * is left on systems without either (src/implementations/containment.ts).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { ownCgroupDir } from '../src/implementations/cgroup.js';
import { probeContainment } from '../src/implementations/containment.js';
import { outsideColumn } from '../src/implementations/outside.js';
import {
  expectNoSurvivors,
  impl,
  isRunning,
  PEAK_BOUND_BYTES,
  quick,
  readReports,
  recordedPids,
  reportArgs,
  runCliMeasured,
  startCli,
  trackedWorkDirs,
  waitForText,
} from './hostile-helpers.js';

const work = trackedWorkDirs();
const isRoot = process.getuid?.() === 0;
/** Probed before any test runs: a probe sweeps stale cgroups, which afterEach looks for. */
const namespace = probeContainment(process.env, ['pid-namespace']);
const cgroup = probeContainment(process.env, ['cgroup']);
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
const namespaceMissing =
  namespace.kind === 'none' ? `no PID namespace: ${namespace.reason}` : undefined;
const cgroupMissing = cgroup.kind === 'none' ? `no cgroup: ${cgroup.reason}` : undefined;
const rootMissing = isRoot ? undefined : 'the test runs as root to leave a cgroup';

/**
 * The runner cgroups left behind: `pnm-conformance-<pid>-…` whose runner is gone (a live
 * runner of another test file may hold its own meanwhile).
 */
function leftoverCgroups(): string[] {
  const parent = ownCgroupDir();
  if (parent === undefined) return [];
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {}
  return names.filter((name) => {
    const pid = /^pnm-conformance-(\d+)-/.exec(name)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
}

// After every hostile run, whatever its mode: no cgroup of this runner's is left behind.
afterEach(() => {
  expect(leftoverCgroups()).toEqual([]);
});

describe('a helper that leaves the process group, the tree and the environment', () => {
  test(`is killed with the run (default: ${namespace.kind}, else ${cgroup.kind})`, async (ctx) => {
    requireSubject(ctx, namespaceMissing && cgroupMissing);
    await expectEscapedHelperKilled('escapes');
  });

  test('is killed with the run when the implementation left its cgroup (root, default mode)', async (ctx) => {
    requireSubject(ctx, rootMissing ?? namespaceMissing);
    const w = await expectEscapedHelperKilled('leaves-cgroup');
    // it did leave: only the PID namespace held the helper
    expect(readFileSync(w.pids, 'utf8')).toMatch(/# moved to /);
  });

  test('leaves a cgroup-only run when the implementation left its cgroup (what the fallback cannot hold)', async (ctx) => {
    requireSubject(ctx, rootMissing ?? cgroupMissing);
    const w = work();
    const result = await runCliMeasured(
      ['--impl', impl('leaves-cgroup', w.pids), ...quick(w.expectations)],
      30_000,
      w.dir,
      { PNM_CONFORMANCE_CONTAINMENT: 'cgroup' },
    );
    expect(result.exitCode).toBe(0);
    expect(readFileSync(w.pids, 'utf8')).toMatch(/# moved to /);
    // the worker is gone, the helper is not (trackedWorkDirs kills it after the test)
    const [helper, worker] = recordedPids(w.pids); // the helper records itself first
    expect(worker !== undefined && isRunning(worker)).toBe(false);
    expect(helper !== undefined && isRunning(helper)).toBe(true);
  });

  test('is killed with the run in a cgroup (the fallback) too', async (ctx) => {
    requireSubject(ctx, cgroupMissing);
    await expectEscapedHelperKilled('escapes', { PNM_CONFORMANCE_CONTAINMENT: 'cgroup' });
  });

  test('is killed, and no cgroup is left, when the implementation nests a cgroup in its own', async (ctx) => {
    requireSubject(ctx, cgroupMissing);
    const w = await expectEscapedHelperKilled('nests-cgroup', {
      PNM_CONFORMANCE_CONTAINMENT: 'cgroup',
    });
    expect(readFileSync(w.pids, 'utf8')).toMatch(/# moved to .*\/leaf\n/);
    expect(leftoverCgroups()).toEqual([]);
  });

  test('is killed with the run in a PID namespace when chosen', async (ctx) => {
    requireSubject(ctx, namespaceMissing);
    await expectEscapedHelperKilled('escapes', { PNM_CONFORMANCE_CONTAINMENT: 'pid-namespace' });
  });

  test('is killed with the run of an unprivileged runner too (a user and PID namespace)', async (ctx) => {
    requireSubject(
      ctx,
      rootMissing ?? (hasSetpriv ? undefined : 'setpriv is not on PATH (to become nobody)'),
    );
    if (probeUnprivileged() !== 0) {
      // No user namespaces for nobody here: the tracker's kills remain, as the README says.
      expect(
        process.env.CI,
        'unprivileged user namespaces are refused on this CI machine',
      ).not.toBe('true');
      return;
    }
    await expectEscapedHelperKilled('escapes', {}, [
      'setpriv',
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
    ]);
  });

  test('survives a run that is told not to contain (what is left on systems without either)', async () => {
    const w = work();
    const result = await runCliMeasured(
      ['--impl', impl('escapes', w.pids), ...quick(w.expectations)],
      30_000,
      w.dir,
      { PNM_CONFORMANCE_CONTAINMENT: 'none' },
    );
    expect(result.exitCode).toBe(0);
    // the worker is gone, the escaped helper is not (trackedWorkDirs kills it after the test)
    const [helper, worker] = recordedPids(w.pids); // the helper records itself first
    expect(worker !== undefined && isRunning(worker)).toBe(false);
    expect(helper !== undefined && isRunning(helper)).toBe(true);
  });
});

describe('the containment probed for the run', () => {
  test('is the one every launch uses: passed down, not probed again', async (ctx) => {
    requireSubject(ctx, namespaceMissing && cgroupMissing);
    const w = work();
    // The system could contain it; the containment the caller passes says not to.
    const column = await outsideColumn(impl('escapes', w.pids), {
      containment: { kind: 'none', reason: 'passed by the test' },
    });
    expect((await column.probe()).available).toBe(true);
    await (await column.open('worker')).close();
    const [helper, worker] = recordedPids(w.pids);
    expect(worker !== undefined && isRunning(worker)).toBe(false);
    // uncontained, as passed (trackedWorkDirs kills it after the test)
    expect(helper !== undefined && isRunning(helper)).toBe(true);
  });
});

describe('a runner killed with SIGKILL mid-run', () => {
  test('takes the implementation and its escaped helper with it (PID namespace)', async (ctx) => {
    requireSubject(
      ctx,
      namespaceMissing ?? (hasSetpriv ? undefined : 'setpriv is not on PATH (--pdeathsig)'),
    );
    const w = await killRunnerMidRun({ PNM_CONFORMANCE_CONTAINMENT: 'pid-namespace' });
    // the implementation and its helper
    await expectNoSurvivors(w.pids, 2);
  });

  test('leaves its cgroups to the next run, whose start-up sweep kills and removes them (cgroup)', async (ctx) => {
    requireSubject(ctx, cgroupMissing);
    const w = await killRunnerMidRun({ PNM_CONFORMANCE_CONTAINMENT: 'cgroup' }, 'nest');
    // Nothing holds them once the runner is gone; any runner's start-up sweep does (another
    // test file's may come first, so that they still run here is not asserted).
    expect(readFileSync(w.pids, 'utf8')).toMatch(/# moved to .*\/leaf\n/);
    const next = work();
    const result = await runCliMeasured(
      ['--impl', impl('good', next.pids), ...quick(next.expectations)],
      30_000,
      next.dir,
      { PNM_CONFORMANCE_CONTAINMENT: 'cgroup' },
    );
    expect(result.exitCode).toBe(0);
    await expectNoSurvivors(w.pids, 2);
    expect(leftoverCgroups()).toEqual([]);
  });
});

/**
 * Starts a run of the hanging fixture (`more` goes to it), waits until it has an escaped
 * helper, and kills the runner with SIGKILL.
 */
async function killRunnerMidRun(env: Record<string, string>, ...more: string[]) {
  const w = work();
  const { child, done } = startCli(
    ['--impl', impl('escapes-and-hangs', w.pids, ...more), ...quick(w.expectations)],
    30_000,
    env,
  );
  await waitForText(w.pids, '# hanging', 20_000);
  child.kill('SIGKILL');
  const result = await done;
  // it was killed, not finished: a generous bound only says the test did not hang
  expect(result.signal).toBe('SIGKILL');
  expect(result.elapsedMs).toBeLessThan(60_000);
  return w;
}

/** Runs fixture `name` and checks that the worker and its escaped helper are both gone. */
async function expectEscapedHelperKilled(
  name: string,
  env: Record<string, string> = {},
  prefix: readonly string[] = [],
) {
  const w = work();
  // nobody (the unprivileged run) must be able to write the PID file and the reports
  chmodSync(w.dir, 0o777);
  const result = await runCliMeasured(
    ['--impl', impl(name, w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
    30_000,
    w.dir,
    env,
    prefix,
  );
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  expect(result.elapsedMs).toBeLessThan(30_000);
  expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
  // the worker and its escaped helper
  await expectNoSurvivors(w.pids, 2);
  expect(readReports(w.dir).json.summary.ok).toBe(true);
  return w;
}

/** Whether nobody may make a user and PID namespace here (0: yes). */
function probeUnprivileged(): number | null {
  return spawnSync('setpriv', [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    'unshare',
    '--user',
    '--map-current-user',
    '--pid',
    '--fork',
    '--kill-child',
    'true',
  ]).status;
}
