/**
 * The example implementations under examples/ are what SDK authors copy: each must pass
 * the whole suite (every vector, verify side included, and the property search) through
 * the built CLI, exactly as an SDK's release gate would run it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import type { Report } from '../src/reports/report.js';
import { cli, emptyExpectations } from './helpers.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pnm-examples-'));
const noExpectations = emptyExpectations(work);
const RUNS = 300;

function which(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** How to start each example, or why it cannot be started here. */
const launchers: Record<string, () => { command: string } | { missing: string }> = {
  // python3 is often a slow pyenv shim: resolve the interpreter once.
  python: () => {
    const python = which('python3', ['-c', 'import sys; print(sys.executable)']);
    return python
      ? { command: `${python} ${join(examples, 'python', 'plugnmeet_signer.py')}` }
      : { missing: 'python3' };
  },
  // Built once into a temp dir, as the example's header recommends: `go run` would compile on every start.
  go: () => {
    if (which('go', ['version']) === undefined) return { missing: 'go (golang-go)' };
    const binary = join(work, 'plugnmeet-signer-go');
    execFileSync('go', ['build', '-o', binary, '.'], {
      cwd: join(examples, 'go'),
      stdio: 'inherit',
    });
    return { command: binary };
  },
  php: () =>
    which('php', ['--version']) === undefined
      ? { missing: 'php (php-cli)' }
      : { command: `php ${join(examples, 'php', 'plugnmeet_signer.php')}` },
};

describe('examples/ pass the whole suite through pnm-conformance --impl', () => {
  for (const [language, launch] of Object.entries(launchers)) {
    const launcher = launch();
    const missing = 'missing' in launcher ? launcher.missing : undefined;
    if (missing !== undefined) {
      // Under CI every toolchain is required; elsewhere say what was skipped and why.
      if (process.env.CI !== 'true')
        console.warn(`examples.test: skipping ${language}: ${missing} is not installed`);
    }
    test.skipIf(missing !== undefined && process.env.CI !== 'true')(
      `${language}${missing ? ` (${missing} missing)` : ''}`,
      async () => {
        expect(missing, `${missing} is required under CI`).toBeUndefined();
        const command = (launcher as { command: string }).command;
        const out = join(work, `${language}.json`);
        const result = await execa(
          process.execPath,
          [
            cli,
            '--impl',
            command,
            '--runs',
            String(RUNS),
            '--quiet',
            '--expectations',
            noExpectations,
            '--report',
            `json=${out}`,
          ],
          { reject: false, env: { CI: 'false', NO_COLOR: '1' } },
        );
        expect(result.exitCode, result.stdout + result.stderr).toBe(0);
        const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
        expect(report.columns.map((c) => [c.id, c.implementationLabel])).toEqual([
          [`${language}-example/${language}`, `${language}-example 1.0.0`],
        ]);
        // Every vector file ran, the verify side included (each example declares verify).
        // Protocol v2 examples add the calls and webhooks groups to the vector files'.
        const vectorGroups = report.results.filter(
          (r) => r.group !== 'calls' && r.group !== 'webhooks',
        );
        expect(new Set(vectorGroups.map((r) => r.group))).toEqual(
          new Set(report.vectorFiles.map((f) => f.name)),
        );
        const vectors = report.vectorFiles.reduce((sum, f) => sum + f.vectors, 0);
        expect(vectorGroups).toHaveLength(vectors);
        expect(report.results.filter((r) => r.outcome !== 'pass')).toEqual([]);
        expect(report.properties[0]).toMatchObject({ runs: RUNS, findings: 0 });
        expect(report.summary.ok).toBe(true);
      },
    );
  }
});
