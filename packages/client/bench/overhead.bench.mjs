#!/usr/bin/env node
// Per-request overhead of the client against a bare fetch with manual signing (node:crypto
// HMAC, JSON.stringify, fetch, res.json()), both calling the same loopback test server in
// the same run. Rounds alternate so drift (JIT, GC, CPU frequency) hits both sides alike.
// The ratio reported is the median of per-round ratios: each round times both sides back to
// back, so load from other processes on a shared machine mostly cancels out.
// Usage: pnpm bench [-- --rounds 40 --requests 100]
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PlugNmeet } from '@plugnmeet-signing/client';
import { startTestServer } from '@plugnmeet-signing/test-server';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '40' },
    requests: { type: 'string', default: '100' },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values.requests);

const server = await startTestServer({ commaSpace: 'never', unknownFields: false });
const client = new PlugNmeet({
  serverUrl: server.url,
  apiKey: server.apiKey,
  apiSecret: server.secret,
});
const url = `${server.url}/auth/room/isRoomActive`;
const request = { room_id: 'bench-room' };

async function bare() {
  const body = JSON.stringify(request);
  const signature = createHmac('sha256', server.secret).update(body).digest('hex');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'API-KEY': server.apiKey,
      'HASH-SIGNATURE': signature,
      'Content-Type': 'application/json',
    },
    body,
  });
  const json = await response.json();
  if (typeof json.status !== 'boolean') throw new Error('unexpected response');
}

async function viaClient() {
  await client.isRoomActive(request);
}

async function time(fn) {
  server.clear(); // the server records every request; keep memory flat
  const start = process.hrtime.bigint();
  for (let i = 0; i < perRound; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e3 / perRound; // µs per request
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// Warm-up: JIT, keep-alive connections, the client's imported HMAC key.
await time(bare);
await time(viaClient);

const bareTimes = [];
const clientTimes = [];
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    bareTimes.push(await time(bare));
    clientTimes.push(await time(viaClient));
  } else {
    clientTimes.push(await time(viaClient));
    bareTimes.push(await time(bare));
  }
}
await server.close();

const bareMedian = median(bareTimes);
const clientMedian = median(clientTimes);
const ratios = clientTimes.map((c, i) => c / bareTimes[i]);
const ratio = median(ratios);
console.log(`node ${process.version}, ${rounds} rounds × ${perRound} sequential requests per side`);
console.log(`bare fetch + manual signing : ${bareMedian.toFixed(1)} µs/request (median of rounds)`);
console.log(
  `PlugNmeet client            : ${clientMedian.toFixed(1)} µs/request (median of rounds)`,
);
console.log(
  `overhead ratio              : ${ratio.toFixed(3)}× (median of per-round ratios; target ≤ 1.2×) ${ratio <= 1.2 ? 'OK' : 'OVER TARGET'}`,
);
const sorted = [...ratios].sort((a, b) => a - b);
const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
console.log(`per-round ratio quartiles   : ${q(0.25)} / ${q(0.5)} / ${q(0.75)}`);
