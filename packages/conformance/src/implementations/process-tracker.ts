/**
 * Every process the runner starts, and everything those processes start in turn, so that
 * none outlives its session or the run.
 *
 * A process group is not enough: a helper that calls `setsid()` leaves the group, and one
 * whose parent died is re-parented to PID 1 where no parent-child walk finds it. So every
 * implementation process is started with a marker variable holding a token of its own
 * (inherited through fork, exec and setsid alike), and a kill takes, besides the group,
 * every descendant found by parent id and every process whose environment carries the
 * token. The token is random per process, so a kill never reaches a process this runner
 * did not start. Finding by token needs `/proc` (Linux); elsewhere the group kill remains.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { killCgroup, removeCgroup } from './cgroup.js';

/** The environment variable that marks a process (and its descendants) as started by a session. */
export const PROCESS_MARKER = 'PNM_CONFORMANCE_PROCESS';

/** One started process: its PID once known, and the token its environment carries. */
export interface TrackedProcess {
  readonly token: string;
  pid: number | undefined;
  /** The cgroup it runs in, when contained by one (containment.ts): killed as a whole. */
  cgroup?: string;
}

const live = new Set<TrackedProcess>();
let stopped = false;

/**
 * A fresh token for a process about to be started; register it with {@link track} once
 * spawned.
 *
 * @example
 * ```ts
 * const tracked = newTrackedProcess();
 * const child = spawn(cmd, args, { env: { ...env, [PROCESS_MARKER]: tracked.token } });
 * tracked.pid = child.pid;
 * ```
 */
export function newTrackedProcess(): TrackedProcess {
  const tracked = { token: randomBytes(12).toString('hex'), pid: undefined };
  live.add(tracked);
  return tracked;
}

/** Whether {@link stopEverything} was called: no new process may start. */
export function isStopped(): boolean {
  return stopped;
}

function procPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** The parent PID of `pid` from /proc, or undefined when it is gone or unreadable. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function carriesToken(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\u0000').includes(marker);
  } catch {
    return false;
  }
}

/** PIDs of `tracked`, its descendants by parent id, and every process carrying its token. */
function membersOf(tracked: TrackedProcess): Set<number> {
  const marker = `${PROCESS_MARKER}=${tracked.token}`;
  const members = new Set<number>();
  if (tracked.pid !== undefined) members.add(tracked.pid);
  const all = procPids().filter((pid) => pid !== process.pid);
  const parents = new Map(all.map((pid) => [pid, parentOf(pid)]));
  for (const pid of all) if (carriesToken(pid, marker)) members.add(pid);
  // Descendants of members, to any depth (a helper that cleared its environment is still a child).
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (parent !== undefined && members.has(parent) && !members.has(pid)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  return members;
}

function sigkill(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {}
}

/**
 * Kills `tracked`'s process group and every process found as its own (see the module
 * header), synchronously, in a few rounds so that a helper forked during the kill is
 * caught too. Safe to call more than once and on a process that already exited.
 *
 * @example
 * ```ts
 * killTracked(tracked); // nothing the session started is left running
 * ```
 */
export function killTracked(tracked: TrackedProcess): void {
  // Everything in its cgroup and the cgroups it made below (cgroup.kill takes the subtree),
  // whatever it carries; a process that moved to another cgroup is left to the kills below.
  if (tracked.cgroup !== undefined) killCgroup(tracked.cgroup);
  if (tracked.pid !== undefined) sigkill(-tracked.pid);
  for (let round = 0; round < 3; round++) {
    const members = membersOf(tracked);
    if (tracked.pid !== undefined) members.delete(tracked.pid);
    const pid = tracked.pid;
    if (pid !== undefined) sigkill(pid);
    if (members.size === 0) break;
    for (const member of members) {
      sigkill(-member);
      sigkill(member);
    }
  }
}

/**
 * Forgets `tracked` after {@link killTracked}: it is no longer killed by
 * {@link stopEverything}.
 *
 * @example
 * ```ts
 * killTracked(tracked); untrack(tracked);
 * ```
 */
export function untrack(tracked: TrackedProcess): void {
  live.delete(tracked);
  if (tracked.cgroup !== undefined) removeCgroup(tracked.cgroup);
}

/**
 * Kills every process any session started and refuses new ones from now on: for an
 * interrupted run (SIGINT, SIGTERM, SIGHUP), whose children must not outlive it.
 *
 * @example
 * ```ts
 * process.once('SIGTERM', () => { stopEverything(); });
 * ```
 */
export function stopEverything(): void {
  stopped = true;
  for (const tracked of live) killTracked(tracked);
}

/**
 * Kills every process any session started and is still tracked, without refusing new
 * ones: the last step of a command, so that nothing it started (an unselected column's
 * first worker, say) outlives it.
 *
 * @example
 * ```ts
 * try { return await run(argv); } finally { killEverything(); }
 * ```
 */
export function killEverything(): void {
  for (const tracked of live) {
    killTracked(tracked);
    untrack(tracked);
  }
}
