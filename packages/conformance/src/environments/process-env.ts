/**
 * Complete, explicit process environments: every column states PATH, HOME and exactly its
 * locale variables, and inherits nothing else (the developer's own LANG never leaks in).
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The system directories every column's PATH ends with (openssl, awk, base64, …). */
export const SYSTEM_PATH: readonly string[] = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

/** A set of locale variables, as one environment has them. */
export interface LocaleSetting {
  /** Used in environment ids: `utf8`, `c`, `no-locale`. */
  id: string;
  label: string;
  variables: Readonly<Record<string, string>>;
}

export const UTF8_LOCALE: LocaleSetting = {
  id: 'utf8',
  label: 'LANG=en_US.UTF-8',
  variables: { LANG: 'en_US.UTF-8' },
};

export const C_LOCALE: LocaleSetting = {
  id: 'c',
  label: 'LANG=C LC_ALL=C',
  variables: { LANG: 'C', LC_ALL: 'C' },
};

/** No locale variable at all: what cron jobs, many containers and systemd units get. */
export const NO_LOCALE: LocaleSetting = {
  id: 'no-locale',
  label: 'no locale variables',
  variables: {},
};

/**
 * The whole environment of a column's process.
 *
 * @param pathDirs directories to put before {@link SYSTEM_PATH} (the runtime's own bin).
 * @param extra further variables a toolchain needs (kept out of the locale on purpose).
 */
export function explicitEnv(
  pathDirs: readonly string[],
  locale: LocaleSetting,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const path = [...new Set([...pathDirs, ...SYSTEM_PATH])].join(':');
  return { PATH: path, HOME: homedir(), ...locale.variables, ...extra };
}

/**
 * An empty home directory for shells. A user's rc files must not leak into a column: zsh
 * always reads `~/.zshenv`, and bash reads `~/.bashrc` even when non-interactive if its
 * stdin is a socket, which it is under Node (libuv gives children socketpairs, and bash
 * takes that for an sshd connection).
 */
export function cleanHome(): string {
  const home = join(tmpdir(), `pnm-conformance-clean-home-${process.getuid?.() ?? 'user'}`);
  mkdirSync(home, { recursive: true });
  return home;
}
