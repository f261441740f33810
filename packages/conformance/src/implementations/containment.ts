/**
 * Contains every untrusted implementation process so that whatever it starts dies with it:
 * a helper that double-forks, calls `setsid()` and drops its environment (`env -i`) carries
 * no token and is nobody's descendant, but it cannot leave its cgroup or PID namespace.
 *
 * In order of preference, probed once per run:
 * 1. **A cgroup v2 per process** (`cgroup.ts`), where the runner may create cgroups (root,
 *    or a delegated subtree): the process moves itself in before it runs the implementation,
 *    and `cgroup.kill` kills every member. Nothing about the process changes.
 * 2. **A PID namespace** (util-linux `unshare --pid --fork --kill-child`, inside a user
 *    namespace with `--user --map-current-user` when not root): the kernel kills every
 *    process of the namespace when its first process ends, and `--kill-child` ends that one
 *    if `unshare` dies (a runner killed with SIGKILL too). The implementation is PID 1 there:
 *    a SIGTERM or SIGINT it has no handler for is ignored (the runner ends it with EOF, then
 *    SIGKILL), and `/proc` is still the host's. JVMs in separate namespaces all being PID 1
 *    share `/tmp/hsperfdata_<user>/1` and warn on stdout when they run at once.
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
import { cgroupLaunch, probeCgroupParent } from './cgroup.js';

/** How implementation processes are contained on this system. */
export type Containment =
  /** A cgroup v2 per process under `parent` (root, or a delegated subtree): cgroup.ts. */
  | { kind: 'cgroup'; parent: string }
  | { kind: 'pid-namespace'; unshare: string; flags: readonly string[] }
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
 * Finds out, by starting `unshare … true` once per flag set, which containment works
 * here. Costs a few milliseconds; callers keep the answer for the run.
 *
 * @param env The environment whose PATH finds `unshare`.
 * @throws Never.
 * @example
 * ```ts
 * const containment = probeContainment(process.env);
 * if (containment.kind === 'none') console.log(containment.reason);
 * ```
 */
export function probeContainment(
  env: Record<string, string | undefined>,
  kinds: ReadonlyArray<'cgroup' | 'pid-namespace'> = ['cgroup', 'pid-namespace'],
): Containment {
  if (process.platform !== 'linux')
    return { kind: 'none', reason: `no cgroups or PID namespaces on ${process.platform}` };
  let why = '';
  if (kinds.includes('cgroup')) {
    const parent = probeCgroupParent();
    if (typeof parent === 'string') return { kind: 'cgroup', parent };
    why = `${parent.reason}; `;
  }
  if (!kinds.includes('pid-namespace'))
    return { kind: 'none', reason: why || 'PNM_CONFORMANCE_CONTAINMENT=none' };
  const namespace = probePidNamespace(env);
  return namespace.kind === 'none'
    ? { kind: 'none', reason: `${why}${namespace.reason}` }
    : namespace;
}

/** The PID namespace half of {@link probeContainment}. */
function probePidNamespace(env: Record<string, string | undefined>): Containment {
  const unshare = resolveCommand('unshare', env, process.cwd());
  if (!unshare) return { kind: 'none', reason: 'util-linux unshare is not on PATH' };
  let last = '';
  for (const flags of FLAG_SETS) {
    const probe = spawnSync(unshare, [...flags, 'true'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 5000,
      encoding: 'utf8',
    });
    if (probe.status === 0) return { kind: 'pid-namespace', unshare, flags };
    last = (probe.stderr ?? '').trim() || String(probe.error?.message ?? probe.status);
  }
  return { kind: 'none', reason: `unshare cannot make a PID namespace here: ${last}` };
}

let here: Containment | undefined;

/**
 * {@link probeContainment} for this machine with the runner's PATH, probed on first use and
 * kept: what the system allows does not change during a run.
 *
 * @throws Never.
 * @example
 * ```ts
 * containmentHere().kind; // 'cgroup' as root on Linux, 'pid-namespace' unprivileged
 * ```
 */
export function containmentHere(): Containment {
  here ??= probeContainment(process.env, chosenKinds(process.env[CONTAINMENT_VARIABLE]));
  return here;
}

/**
 * The runner's variable that narrows the choice: `cgroup` or `pid-namespace` (only that
 * one is tried), `none` (processes start uncontained, as on systems without either).
 */
export const CONTAINMENT_VARIABLE = 'PNM_CONFORMANCE_CONTAINMENT';

function chosenKinds(value: string | undefined): ReadonlyArray<'cgroup' | 'pid-namespace'> {
  if (value === 'cgroup' || value === 'pid-namespace') return [value];
  if (value === 'none') return [];
  return ['cgroup', 'pid-namespace'];
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
  return { file: containment.unshare, args: [...containment.flags, '--', executable, ...args] };
}
