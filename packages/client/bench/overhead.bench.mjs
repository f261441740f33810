#!/usr/bin/env node
// Per-request overhead of the client against a bare fetch with manual signing (node:crypto
// HMAC, JSON.stringify, fetch, res.json()), both calling the same loopback test server in
// the same run. Rounds alternate so drift (JIT, GC, CPU frequency) hits both sides alike.
// Each ratio reported is the median of per-round ratios: each round times both sides back to
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

// Wall-clock time per request, and CPU time per request of this process (client and server
// both run here, so the server's share is the same on both sides). On a loaded machine the
// CPU figure is the steadier one: waiting for a core does not count.
async function time(fn) {
  server.clear(); // the server records every request; keep memory flat
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < perRound; i++) await fn();
  const wall = Number(process.hrtime.bigint() - start) / 1e3 / perRound;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / perRound }; // µs per request
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

const report = (metric) => {
  const b = median(bareTimes.map((t) => t[metric]));
  const c = median(clientTimes.map((t) => t[metric]));
  const ratios = clientTimes.map((t, i) => t[metric] / bareTimes[i][metric]).sort((x, y) => x - y);
  const q = (p) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))];
  return { bare: b, client: c, ratio: q(0.5), q1: q(0.25), q3: q(0.75) };
};
const wall = report('wall');
const cpu = report('cpu');
const row = (name, r) =>
  `${name.padEnd(10)} bare ${r.bare.toFixed(1).padStart(8)} µs   client ${r.client.toFixed(1).padStart(8)} µs   ratio ${r.ratio.toFixed(3)}× (quartiles ${r.q1.toFixed(3)}–${r.q3.toFixed(3)})`;
console.log(
  `node ${process.version}, ${rounds} rounds × ${perRound} sequential requests per side, isRoomActive on the loopback test server`,
);
console.log(row('wall', wall));
console.log(row('cpu', cpu));
console.log(
  `target ≤ 1.2×: wall ${wall.ratio <= 1.2 ? 'OK' : 'OVER'}, cpu ${cpu.ratio <= 1.2 ? 'OK' : 'OVER'}`,
);
