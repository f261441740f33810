/**
 * The real SDKs, installed from their registries at test time (never vendored), through
 * their protocol v2 adapters in examples/: plugnmeet-sdk-js on Node, Deno and Bun,
 * plugnmeet-sdk from PyPI, and mynaparrot/plugnmeet-sdk with Composer (from the artifact
 * repository named by PNM_COMPOSER_ARTIFACTS: Packagist is unreachable here). Their known
 * divergences are recorded in examples/sdk-expectations.json like any other; a new one, or
 * one that went away, fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { retryInstall } from '../../../scripts/retry-install.mjs';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { type ColumnRef, sameColumn } from '../src/column-key.js';
import { cli, realPython } from './helpers.js';
import { missingPhpToolchain } from './php-sdk-toolchain.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;
const adapterJs = `${root}examples/sdk-js/adapter.mjs`;
const adapterPy = `${root}examples/sdk-python/adapter.py`;
const venvPython = `${root}.cache/examples/sdk-python/venv/bin/python`;
const adapterPhp = `${root}examples/sdk-php/adapter.php`;
const expectations = `${root}examples/sdk-expectations.json`;
/** The PHP SDK's column, as its adapter's hello names it (the expectations are keyed so). */
const PHP_SDK = { implementation: 'plugnmeet-sdk', environment: 'php' };
const phpMissing = missingPhpToolchain();
/** Where Packagist is unreachable; relative to the repository root (the folder beside the clone). */
const composerArtifacts = process.env.PNM_COMPOSER_ARTIFACTS ?? '../shared/data/composer-artifacts';

/** The expectations without the PHP SDK's entries, for a run that leaves it out. */
function expectationsWithoutPhp(): string {
  const file = JSON.parse(readFileSync(expectations, 'utf8')) as {
    expectations: ColumnRef[];
  };
  file.expectations = file.expectations.filter((e) => !sameColumn(e, PHP_SDK));
  const path = join(mkdtempSync(join(tmpdir(), 'pnm-real-sdks-')), 'sdk-expectations.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/**
 * The runner on every SDK at once, started once the SDKs are installed: both tests below
 * read the same run, and either can run alone (`-t`).
 */
let combinedRun: Promise<{ exitCode?: number; stdout: string; stderr: string }>;

beforeAll(() => {
  // npm (with --ignore-scripts: the SDK's preinstall refuses npm) and pip, from the registries.
  retryInstall({ what: 'plugnmeet-sdk-js', registry: 'npm' }, () =>
    execFileSync(process.execPath, [`${root}examples/sdk-js/install.mjs`], { stdio: 'pipe' }),
  );
  retryInstall({ what: 'plugnmeet-sdk', registry: 'PyPI' }, () =>
    execFileSync(realPython(), [`${root}examples/sdk-python/install.py`], { stdio: 'pipe' }),
  );
  if (phpMissing === undefined) {
    const registry = composerArtifacts
      ? `Composer artifact repository ${composerArtifacts}`
      : 'Packagist';
    retryInstall({ what: 'mynaparrot/plugnmeet-sdk', registry }, () =>
      execFileSync('php', [`${root}examples/sdk-php/install.php`], {
        stdio: 'pipe',
        env: { ...process.env, PNM_COMPOSER_ARTIFACTS: composerArtifacts },
      }),
    );
  }
  // Without PHP and Composer the others still run; the PHP SDK's test below says why not it.
  const php = phpMissing === undefined ? ['--impl', `php ${adapterPhp}`] : [];
  combinedRun = execa(
    process.execPath,
    [
      cli,
      // Not in the order the expectations file lists them: columns are named by their hellos.
      ...php,
      '--impl',
      `${venvPython} ${adapterPy}`,
      '--impl',
      `${bin('bun')} ${adapterJs}`,
      '--impl',
      `${bin('deno')} run --allow-read --allow-env --allow-net=127.0.0.1 ${adapterJs}`,
      '--impl',
      `${process.execPath} ${adapterJs}`,
      '--runs',
      '100',
      '--pass-env',
      'HOME',
      '--expectations',
      phpMissing === undefined ? expectations : expectationsWithoutPhp(),
    ],
    { reject: false, env: { CI: 'false', NO_COLOR: '1' } },
  );
}, 300_000);

describe('the real SDKs', () => {
  test('diverge exactly as recorded, on every runtime, and nowhere else', async () => {
    const run = await combinedRun;
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const summary = run.stdout.split('\n').find((line) => line.startsWith('OK: ')) ?? '';
    // Divergences are expected failures, not passes; unsupported routes are coverage gaps.
    expect(summary).toMatch(/ [1-9]\d* xfail, 0 xpass, [1-9]\d* unrepresentable/);
    // Each column is named by its adapter's hello, never by the order of the --impl flags.
    for (const runtime of ['node', 'deno', 'bun']) {
      expect(run.stdout).toMatch(
        new RegExp(`plugnmeet-sdk-js/${runtime} +plugnmeet-sdk-js 1\\.4\\.1`),
      );
    }
    expect(run.stdout).toMatch(/plugnmeet-sdk\/python +plugnmeet-sdk 1\.0\.2/);
    expect(run.stderr).not.toContain('impl-N keys');
  });

  test('include the PHP SDK (Composer), judged in that same run', async (ctx) => {
    requireSubject(ctx, phpMissing);
    const { stdout } = await combinedRun;
    expect(stdout).toMatch(/plugnmeet-sdk\/php +plugnmeet-sdk 2\.2\.5/);
  });
});
