/**
 * Contains every untrusted implementation process so that whatever it starts dies with it:
 * a helper that double-forks, calls `setsid()` and drops its environment (`env -i`) carries
 * no token and is nobody's descendant, but it cannot leave its PID namespace.
 *
 * In order of preference, probed once per run (the runner passes the answer down):
 * 1. **A PID namespace** (util-linux `unshare --pid --fork --kill-child`, inside a user
 *    namespace with `--user --map-current-user` when not root): the kernel kills every
 *    process of the namespace when its first process ends, and no process can leave it
 *    (a cgroup can be left by anyone allowed to write another cgroup's `cgroup.procs`, which
 *    root is). `unshare` is started under `setpriv --pdeathsig KILL`, so a runner killed with
 *    SIGKILL takes `unshare` with it, `--kill-child` then ends the namespace's first process,
 *    and the namespace goes with it. Without `setpriv` a runner killed with SIGKILL leaves
 *    the namespace running. The implementation is PID 1 there: a SIGTERM or SIGINT it has no
 *    handler for is ignored (the runner ends it with EOF, then SIGKILL), and `/proc` is still
 *    the host's. JVMs in separate namespaces all being PID 1 share
 *    `/tmp/hsperfdata_<user>/1` and warn on stdout when they run at once.
 * 2. **A cgroup v2 per process** (`cgroup.ts`), where no PID namespace can be made but the
 *    runner may create cgroups (a delegated subtree): the process moves itself in before it
 *    runs the implementation, and `cgroup.kill` kills every member. A process allowed to
 *    write another cgroup's `cgroup.procs` leaves it and survives; the cgroups of a runner
 *    killed with SIGKILL are killed and removed by the next run's start-up sweep.
 * 3. **Nothing more** (no cgroup rights and no user namespaces, no `unshare`, macOS, a
 *    container whose seccomp profile refuses `unshare(2)`): processes start as before and
 *    the process tracker's group, descendant and token kills remain; a helper that leaves
 *    all three survives.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { cgroupLaunch, probeCgroupParent, sweepStaleCgroups } from './cgroup.js';

/** How implementation processes are contained on this system. */
export type Containment =
  /**
   * `prefix` (`setpriv --pdeathsig KILL`, or empty where there is no `setpriv`) runs
   * `unshare flags -- command …`.
   */
  | { kind: 'pid-namespace'; unshare: string; flags: readonly string[]; prefix: readonly string[] }
  /** A cgroup v2 per process under `parent` (a delegated subtree): cgroup.ts. */
  | { kind: 'cgroup'; parent: string }
  | { kind: 'none'; reason: string };

/** The flag sets tried, in order: a plain PID namespace (root), then inside a user namespace. */
const FLAG_SETS: ReadonlyArray<readonly string[]> = [
  ['--pid', '--fork', '--kill-child'],
  ['--user', '--map-current-user', '--pid', '--fork', '--kill-child'],
];

/**
 * The executable `command` names, looked up as a spawn would (a path relative to `cwd`, or
 * a name on the PATH of `env`), or undefined when there is none.
 *
 * @throws Never.
 * @example
 * ```ts
 * resolveCommand('python3', { PATH: '/usr/bin' }, process.cwd()); // '/usr/bin/python3'
 * ```
 */
export function resolveCommand(
  command: string,
  env: Record<string, string | undefined>,
  cwd: string,
): string | undefined {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (command.includes('/')) {
    const path = isAbsolute(command) ? command : resolve(cwd, command);
    return executable(path) ? path : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(resolve(cwd, dir), command);
    if (executable(path)) return path;
  }
  return undefined;
}

/**
 * Finds out, by starting `unshare … true` once per flag set (and creating a probe cgroup when
 * no namespace can be made), which containment works here. Costs a few milliseconds; the
 * runner probes once per run and passes the answer to every launch.
 *
 * @param env The environment whose PATH finds `unshare` and `setpriv`.
 * @param kinds The kinds to try, in this order of preference.
 * @throws Never.
 * @example
 * ```ts
 * const containment = probeContainment(process.env);
 * if (containment.kind === 'none') console.log(containment.reason);
 * ```
 */
export function probeContainment(
  env: Record<string, string | undefined>,
  kinds: ReadonlyArray<'cgroup' | 'pid-namespace'> = ['pid-namespace', 'cgroup'],
): Containment {
  if (process.platform !== 'linux')
    return { kind: 'none', reason: `no cgroups or PID namespaces on ${process.platform}` };
  // A run killed with SIGKILL in cgroup mode left its cgroups and their processes: whatever
  // this run's mode, they go now (a no-op where there are none or no rights to see them).
  sweepStaleCgroups();
  const reasons: string[] = [];
  for (const kind of kinds) {
    if (kind === 'pid-namespace') {
      const namespace = probePidNamespace(env);
      if (namespace.kind !== 'none') return namespace;
      reasons.push(namespace.reason);
    } else {
      const parent = probeCgroupParent();
      if (typeof parent === 'string') return { kind: 'cgroup', parent };
      reasons.push(parent.reason);
    }
  }
  return { kind: 'none', reason: reasons.join('; ') || `${CONTAINMENT_VARIABLE}=none` };
}

/** The PID namespace half of {@link probeContainment}. */
function probePidNamespace(env: Record<string, string | undefined>): Containment {
  const unshare = resolveCommand('unshare', env, process.cwd());
  if (!unshare) return { kind: 'none', reason: 'util-linux unshare is not on PATH' };
  // Where setpriv (util-linux 2.33+) can give unshare a parent-death signal, it is used: the
  // signal comes when the thread that forked it ends, and Node spawns from its main thread,
  // whose end is the runner's. unshare keeps it across exec (it is not set-user-ID). A runner
  // killed in the instant between fork and setpriv's prctl still leaves unshare running.
  const setpriv = resolveCommand('setpriv', env, process.cwd());
  const prefixes: Array<readonly string[]> = setpriv
    ? [[setpriv, '--pdeathsig', 'KILL'], []]
    : [[]];
  let last = '';
  for (const prefix of prefixes) {
    for (const flags of FLAG_SETS) {
      const [file = unshare, ...args] = [...prefix, unshare, ...flags, 'true'];
      const probe = spawnSync(file, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 5000,
        encoding: 'utf8',
      });
      if (probe.status === 0) return { kind: 'pid-namespace', unshare, flags, prefix };
      last = (probe.stderr ?? '').trim() || String(probe.error?.message ?? probe.status);
    }
  }
  return { kind: 'none', reason: `unshare cannot make a PID namespace here: ${last}` };
}

/**
 * {@link probeContainment} as the runner's environment chooses it
 * ({@link CONTAINMENT_VARIABLE}), with that environment's PATH. The runner calls it once per
 * run and hands the answer to every launch (`LaunchSpec.containment`).
 *
 * @throws Never.
 * @example
 * ```ts
 * probeContainmentFor(process.env).kind; // 'pid-namespace' on Linux with util-linux
 * ```
 */
export function probeContainmentFor(env: Record<string, string | undefined>): Containment {
  return probeContainment(env, chosenKinds(env[CONTAINMENT_VARIABLE]));
}

/**
 * The runner's variable that narrows the choice: `cgroup` or `pid-namespace` (only that
 * one is tried), `none` (processes start uncontained, as on systems without either).
 */
export const CONTAINMENT_VARIABLE = 'PNM_CONFORMANCE_CONTAINMENT';

function chosenKinds(value: string | undefined): ReadonlyArray<'cgroup' | 'pid-namespace'> {
  if (value === 'cgroup' || value === 'pid-namespace') return [value];
  if (value === 'none') return [];
  return ['pid-namespace', 'cgroup'];
}

/**
 * `command args` wrapped so that it runs contained, or unchanged when it cannot be (no
 * containment here, a cgroup that cannot be created, or a command that does not resolve:
 * left to the spawn, which then names it as missing with its own error). `cgroup` is the
 * process's cgroup, for `killCgroup` (cgroup.ts).
 *
 * @throws Never.
 * @example
 * ```ts
 * const { file, args } = contained(containment, 'python3', ['x.py'], env, cwd);
 * execa(file, args, { env, cwd });
 * ```
 */
export function contained(
  containment: Containment,
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): { file: string; args: string[]; cgroup?: string } {
  const plain = { file: command, args: [...args] };
  if (containment.kind === 'none') return plain;
  const executable = resolveCommand(command, env, cwd);
  if (!executable) return plain;
  if (containment.kind === 'cgroup') {
    try {
      return cgroupLaunch(containment.parent, executable, args);
    } catch {
      return plain;
    }
  }
  const [file = containment.unshare, ...rest] = [
    ...containment.prefix,
    containment.unshare,
    ...containment.flags,
    '--',
    executable,
    ...args,
  ];
  return { file, args: rest };
}
