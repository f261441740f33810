/**
 * The interpreters and compilers the snippets run on: where they are and which version.
 *
 * @module
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Availability } from '../model.js';
import { commandVersion, findExecutable, isExecutable, memoize, notOnPath } from './toolchains.js';

export interface Runtime {
  /** Absolute path of the executable to spawn. */
  path: string;
  /** Version text for labels and reports, e.g. `3.11.7`. */
  version: string;
}

const require = createRequire(import.meta.url);

/**
 * A runtime found as a command on PATH, its version read from its own output: what most
 * language modules need.
 *
 * @example
 * ```ts
 * const ruby = memoize(() => commandRuntime('ruby', ['-e', 'print RUBY_VERSION'], /^(\S+)/, aptInstall('ruby')));
 * ```
 */
export async function commandRuntime(
  name: string,
  args: readonly string[],
  pattern: RegExp,
  install: string,
): Promise<Availability<Runtime>> {
  const path = findExecutable(name);
  if (!path) return notOnPath(name, install);
  const version = await commandVersion(path, args, pattern);
  return { available: true, path, version: version ?? 'unknown' };
}

export const node = memoize(() =>
  commandRuntime(
    'node',
    ['-p', 'process.versions.node'],
    /^(\S+)/,
    'install Node.js 20 (https://nodejs.org)',
  ),
);

/**
 * The pinned Deno and Bun come from their npm packages (the workspace's, or ones a user
 * installed beside this package); where neither is installed, the ones on PATH.
 */
interface NpmRuntime {
  pkg: string;
  /** The pinned version, for the install hint. */
  pin: string;
  /** The executable's path inside an installed package, found by the package's own rules. */
  executable(packageDir: string): string;
  versionPattern: RegExp;
}

async function npmRuntime(runtime: NpmRuntime): Promise<Availability<Runtime>> {
  const install = `npm install ${runtime.pkg}@${runtime.pin} (or put ${runtime.pkg} on PATH)`;
  let path: string | undefined;
  try {
    path = runtime.executable(dirname(require.resolve(`${runtime.pkg}/package.json`)));
  } catch {
    path = findExecutable(runtime.pkg);
    if (!path) return { available: false, reason: `${runtime.pkg} is not installed`, install };
  }
  if (!isExecutable(path)) {
    return { available: false, reason: `${path} is missing or not executable`, install };
  }
  const version = await commandVersion(path, ['--version'], runtime.versionPattern);
  return { available: true, path, version: version ?? 'unknown' };
}

export const deno = memoize(() =>
  npmRuntime({
    pkg: 'deno',
    pin: '2.9.6',
    // The deno package copies its platform binary into place in a postinstall step that
    // pnpm (without allowBuilds) never runs; its own installer finds or places it.
    executable: (dir) =>
      (require(join(dir, 'install_api.cjs')) as { runInstall(): string }).runInstall(),
    versionPattern: /^deno (\S+)/,
  }),
);

export const bun = memoize(() =>
  npmRuntime({
    pkg: 'bun',
    pin: '1.4.5',
    executable: (dir) => join(dir, 'bin', 'bun.exe'),
    versionPattern: /^(\S+)/,
  }),
);

/** tsx's loader, for `node --import <loader> worker.ts`. */
export const tsxLoader = memoize(
  async (): Promise<Availability<{ loader: string; version: string }>> => {
    try {
      const manifest = require.resolve('tsx/package.json');
      const { version } = require(manifest) as { version: string };
      return { available: true, loader: join(dirname(manifest), 'dist/loader.mjs'), version };
    } catch {
      return { available: false, reason: 'tsx is not installed', install: 'pnpm install' };
    }
  },
);

/** The crypto-js package the NodeJS snippet's `CryptoJS` comes from. */
export const cryptoJs = memoize(
  async (): Promise<Availability<{ dir: string; version: string }>> => {
    try {
      const manifest = require.resolve('crypto-js/package.json');
      const { version } = require(manifest) as { version: string };
      return { available: true, dir: dirname(manifest), version };
    } catch {
      return { available: false, reason: 'crypto-js is not installed', install: 'pnpm install' };
    }
  },
);
