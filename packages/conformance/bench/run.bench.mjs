#!/usr/bin/env node
// `pnpm bench` in packages/conformance. Not a test: it prints figures and asserts nothing.
//
// 1. The full default run (every vector, every column, 1,000 property cases each), wall
//    time, after one warm-up run that compiles Go and Java and fills the caches; then, in
//    the same process, its physical bound: the shell snippets' own pipelines run bare in a
//    plain shell loop over the same cases, both cores busy (bench/shell-bound.mjs), and the
//    ratio of the two. The shell-based columns are nearly all of a full run.
// 2. Worker mode against per-case spawning on the SAME cases, per language, as a ratio
//    measured in this run.
//
// BENCH_CASES=N changes the number of cases of part 2 (default 1000); BENCH_SKIP_FULL=1
// skips part 1, BENCH_SKIP_WORKERS=1 part 2, BENCH_SKIP_WARMUP=1 the warm-up (caches already
// filled); BENCH_REPORT=PATH keeps the full run's JSON report; BENCH_SKIP_RUN=1 measures the
// bound alone, BENCH_SKIP_BOUND=1 the run alone. Wall time and CPU time (of the children, from /proc: robust to other load).
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { builtInColumns } from '../dist/columns.js';
import { generatedCase } from '../dist/properties/arbitraries.js';
import { childCpuSeconds } from './child-cpu.mjs';
import { measureShellBound } from './shell-bound.mjs';

const cli = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const cases = Number(process.env.BENCH_CASES ?? 1000);

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

console.log(
  `machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
);

if (process.env.BENCH_SKIP_FULL !== '1') {
  const run = (args) => {
    const started = performance.now();
    try {
      execFileSync(process.execPath, [cli, '--quiet', ...args], { stdio: 'ignore' });
    } catch {
      // A divergence exits 1; the timing is still the timing.
    }
    return performance.now() - started;
  };
  console.log('\n# full default run');
  if (process.env.BENCH_SKIP_WARMUP !== '1')
    console.log(`warm-up (--runs 0): ${seconds(run(['--runs', '0']))}`);
  const cpuBefore = childCpuSeconds();
  const full =
    process.env.BENCH_SKIP_RUN === '1'
      ? undefined
      : run(process.env.BENCH_REPORT ? ['--report', `json=${process.env.BENCH_REPORT}`] : []);
  const fullCpu = childCpuSeconds() - cpuBefore;
  if (full !== undefined)
    console.log(
      `full run (all vectors, every column, 1000 property cases each): ${seconds(full)} wall, ${fullCpu.toFixed(1)} s CPU`,
    );
  if (process.env.BENCH_SKIP_BOUND === '1') process.exit(0);
  const bound = await measureShellBound(1000);
  const cpu = (s) => (Number.isNaN(s) ? '' : `, ${s.toFixed(1)} s CPU`);
  console.log(
    `physical bound (shell pipelines bare, ${bound.cases} cases per loop, 2 loops at a time): ` +
      `${seconds(bound.after)} wall${cpu(bound.afterCpu)} (each case run once for both levels); ` +
      `${seconds(bound.before)} wall${cpu(bound.beforeCpu)} when each level runs it`,
  );
  if (full !== undefined) {
    console.log(`full run / bound: ${(full / bound.after).toFixed(2)}× wall (target ≤ 1.2×)`);
    console.log(`full run / bound: ${(fullCpu / bound.afterCpu).toFixed(2)}× CPU`);
  }
}

if (process.env.BENCH_SKIP_WORKERS === '1') process.exit(0);

console.log(`\n# worker vs per-case, the same ${cases} cases`);
const picks = [
  'java/jdk17-utf8',
  'ruby/utf8',
  'python/utf8',
  'nodejs-cryptojs/node',
  'php/utf8',
  'go/go',
  'shell/bash',
];
const columns = (await builtInColumns()).filter((c) => picks.includes(c.id));
const sample = fc
  .sample(generatedCase, { seed: 424242, numRuns: cases })
  .map((c, i) => ({ id: `b${i}`, ...c }));

async function time(column, mode) {
  const session = await column.open(mode);
  const started = performance.now();
  for (const input of sample) await session.sign(input);
  const elapsed = performance.now() - started;
  await session.close();
  return elapsed;
}

console.log('column                  worker      per-case     ratio');
for (const column of columns) {
  const availability = await column.probe();
  if (!availability.available) {
    console.log(`${column.id.padEnd(22)}  unavailable: ${availability.reason}`);
    continue;
  }
  const worker = await time(column, 'worker');
  const perCase = await time(column, 'per-case');
  console.log(
    `${column.id.padEnd(22)}  ${seconds(worker).padStart(8)}  ${seconds(perCase).padStart(10)}  ${(perCase / worker).toFixed(0).padStart(6)}×`,
  );
}
