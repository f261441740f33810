#!/usr/bin/env node
// `pnpm bench` in packages/conformance, protocol v2 part. Not a test: it prints figures and
// asserts nothing.
//
// 1. One SDK's whole verdict (every vector, every route × scenario, every webhook case, the
//    property search at its default size), wall time of the CLI, for the Python example and
//    this project's client (target ≤ 3 s on a 2-core machine).
// 2. The call and webhook phase alone, measured apart: the same cases with a bare
//    in-process client (one fetch per call, node:crypto HMAC, no SDK, no process) is the
//    emulator's and the judge's share; each SDK's time over it is the SDK's share. The bare
//    client runs in the emulator's own event loop, so this baseline is an upper bound.
//
// BENCH_REPEAT=N repeats each measurement (default 3) and reports the median.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { outsideColumn } from '../dist/implementations/outside.js';
import { runSdkCases } from '../dist/sdk/run-sdk-cases.js';
import { parseExactJson } from '../dist/values/exact-json.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const cli = here('../dist/cli/bin.js');
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
  encoding: 'utf8',
}).trim();
const implementations = [
  ['Python example', `${python} ${here('../../../examples/python/plugnmeet_signer.py')}`],
  [
    'this project’s client',
    `${process.execPath} ${here('../../../examples/client-js/adapter.mjs')}`,
  ],
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
async function timed(run) {
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The bare client: what a call costs with no SDK at all. */
const bare = {
  async call({ server, endpoint, request, timeoutMs }) {
    const body = JSON.stringify(request);
    const signature = createHmac('sha256', server.secret).update(body).digest('hex');
    try {
      const response = await fetch(`${server.url}/auth/${endpoint}`, {
        method: 'POST',
        headers: {
          'API-KEY': server.apiKey,
          'HASH-SIGNATURE': signature,
          'content-type': 'application/json',
        },
        body,
        // The timeout the runner hands, as an SDK applies it (the timeout scenario's).
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      return { kind: 'result', result: parseExactJson(text) };
    } catch (error) {
      const kind = error?.name === 'TimeoutError' ? 'timeout' : 'network';
      return {
        kind: 'failure',
        failure: { kind, httpStatus: null, statusCode: null, message: String(error) },
      };
    }
  },
  async webhook({ body }) {
    return {
      kind: 'verdict',
      valid: true,
      event: parseExactJson(Buffer.from(body).toString('utf8')),
    };
  },
};

console.log(
  `machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
);
console.log(`median of ${repeat}\n\n# one SDK's whole verdict (CLI, default --runs)`);
for (const [name, command] of implementations) {
  const wall = await timed(() => {
    try {
      execFileSync(process.execPath, [cli, '--impl', command, '--quiet'], { stdio: 'ignore' });
    } catch {}
  });
  console.log(`${name}: ${seconds(wall)} wall (target ≤ 3 s)`);
}

console.log('\n# the call and webhook phase alone');
const capabilities = ['call', 'webhook'];
const baseline = await timed(() => runSdkCases(bare, capabilities, { seed: 1 }));
console.log(`emulator + judge (bare in-process client): ${seconds(baseline)}`);
for (const [name, command] of implementations) {
  const column = await outsideColumn(command);
  const session = await column.open('worker');
  const phase = await timed(() => runSdkCases(session, capabilities, { seed: 1 }));
  await session.close();
  // The bare client shares the emulator's event loop; an SDK in its own process runs on the
  // other core, so it can come in under the baseline: then its share is lost in the noise.
  const share =
    phase > baseline ? `the SDK's share ≈ ${seconds(phase - baseline)}` : 'within the baseline';
  console.log(
    `${name}: ${seconds(phase)}, ${(phase / baseline).toFixed(2)}× the baseline (${share})`,
  );
}
