/**
 * The shells the documented `echo -n … | openssl … | awk` pipeline is run in. `echo` is the
 * part that differs: whether `-n` is an option and whether backslashes are interpreted.
 *
 * @module
 */
import type { Availability } from '../model.js';
import {
  aptInstall,
  commandOutput,
  commandVersion,
  findExecutable,
  memoize,
  notOnPath,
} from './toolchains.js';

export interface ShellEnvironment {
  /** Environment id: `bash`, `dash`, … */
  id: string;
  /** Executable name, found on PATH. */
  command: string;
  /** Arguments before the script path. */
  args: readonly string[];
  /** The Debian package it comes in. */
  debian: string;
  /** The version text shown in the label, e.g. `bash 5.2.15`. */
  version(command: string): Promise<string | undefined>;
  /** What the label adds after the version. */
  note?: string;
  /**
   * `c` runs the shell under LANG=C LC_ALL=C instead of UTF-8: how cron jobs and containers
   * without locales run it. Only for shells whose `echo` was measured to depend on it.
   */
  locale?: 'c';
}

const bashVersion = (command: string) =>
  commandVersion(command, ['--version'], /version (\S+?)(?:\(|\s|$)/).then((v) => v && `bash ${v}`);

const BASH_POSIX: ShellEnvironment = {
  id: 'bash-posix-xpg-echo',
  command: 'bash',
  args: ['--posix', '-O', 'xpg_echo'],
  debian: 'bash',
  version: bashVersion,
  note: '--posix -O xpg_echo, how macOS /bin/sh (bash 3.2) behaves',
};

const ZSH: ShellEnvironment = {
  id: 'zsh',
  command: 'zsh',
  args: [],
  debian: 'zsh',
  version: (command) => commandVersion(command, ['--version'], /^(zsh \S+)/),
  note: 'macOS default login shell',
};

export const SHELLS: readonly ShellEnvironment[] = [
  { id: 'bash', command: 'bash', args: [], debian: 'bash', version: bashVersion },
  BASH_POSIX,
  {
    id: 'dash',
    command: 'dash',
    args: [],
    debian: 'dash',
    // dash has no --version; ask the package manager, which is how it is installed here.
    version: async () => {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format, not a template
      const output = (await commandOutput('dpkg-query', ['-W', '-f=${Version}', 'dash'])).trim();
      return `dash ${/^[\w.:~+-]+$/.test(output) ? output : '(version unknown)'}`;
    },
    note: 'Debian and Ubuntu /bin/sh',
  },
  ZSH,
  {
    id: 'mksh',
    command: 'mksh',
    args: [],
    debian: 'mksh',
    version: (command) =>
      commandVersion(command, ['-c', 'echo "$KSH_VERSION"'], /KSH (R\S+(?: \S+)?)/).then(
        (v) => v && `mksh ${v}`,
      ),
  },
  {
    id: 'busybox-ash',
    command: 'busybox',
    args: ['ash'],
    debian: 'busybox',
    version: (command) =>
      commandVersion(command, [], /BusyBox v(\S+)/).then((v) => v && `busybox ash ${v}`),
    note: 'Alpine /bin/sh',
  },
  // Under the C locale, `echo` of zsh and of bash in POSIX mode cannot encode a `\u`
  // escape above U+007F (measured; dash, bash, mksh and busybox do not change).
  { ...ZSH, id: 'zsh-c-locale', locale: 'c', note: 'macOS default login shell, C locale' },
  {
    ...BASH_POSIX,
    id: 'bash-posix-xpg-echo-c-locale',
    locale: 'c',
    note: `${BASH_POSIX.note}, C locale`,
  },
];

/**
 * The tools the snippet's pipeline and the worker use besides the shell (each declared, with
 * the shells and curl, in `toolchains.json`).
 */
export const PIPELINE_TOOLS = [
  { name: 'openssl', debian: 'openssl' },
  { name: 'awk', debian: 'mawk' },
  { name: 'base64', debian: 'coreutils' },
  { name: 'od', debian: 'coreutils' },
] as const;

/** openssl's version and the tools' presence, shared by every shell column. */
export const pipelineTools = memoize(async (): Promise<Availability<{ openssl: string }>> => {
  for (const tool of PIPELINE_TOOLS) {
    if (!findExecutable(tool.name)) {
      return notOnPath(tool.name, aptInstall(tool.debian));
    }
  }
  const openssl = (await commandVersion('openssl', ['version'], /^(OpenSSL \S+)/)) ?? 'openssl';
  return { available: true, openssl };
});

const shellProbes = new Map<
  string,
  () => Promise<Availability<{ path: string; version: string }>>
>();

/** The shell's path and version, probed once per process. */
export function probeShell(
  shell: ShellEnvironment,
): Promise<Availability<{ path: string; version: string }>> {
  let probe = shellProbes.get(shell.id);
  if (!probe) {
    probe = memoize(async () => {
      const path = findExecutable(shell.command);
      if (!path) {
        return notOnPath(shell.command, aptInstall(shell.debian));
      }
      return { available: true, path, version: (await shell.version(path)) ?? shell.command };
    });
    shellProbes.set(shell.id, probe);
  }
  return probe();
}
