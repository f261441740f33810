#!/usr/bin/env node
// `pnpm bench`: signSync and sign against raw node:crypto createHmac, raw crypto.subtle and
// `openssl speed -hmac sha256`, all measured in the same run, on 64 B, 1 KiB and 1 MiB
// bodies given as a string (JSON text, the usual case) and as bytes.
//
// Method: every candidate of one size, and one `openssl speed` run, take part in every
// round, in rotating order, so load on a shared machine hits them alike; one warm-up round
// is discarded, then ROUNDS rounds of ~ROUND_MS each (openssl: OPENSSL_SECONDS). Reported:
// the median time per operation, and ratios as medians of per-round ratios. Async
// candidates are awaited one at a time (per-request latency, not throughput under load).
//
// Clock: CPU time by default (process.cpuUsage, all threads; openssl speed's own default
// divisor), which stays meaningful on a shared, loaded machine; BENCH_CLOCK=wall for wall
// clock (openssl -elapsed), the per-request latency when the machine is otherwise idle.
//
// Options (environment): BENCH_CLOCK (cpu|wall), BENCH_ROUNDS (default 9), BENCH_ROUND_MS (default 100),
// BENCH_OPENSSL_SECONDS (default 1, per round), BENCH_JSON=path to also write the figures as JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

let signer;
try {
  signer = {
    ...(await import('../dist/index.js')),
    ...(await import('../dist/node.js')),
  };
} catch {
  console.error('dist/ is missing: run `pnpm build` (or `pnpm turbo run bench`) first.');
  process.exit(1);
}
const { sign, signSync, createSigner } = signer;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 100);
const OPENSSL_SECONDS = Number(process.env.BENCH_OPENSSL_SECONDS ?? 1);
const CLOCK = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'cpu';
const SECRET = 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';
const SECRET_BYTES = new TextEncoder().encode(SECRET);
const subtle = globalThis.crypto?.subtle ?? webcrypto.subtle;
const HMAC = { name: 'HMAC', hash: 'SHA-256' };
const now = () => process.hrtime.bigint();

/** A JSON-looking ASCII body of exactly `size` bytes. */
function jsonBody(size) {
  const head = '{"room_id":"room01","metadata":"';
  const tail = '"}';
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const inner = filler
    .repeat(Math.ceil(size / filler.length))
    .slice(0, size - head.length - tail.length);
  const body = head + inner + tail;
  if (body.length !== size) throw new Error(`body of ${body.length} bytes, wanted ${size}`);
  return body;
}

const toHex = (buffer) => Buffer.from(buffer).toString('hex');

/** The candidates for one body. `base` names the row a ratio is taken against. */
async function candidates(kind, body) {
  const onceKey = await subtle.importKey('raw', SECRET_BYTES, HMAC, false, ['sign']);
  const bound = await createSigner(SECRET);
  const data = () => (typeof body === 'string' ? new TextEncoder().encode(body) : body);
  const list = [
    {
      name: 'createHmac (raw)',
      sync: true,
      run: () => createHmac('sha256', SECRET).update(body).digest('hex'),
    },
    { name: 'signSync', sync: true, base: 'createHmac (raw)', run: () => signSync(body, SECRET) },
    {
      // What `sign` does by hand: encode, import the key, sign, hex.
      name: 'subtle, key per call (raw)',
      run: async () => {
        const key = await subtle.importKey('raw', new TextEncoder().encode(SECRET), HMAC, false, [
          'sign',
        ]);
        return toHex(await subtle.sign('HMAC', key, data()));
      },
    },
    { name: 'sign', base: 'subtle, key per call (raw)', run: () => sign(body, SECRET) },
    {
      name: 'subtle, key once (raw)',
      run: async () => toHex(await subtle.sign('HMAC', onceKey, data())),
    },
    { name: 'createSigner().sign', base: 'subtle, key once (raw)', run: () => bound.sign(body) },
  ];
  for (const candidate of list) {
    candidate.kind = kind;
    candidate.key = `${kind}/${candidate.name}`;
    if (candidate.base) candidate.base = `${kind}/${candidate.base}`;
  }
  return list;
}

/** Ops per batch so one batch takes about ROUND_MS. */
async function calibrate(candidate) {
  let ops = 1;
  for (;;) {
    const start = now();
    for (let i = 0; i < ops; i++) candidate.sync ? candidate.run() : await candidate.run();
    const ms = Number(now() - start) / 1e6;
    if (ms >= ROUND_MS / 4 || ops >= 1 << 24)
      return Math.max(1, Math.round((ops * ROUND_MS) / Math.max(ms, 0.001)));
    ops *= ms < 1 ? 16 : 4;
  }
}

/** ns per op over one batch, by the chosen clock. */
async function batch(candidate, ops) {
  const cpuStart = process.cpuUsage();
  const start = now();
  if (candidate.sync) {
    for (let i = 0; i < ops; i++) candidate.run();
  } else {
    for (let i = 0; i < ops; i++) await candidate.run();
  }
  if (CLOCK === 'wall') return Number(now() - start) / ops;
  const cpu = process.cpuUsage(cpuStart); // µs, every thread of the process
  return ((cpu.user + cpu.system) * 1e3) / ops;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** `openssl speed -hmac sha256` once for one size, wall clock; ns per op, or null. */
function opensslRound(size) {
  const result = spawnSync(
    'openssl',
    [
      'speed',
      ...(CLOCK === 'wall' ? ['-elapsed'] : []), // otherwise openssl divides by CPU time
      '-mr',
      '-seconds',
      String(OPENSSL_SECONDS),
      '-bytes',
      String(size),
      '-hmac',
      'sha256',
    ],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) return null;
  // -mr prints `+R:<count>:hmac(sha256):<seconds>` on stderr (and `+F:…:<bytes/s>` on
  // stdout); the count and the seconds give the time per operation.
  const match = `${result.stderr}\n${result.stdout}`.match(/^\+R:(\d+):[^:\n]+:([\d.]+)$/m);
  return match ? (Number(match[2]) * 1e9) / Number(match[1]) : null;
}

const OPENSSL = 'openssl speed -hmac sha256';

/**
 * Every candidate for one size (string and bytes bodies) plus one `openssl speed` run per
 * round, all in the same rounds in rotating order, so load on a shared machine hits them
 * alike; ratios are medians of per-round ratios.
 */
async function measure(size) {
  const text = jsonBody(size);
  const list = [
    ...(await candidates('string', text)),
    ...(await candidates('bytes', new TextEncoder().encode(text))),
  ];
  const expected = createHmac('sha256', SECRET).update(text).digest('hex');
  for (const candidate of list) {
    const got = await candidate.run();
    if (got !== expected) throw new Error(`${candidate.key} gave ${got}, expected ${expected}`);
  }
  for (const candidate of list) candidate.ops = await calibrate(candidate);
  const withOpenssl =
    opensslRound(size) === null ? list : [...list, { key: OPENSSL, external: true }];
  const samples = new Map(withOpenssl.map((candidate) => [candidate.key, []]));
  for (let round = 0; round <= ROUNDS; round++) {
    const order = withOpenssl.map((_, i) => withOpenssl[(i + round) % withOpenssl.length]);
    for (const candidate of order) {
      const ns = candidate.external ? opensslRound(size) : await batch(candidate, candidate.ops);
      if (round > 0) samples.get(candidate.key).push(ns ?? Number.NaN); // round 0: warm-up
    }
  }
  const ref = samples.get(OPENSSL);
  const summary = (all) => ({
    nsPerOp: median(all),
    spread: (Math.max(...all) - Math.min(...all)) / median(all),
  });
  const rows = list.map((candidate) => {
    const all = samples.get(candidate.key);
    const base = candidate.base ? samples.get(candidate.base) : undefined;
    return {
      kind: candidate.kind,
      name: candidate.name,
      ...summary(all),
      ratioTo: candidate.base?.split('/')[1],
      // Time against the raw baseline of the same path, 1.05 = 5 % slower.
      ratio: base ? median(all.map((ns, round) => ns / base[round])) : undefined,
      // Throughput as a fraction of openssl's in the same round, 0.95 = 95 %.
      vsOpenssl: ref ? median(all.map((ns, round) => ref[round] / ns)) : undefined,
    };
  });
  if (ref) rows.push({ kind: 'bytes', name: OPENSSL, ...summary(ref), vsOpenssl: 1 });
  return rows;
}

function opensslVersion() {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not found';
  }
}

const SIZES = [
  ['64 B', 64],
  ['1 KiB', 1024],
  ['1 MiB', 1024 * 1024],
];

const fmt = (value, digits) =>
  value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);

const cpu = cpus();
console.log(
  `node ${process.versions.node} (OpenSSL ${process.versions.openssl}), ${opensslVersion()}, ` +
    `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${process.platform}/${process.arch}`,
);
console.log(
  `${CLOCK} clock; ${ROUNDS} rounds of ~${ROUND_MS} ms (openssl: ${OPENSSL_SECONDS} s) after one warm-up round; ` +
    `medians. Load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
);

const report = [];
const header = [
  'size',
  'body',
  'candidate',
  'ops/s',
  'µs/op',
  'MB/s',
  'ratio',
  'vs openssl',
  'spread',
];
const rows = [];
for (const [label, size] of SIZES) {
  for (const result of await measure(size)) {
    const row = {
      size: label,
      bytes: size,
      body: result.kind,
      candidate: result.name,
      opsPerSec: 1e9 / result.nsPerOp,
      usPerOp: result.nsPerOp / 1e3,
      mbPerSec: (size / result.nsPerOp) * 1e3, // bytes/ns → MB/s (10^6 bytes)
      ratio: result.ratio,
      ratioTo: result.ratioTo,
      vsOpenssl: result.vsOpenssl,
      spread: result.spread,
    };
    report.push(row);
    rows.push(row);
  }
}

const table = [
  header,
  ...rows.map((row) => [
    row.size,
    row.body,
    row.candidate,
    fmt(row.opsPerSec, 0),
    fmt(row.usPerOp, 2),
    fmt(row.mbPerSec, 1),
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    row.vsOpenssl === undefined ? '' : row.vsOpenssl.toFixed(row.vsOpenssl < 0.1 ? 4 : 2),
    `±${(row.spread * 50).toFixed(0)}%`,
  ]),
];
const widths = header.map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
const numeric = new Set([3, 4, 5, 6, 7, 8]);
for (const [index, cells] of table.entries()) {
  console.log(
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  '),
  );
  if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(
  '\nratio: time per op against the raw baseline of the same path (signSync ÷ createHmac,',
);
console.log('sign ÷ subtle with a key per call, createSigner().sign ÷ subtle with the key once).');
console.log(
  "vs openssl: throughput as a fraction of openssl's. spread: half the min–max range over rounds.",
);

console.log(
  `Load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

const find = (size, body, candidate) =>
  report.find((row) => row.size === size && row.body === body && row.candidate === candidate);
const targets = [
  [
    'signSync on 1 KiB string ≤ 1.1× createHmac',
    find('1 KiB', 'string', 'signSync')?.ratio,
    (v) => v <= 1.1,
    'x',
  ],
  [
    'signSync on 1 KiB bytes ≤ 1.1× createHmac',
    find('1 KiB', 'bytes', 'signSync')?.ratio,
    (v) => v <= 1.1,
    'x',
  ],
  [
    'signSync on 1 MiB bytes ≥ 0.9× openssl',
    find('1 MiB', 'bytes', 'signSync')?.vsOpenssl,
    (v) => v >= 0.9,
    '',
  ],
  [
    'signSync on 1 MiB string ≥ 0.9× openssl',
    find('1 MiB', 'string', 'signSync')?.vsOpenssl,
    (v) => v >= 0.9,
    '',
  ],
];
console.log('\ntargets:');
for (const [name, value, ok, unit] of targets) {
  if (value === undefined) console.log(`  ${name}: not measured (no openssl?)`);
  else console.log(`  ${ok(value) ? 'met    ' : 'MISSED '} ${name}: ${value.toFixed(3)}${unit}`);
}
if (process.env.BENCH_JSON)
  writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(report, null, 2)}\n`);
