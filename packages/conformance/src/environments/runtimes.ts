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

async function npmRuntime(runtime: NpmRuntime): Promise<Found<Runtime>> {
  const install = `npm install ${runtime.pkg}@${runtime.pin} (or put ${runtime.pkg} on PATH)`;
  let path: string | undefined;
  try {
    path = runtime.executable(dirname(require.resolve(`${runtime.pkg}/package.json`)));
  } catch {
    path = findExecutable(runtime.pkg);
    if (!path) return { found: false, reason: `${runtime.pkg} is not installed`, install };
  }
  if (!isExecutable(path)) {
    return { found: false, reason: `${path} is missing or not executable`, install };
  }
  const version = await commandVersion(path, ['--version'], runtime.versionPattern);
  return { found: true, path, version: version ?? 'unknown' };
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
