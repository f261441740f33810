/**
 * A cgroup v2 per implementation process: the process moves itself into a fresh cgroup
 * before it runs the implementation, everything it starts inherits the cgroup whatever it
 * does (double fork, setsid, `env -i`), and writing `1` to the cgroup's `cgroup.kill` has the
 * kernel kill every member at once. Nothing about the process changes (its PID, its
 * signals). containment.ts uses it only where no PID namespace can be made: a process
 * allowed to write another cgroup's `cgroup.procs` (root) leaves its cgroup, and nothing
 * can leave a PID namespace.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The prefix of the cgroups this runner creates, followed by the runner's PID: a run killed
 * with SIGKILL leaves its cgroups, and {@link sweepStaleCgroups} in the next run finds them
 * by that PID being dead.
 */
const PREFIX = 'pnm-conformance-';

/**
 * This process's own cgroup v2 directory, or undefined (no cgroup v2 mounted, or not in one).
 *
 * @throws Never.
 * @example
 * ```ts
 * ownCgroupDir(); // '/sys/fs/cgroup/unified/user.slice/…' on a hybrid host
 * ```
 */
export function ownCgroupDir(): string | undefined {
  try {
    const mount = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .find((fields) => fields[2] === 'cgroup2')?.[1];
    const own = readFileSync('/proc/self/cgroup', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('0::'))
      ?.slice(3);
    if (mount === undefined || own === undefined) return undefined;
    return join(mount, own);
  } catch {
    return undefined;
  }
}

/**
 * The cgroup directory under which this runner may create a cgroup per process and move a
 * process into it, tried for real (a probe cgroup, a `sh` moving itself in); or why not.
 *
 * @throws Never.
 * @example
 * ```ts
 * const parent = probeCgroupParent();
 * if (typeof parent === 'string') console.log('cgroups under', parent);
 * ```
 */
export function probeCgroupParent(): string | { reason: string } {
  const parent = ownCgroupDir();
  if (parent === undefined) return { reason: 'no cgroup v2 hierarchy for this process' };
  const probe = join(parent, `${PREFIX}${process.pid}-probe-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(probe);
  } catch (error) {
    return { reason: `cannot create a cgroup in ${parent}: ${(error as Error).message}` };
  }
  try {
    if (!existsSync(join(probe, 'cgroup.kill')))
      return { reason: 'the kernel has no cgroup.kill (Linux 5.14+)' };
    const moved = spawnSync('/bin/sh', ['-c', MOVE_SELF, 'sh', probe, 'true'], {
      stdio: 'ignore',
      timeout: 5000,
    });
    if (moved.status !== 0) return { reason: `cannot move a process into ${probe}` };
    return parent;
  } finally {
    removeCgroup(probe);
  }
}

/** The shell text that moves itself into the cgroup `$1`, then runs `$2 …` in its place. */
const MOVE_SELF = 'echo $$ > "$1/cgroup.procs" || exit 125; shift; exec "$@"';

/**
 * A fresh cgroup under `parent` for one process, and the command line that moves into it
 * before running `executable args`.
 *
 * @throws Error when the cgroup cannot be created (the caller starts the process uncontained).
 * @example
 * ```ts
 * const { cgroup, file, args } = cgroupLaunch(parent, '/usr/bin/python3', ['x.py']);
 * ```
 */
export function cgroupLaunch(
  parent: string,
  executable: string,
  args: readonly string[],
): { cgroup: string; file: string; args: string[] } {
  const cgroup = join(parent, `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(cgroup);
  return { cgroup, file: '/bin/sh', args: ['-c', MOVE_SELF, 'sh', cgroup, executable, ...args] };
}

/**
 * Kills every process in `cgroup` at once (the kernel's `cgroup.kill`).
 *
 * @throws Never.
 * @example
 * ```ts
 * killCgroup(cgroup); removeCgroup(cgroup);
 * ```
 */
export function killCgroup(cgroup: string): void {
  try {
    writeFileSync(join(cgroup, 'cgroup.kill'), '1');
  } catch {}
}

/** The cgroups below `cgroup` (created by the implementation), deepest first. */
function childCgroups(cgroup: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(cgroup, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(cgroup, entry.name));
  } catch {
    return [];
  }
  return entries.flatMap((child) => [...childCgroups(child), child]);
}

/**
 * Removes `cgroup` and every cgroup the implementation created below it (deepest first: a
 * cgroup with children cannot be removed), once they are empty, trying again for a moment
 * while the killed processes finish exiting. Returns whether it is gone.
 *
 * @throws Never.
 * @example
 * ```ts
 * killCgroup(cgroup); removeCgroup(cgroup); // true
 * ```
 */
export function removeCgroup(cgroup: string): boolean {
  for (let attempt = 0; attempt < 20; attempt++) {
    for (const child of childCgroups(cgroup)) {
      try {
        rmdirSync(child);
      } catch {}
    }
    try {
      rmdirSync(cgroup);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      // Blocking on purpose, at most 20 × 5 ms: this runs from untrack() and from
      // killEverything() on the way out of the process, where an async wait would never end
      // and the cgroup would stay behind. The kernel has been told to kill every member
      // (cgroup.kill) and rmdir only waits for them to finish exiting, which takes
      // milliseconds; it happens once per implementation process, and only in the cgroup
      // fallback (a PID namespace needs no removal).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  return false;
}

/** Whether no process `pid` exists (EPERM: one exists, owned by someone else). */
function isDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Kills and removes the cgroups a run killed with SIGKILL left under `parent` (the
 * runner's own cgroup by default): those named `pnm-conformance-<pid>-…` whose runner `pid`
 * is no longer running. Only this runner's prefix is touched, and never a live runner's
 * cgroups. Returns the cgroups removed.
 *
 * @throws Never.
 * @example
 * ```ts
 * sweepStaleCgroups(); // [] when no earlier run was killed
 * ```
 */
export function sweepStaleCgroups(parent: string | undefined = ownCgroupDir()): string[] {
  if (parent === undefined) return [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || !isDead(Number(pid))) continue;
    const stale = join(parent, name);
    killCgroup(stale);
    if (removeCgroup(stale)) removed.push(stale);
  }
  return removed;
}
