/**
 * The clone path: after the README's own commands (`npm test` and `npm run conformance`
 * bootstrap pnpm, the dependencies and, as root with apt, every toolchain), every column the
 * README promises is available; and under CI=true a column that is not fails the run
 * instead of being skipped in silence.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';

const cli = fileURLToPath(new URL('../../conformance/dist/cli/bin.js', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
// The bootstrap installs toolchains only where it can: as root, with apt.
const canInstall = process.getuid?.() === 0 && Boolean(await which('apt-get'));

async function which(command: string): Promise<string | undefined> {
  const found = await execa('sh', ['-c', `command -v ${command}`], { reject: false });
  return found.exitCode === 0 ? found.stdout.trim() : undefined;
}

describe('a clean clone after the README’s commands', () => {
  test('has every column available, the Deno and Bun ones included', async (ctx) => {
    requireSubject(
      ctx,
      canInstall ? undefined : 'not root with apt-get: the bootstrap installs no toolchain here',
    );
    const run = await execa(process.execPath, [cli, '--list'], { cwd: root, reject: false });
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    const unavailable = lines.filter((line) => line.split('\t')[2]?.startsWith('unavailable'));
    expect(unavailable).toEqual([]);
    for (const runtime of ['deno', 'bun']) {
      expect(lines.some((l) => l.startsWith(`typescript-node-crypto/${runtime}\t`))).toBe(true);
    }
  });

  test('under CI=true an unavailable column fails the run and is named', async () => {
    // An empty PATH: python3 cannot be found, so the Python snippet's column is unavailable.
    const emptyPath = mkdtempSync(join(tmpdir(), 'pnm-no-tools-'));
    const run = await execa(process.execPath, [cli, '--only', 'python', '--runs', '0', '--quiet'], {
      cwd: root,
      env: { PATH: emptyPath, CI: 'true', HOME: process.env.HOME ?? '/' },
      extendEnv: false,
      reject: false,
    }).finally(() => rmSync(emptyPath, { recursive: true, force: true }));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/unavailable/);
    expect(run.stdout).toMatch(/python3 is not on PATH/);
    expect(run.stdout).toMatch(/^INCOMPLETE: /m);
  });

  test('outside CI an unavailable column exits 0 but says INCOMPLETE, never OK, with the install line', async () => {
    // Node only: the CryptoJS snippet runs and agrees, the Python snippet cannot run.
    const emptyPath = mkdtempSync(join(tmpdir(), 'pnm-no-tools-'));
    symlinkSync(process.execPath, join(emptyPath, 'node'));
    const only = ['--only', 'python,nodejs-cryptojs'];
    const run = await execa(process.execPath, [cli, ...only, '--runs', '0', '--quiet'], {
      cwd: root,
      env: { PATH: emptyPath, CI: 'false', HOME: process.env.HOME ?? '/' },
      extendEnv: false,
      reject: false,
    }).finally(() => rmSync(emptyPath, { recursive: true, force: true }));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).not.toMatch(/^OK/m);
    expect(run.stdout).toMatch(
      /^INCOMPLETE: 2 of 3 columns unavailable, not judged; install: apt-get install python3$/m,
    );
  });
});
