#!/usr/bin/env node
// `npm test`: bootstrap, then every package's build, typecheck, lint and tests through
// turbo, then one plain closing line `N passed, N failed` summed from every vitest JSON
// report (vitest's own summary is per package and per runtime).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap, pnpmBin } from './bootstrap.mjs';
import { findReports, summarize } from './test-summary.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
for (const report of findReports(root)) rmSync(report);

bootstrap();
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const lint = spawnSync(pnpmBin, ['exec', 'biome', 'check', '.'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
const turbo = spawnSync(
  pnpmBin,
  [
    'turbo',
    'run',
    'typecheck',
    'lint',
    'test',
    '--concurrency=1',
    '--continue',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env },
);
const { passed, failed, skipped } = summarize(root);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
const ok = lint.status === 0 && turbo.status === 0 && failed === 0 && passed > 0;
if (!ok && lint.status !== 0) console.error('biome check failed');
process.exit(ok ? 0 : 1);
