/**
 * Puts every implementation process in a PID namespace of its own, so that whatever it
 * starts dies with it: a helper that double-forks, calls `setsid()` and drops its
 * environment (`env -i`) carries no token and is nobody's descendant, but it cannot leave
 * the namespace, and the kernel kills every process of a PID namespace when its first
 * process ends.
 *
 * The wrapper is util-linux `unshare --pid --fork --kill-child`: `--fork` makes the
 * implementation the namespace's first process, `--kill-child` has the kernel SIGKILL it
 * when `unshare` dies (so even a runner killed with SIGKILL leaves nothing behind). As
 * root that is all; an unprivileged runner adds `--user --map-current-user` (a user
 * namespace, where the kernel allows them, in which the process keeps its own uid). Where
 * neither works (no `unshare`, macOS, a container whose seccomp profile refuses
 * `unshare(2)`), processes start as before and the process tracker's group, descendant and
 * token kills remain: a helper that leaves all three then survives.
 *
 * Side effects the implementation can see: it is PID 1 of its namespace, so a SIGTERM or
 * SIGINT it has no handler for is ignored (the runner ends it with EOF, then SIGKILL), and
 * `/proc` is still the host's.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** How implementation processes are contained on this system. */
export type Containment =
  | { kind: 'pid-namespace'; unshare: string; flags: readonly string[] }
  | { kind: 'none'; reason: string };

/** The flag sets tried, in order: a plain PID namespace (root), then inside a user namespace. */
const FLAG_SETS: ReadonlyArray<readonly string[]> = [
  ['--pid', '--fork', '--kill-child'],
  ['--user', '--map-current-user', '--pid', '--fork', '--kill-child'],
];

/** The executable `command` names, looked up as a spawn would (PATH of `env`), or undefined. */
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
export function probeContainment(env: Record<string, string | undefined>): Containment {
  if (process.platform !== 'linux')
    return { kind: 'none', reason: `no PID namespaces on ${process.platform}` };
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
 * kept: whether the kernel allows PID namespaces does not change during a run.
 *
 * @throws Never.
 * @example
 * ```ts
 * containmentHere().kind; // 'pid-namespace' on Linux with util-linux
 * ```
 */
export function containmentHere(): Containment {
  here ??= probeContainment(process.env);
  return here;
}

/**
 * `command args` wrapped so that it runs contained, or unchanged when it cannot be (no
 * containment here, or a command that does not resolve: left to the spawn, which then names
 * it as missing with its own error).
 *
 * @throws Never.
 * @example
 * ```ts
 * const [file, argv] = contained(containment, 'python3', ['x.py'], env, cwd);
 * execa(file, argv, { env, cwd });
 * ```
 */
export function contained(
  containment: Containment,
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): [string, string[]] {
  if (containment.kind === 'none') return [command, [...args]];
  const executable = resolveCommand(command, env, cwd);
  if (!executable) return [command, [...args]];
  return [containment.unshare, [...containment.flags, '--', executable, ...args]];
}
