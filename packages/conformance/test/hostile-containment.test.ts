/**
 * Issue 18, item 8: a helper that double-forks, calls setsid and drops its environment
 * (`env -i`) carries no process token and is nobody's descendant; it must still die with
 * the run. Where the system gives PID namespaces (src/implementations/containment.ts) it
 * does; elsewhere the test says what is left.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { probeContainment } from '../src/implementations/containment.js';
import {
  expectNoSurvivors,
  impl,
  PEAK_BOUND_BYTES,
  quick,
  readReports,
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
  // Without a PID namespace nothing finds such a helper: the test has no subject.
  test.skipIf(containment.kind === 'none' && !ci)(
    'is killed with the run (PID namespace)',
    async () => {
      expect(containment, 'containment.ts found no PID namespace on this CI machine').toMatchObject(
        { kind: 'pid-namespace' },
      );
      const w = work();
      const result = await runCliMeasured(
        ['--impl', impl('escapes', w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
        30_000,
        w.dir,
      );
      expect(result.exitCode).toBe(0);
      expect(result.elapsedMs).toBeLessThan(30_000);
      expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
      // the worker and its escaped helper
      await expectNoSurvivors(w.pids, 2);
      expect(readReports(w.dir).json.summary.ok).toBe(true);
    },
  );

  test.skipIf(!(isRoot && setpriv))(
    'is killed with the run of an unprivileged runner too (a user namespace around it)',
    async () => {
      const w = work();
      // nobody must be able to write the PID file and the reports
      chmodSync(w.dir, 0o777);
      const unprivileged = probeUnprivileged();
      if (unprivileged !== 0) {
        // No user namespaces for nobody here: the tracker's kills remain, as the README says.
        expect(ci, 'unprivileged user namespaces are refused on this CI machine').toBe(false);
        return;
      }
      const result = await runCliMeasured(
        ['--impl', impl('escapes', w.pids), ...quick(w.expectations), ...reportArgs(w.dir)],
        30_000,
        w.dir,
        {},
        ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
      );
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      await expectNoSurvivors(w.pids, 2);
    },
  );
});

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
