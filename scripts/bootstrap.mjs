#!/usr/bin/env node
// Makes a fresh clone runnable with only Node and npm: a pinned pnpm (installed with npm
// into .cache/, not corepack, whose signature check fails on Node 20), the frozen
// dependency install, the language toolchains, and a build. Every step is idempotent and
// cheap when already done, so `npm test` and `npm run conformance` can always call it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const PNPM_VERSION = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).packageManager.split('@')[1];
const pnpmPrefix = join(root, '.cache', 'pnpm');
export const pnpmBin = join(pnpmPrefix, 'node_modules', '.bin', 'pnpm');
// Tools that shell out to `pnpm` themselves (publint runs `pnpm pack`) must find this one.
process.env.PATH = `${dirname(pnpmBin)}:${process.env.PATH ?? ''}`;

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    log(`failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function installedPnpmVersion() {
  if (!existsSync(pnpmBin)) return undefined;
  try {
    return execFileSync(pnpmBin, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export function ensurePnpm() {
  if (installedPnpmVersion() === PNPM_VERSION) return;
  log(`installing pnpm@${PNPM_VERSION} into .cache/pnpm`);
  run('npm', [
    'install',
    '--no-save',
    '--no-package-lock',
    '--prefix',
    pnpmPrefix,
    '-E',
    `pnpm@${PNPM_VERSION}`,
    '--loglevel=error',
  ]);
}

export function ensureDependencies() {
  run(pnpmBin, ['install', '--frozen-lockfile', '--reporter=silent'], {
    env: { ...process.env, CI: 'true' },
  });
}

export function ensureToolchains() {
  if (process.env.PNM_SKIP_TOOLCHAINS === '1') return;
  // A toolchain that could not be installed does not fail the bootstrap: it is reported
  // there and again, column by column, by the conformance run (`unavailable`, a run that says
  // INCOMPLETE, a failure under CI). Declarations that cannot be read (exit 2) do.
  const setup = spawnSync('bash', [join(root, 'scripts', 'setup-toolchains')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (setup.status === 2) {
    log('failed: scripts/setup-toolchains could not read what to install');
    process.exit(2);
  }
}

export function build() {
  run(pnpmBin, ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}

export function bootstrap() {
  ensurePnpm();
  ensureDependencies();
  ensureToolchains();
  build();
}

if (import.meta.url === `file://${process.argv[1]}`) bootstrap();
