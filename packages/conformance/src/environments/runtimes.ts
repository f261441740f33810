/**
 * The interpreters and compilers the snippets run on: where they are and which version.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  commandOutput,
  commandVersion,
  type Found,
  findExecutable,
  isExecutable,
  memoize,
} from './toolchains.js';

export interface Runtime {
  /** Absolute path of the executable to spawn. */
  path: string;
  /** Version text for labels and reports, e.g. `3.11.7`. */
  version: string;
}

const require = createRequire(import.meta.url);

function missing(name: string, install: string): Found<Runtime> {
  return { found: false, reason: `${name} is not on PATH`, install };
}

async function simple(
  name: string,
  args: readonly string[],
  pattern: RegExp,
  install: string,
): Promise<Found<Runtime>> {
  const path = findExecutable(name);
  if (!path) return missing(name, install);
  const version = await commandVersion(path, args, pattern);
  return { found: true, path, version: version ?? 'unknown' };
}

/**
 * `python3` as the user's PATH resolves it. A pyenv shim costs ~250 ms per start, so the real
 * interpreter behind it is resolved once and spawned directly.
 */
export const python = memoize(async (): Promise<Found<Runtime>> => {
  const shim = findExecutable('python3');
  if (!shim) return missing('python3', 'apt-get install python3');
  const output = await commandOutput(shim, [
    '-c',
    'import sys, platform; print(sys.executable); print(platform.python_version())',
  ]);
  const [path, version] = output.trim().split('\n');
  if (!path || !version || !isExecutable(path)) {
    return {
      found: false,
      reason: `python3 did not start: ${output.trim()}`,
      install: 'apt-get install python3',
    };
  }
  return { found: true, path, version };
});

export const ruby = memoize(() =>
  simple('ruby', ['-e', 'print RUBY_VERSION'], /^(\S+)/, 'apt-get install ruby'),
);

export const php = memoize(() =>
  simple('php', ['-r', 'echo PHP_VERSION;'], /^(\S+)/, 'apt-get install php-cli'),
);

export const go = memoize(() =>
  simple('go', ['env', 'GOVERSION'], /^(go\S+)/, 'apt-get install golang-go'),
);

export const node = memoize(() =>
  simple(
    'node',
    ['-p', 'process.versions.node'],
    /^(\S+)/,
    'install Node.js 20 (https://nodejs.org)',
  ),
);

/** A binary shipped in an npm package of the workspace (deno, bun). */
async function workspaceBinary(
  pkg: string,
  relative: string,
  versionPattern: RegExp,
): Promise<Found<Runtime>> {
  let path: string;
  try {
    path = join(dirname(require.resolve(`${pkg}/package.json`)), relative);
  } catch {
    return { found: false, reason: `the ${pkg} package is not installed`, install: 'pnpm install' };
  }
  if (!isExecutable(path)) {
    return {
      found: false,
      reason: `${path} is missing or not executable`,
      install: `pnpm rebuild ${pkg}`,
    };
  }
  const version = await commandVersion(path, ['--version'], versionPattern);
  return { found: true, path, version: version ?? 'unknown' };
}

export const deno = memoize(() => workspaceBinary('deno', 'deno', /^deno (\S+)/));
export const bun = memoize(() => workspaceBinary('bun', 'bin/bun.exe', /^(\S+)/));

/** tsx's loader, for `node --import <loader> worker.ts`. */
export const tsxLoader = memoize(async (): Promise<Found<{ loader: string; version: string }>> => {
  try {
    const manifest = require.resolve('tsx/package.json');
    const { version } = require(manifest) as { version: string };
    return { found: true, loader: join(dirname(manifest), 'dist/loader.mjs'), version };
  } catch {
    return { found: false, reason: 'tsx is not installed', install: 'pnpm install' };
  }
});

/** The crypto-js package the NodeJS snippet's `CryptoJS` comes from. */
export const cryptoJs = memoize(async (): Promise<Found<{ dir: string; version: string }>> => {
  try {
    const manifest = require.resolve('crypto-js/package.json');
    const { version } = require(manifest) as { version: string };
    return { found: true, dir: dirname(manifest), version };
  } catch {
    return { found: false, reason: 'crypto-js is not installed', install: 'pnpm install' };
  }
});
