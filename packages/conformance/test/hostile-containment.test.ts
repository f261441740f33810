/**
 * Issue 18, item 8: a helper that double-forks, calls setsid and drops its environment
 * (`env -i`) carries no process token and is nobody's descendant; it must still die with
 * the run: in a cgroup (as root), in a PID namespace (chosen, or unprivileged), and the run
 * told not to contain shows what is left on systems without either
 * (src/implementations/containment.ts).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { probeContainment } from '../src/implementations/containment.js';
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
  trackedWorkDirs,
} from './hostile-helpers.js';

const work = trackedWorkDirs();
const containment = probeContainment(process.env);
const ci = process.env.CI === 'true';
const isRoot = process.getuid?.() === 0;
/** `setpriv` drops root to nobody for the unprivileged run. */
const setpriv = spawnSync('setpriv', ['--version']).status === 0;

describe('a helper that leaves the process group, the tree and the environment', () => {
  // Without a cgroup or a PID namespace nothing finds such a helper: the test has no subject.
  test.skipIf(containment.kind === 'none' && !ci)(
    `is killed with the run (${containment.kind})`,
    async () => {
      expect(
        containment.kind,
        'containment.ts found neither a cgroup nor a PID namespace',
      ).not.toBe('none');
      await expectEscapedHelperKilled();
    },
  );

  test.skipIf(!isRoot)(
    'is killed with the run in a PID namespace too (chosen as root)',
    async () => {
      await expectEscapedHelperKilled({ PNM_CONFORMANCE_CONTAINMENT: 'pid-namespace' });
    },
  );

  test.skipIf(!(isRoot && setpriv))(
    'is killed with the run of an unprivileged runner too (a user and PID namespace)',
    async () => {
      if (probeUnprivileged() !== 0) {
        // No user namespaces for nobody here: the tracker's kills remain, as the README says.
        expect(ci, 'unprivileged user namespaces are refused on this CI machine').toBe(false);
        return;
      }
      await expectEscapedHelperKilled({}, [
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
      ]);
    },
  );

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

/** Runs the escaping fixture and checks that the worker and its helper are both gone. */
async function expectEscapedHelperKilled(
  env: Record<string, string> = {},
  prefix: readonly string[] = [],
): Promise<void> {
  const w = work();
  // nobody (the unprivileged run) must be able to write the PID file and the reports
  chmodSync(w.dir, 0o777);
  const result = await runCliMeasured(
    ['--impl', impl('escapes', w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
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
