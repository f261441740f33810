#!/usr/bin/env node
// Runs one package's vitest suite with a JSON report beside it, and again under Deno and
// Bun when the package lists them in `"pnm": { "testRuntimes": [...] }` in its package.json.
// Each runtime writes its own report (vitest-report[-deno|-bun].json) for the summary line.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(root, 'package.json'));
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const runtimes = manifest.pnm?.testRuntimes ?? ['node'];

const launchers = {
  node: [process.execPath, [vitest]],
  deno: [bin('deno'), ['run', '-A', vitest]],
  bun: [bin('bun'), ['--bun', vitest]],
};

let failed = false;
for (const runtime of runtimes) {
  const [command, prefix] = launchers[runtime];
  const report = runtime === 'node' ? 'vitest-report.json' : `vitest-report-${runtime}.json`;
  process.stderr.write(`\n[run-vitest] ${manifest.name} on ${runtime}\n`);
  const result = spawnSync(
    command,
    [
      ...prefix,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, PNM_TEST_RUNTIME: runtime } },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
