/**
 * Finding toolchains and asking them their version. Lookups use the developer's PATH (that is
 * where their toolchains are); the columns then run them with an explicit environment.
 *
 * @module
 */
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

/** The absolute path of an executable on the developer's PATH (or the given dirs). */
export function findExecutable(
  name: string,
  dirs: readonly string[] = (process.env.PATH ?? '').split(delimiter),
): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Follows symlinks; the input when it cannot. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export interface CommandResult {
  /** stdout and stderr, interleaved. */
  output: string;
  exitCode: number | undefined;
  /** Killed by the time limit or a signal: the output says nothing about the input. */
  interrupted: boolean;
}

/** Runs a command to completion (never throws). */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const result = await execa(command, [...args], {
    reject: false,
    timeout: options.timeoutMs ?? 20_000,
    all: true,
    stdin: 'ignore',
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: options.env, extendEnv: false } : {}),
  });
  return {
    output: typeof result.all === 'string' ? result.all : '',
    exitCode: result.exitCode,
    interrupted: result.timedOut || result.isTerminated || result.exitCode === undefined,
  };
}

/** stdout + stderr of a short command (never throws; empty on failure). */
export async function commandOutput(
  command: string,
  args: readonly string[],
  env?: Record<string, string>,
): Promise<string> {
  return (await runCommand(command, args, env ? { env } : {})).output;
}

/** First capture group of `pattern` in the command's output, or undefined. */
export async function commandVersion(
  command: string,
  args: readonly string[],
  pattern: RegExp,
  env?: Record<string, string>,
): Promise<string | undefined> {
  const output = await commandOutput(command, args, env);
  return pattern.exec(output)?.[1];
}

/** Caches a promise per key, so each toolchain is probed once per process. */
export function memoize<T>(compute: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= compute();
    return cached;
  };
}

/** A found toolchain, or why not and how to install it. */
export type Availability<T> =
  | ({ available: true } & T)
  | { available: false; reason: string; install: string };

/**
 * Something a column needs installed, as `toolchains.json` declares it and
 * `scripts/setup-toolchains` installs it: the Debian package, and what shows it is there (a
 * command on PATH, a file, or, neither given, the package itself as dpkg knows it).
 */
export interface ToolchainNeed {
  debian: string;
  /** A command on PATH that shows the package is installed (never beside `file`). */
  command?: string;
  /** A file that shows it (never beside `command`). */
  file?: string;
  /** For people: what it is needed for, where that is not obvious. */
  why?: string;
}

/**
 * A command that is not on PATH, as an unavailable toolchain of any kind.
 *
 * @example
 * ```ts
 * if (!findExecutable('curl')) return notOnPath('curl', aptInstall('curl'));
 * ```
 */
export function notOnPath(
  name: string,
  install: string,
): { available: false; reason: string; install: string } {
  return { available: false, reason: `${name} is not on PATH`, install };
}

/**
 * The install hint for a Debian package, as the reports and `--list` show it.
 *
 * @example
 * ```ts
 * aptInstall('php-cli'); // 'apt-get install php-cli'
 * ```
 */
export function aptInstall(debian: string): string {
  return `apt-get install ${debian}`;
}
