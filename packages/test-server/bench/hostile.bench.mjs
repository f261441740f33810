#!/usr/bin/env node
// Peak memory of the pnm-test-server process under the hostile inputs of issue 18 (items
// 1-4), read from /proc/<pid>/status (VmHWM) of the bin itself, and how long its stop takes.
// Linux only. Usage: node bench/hostile.bench.mjs [path/to/bin/pnm-test-server.js] [case words]
// (case words: only the cases whose name contains them, e.g. "" "50 MiB body" for this bin)
// (default: this package's bin; pass another checkout's bin to compare). A watchdog kills a
// server past 4 GB resident, so an unbounded build is measured without taking the machine.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { constants, createBrotliCompress, gzipSync } from 'node:zlib';

const bin = process.argv[2] || fileURLToPath(new URL('../bin/pnm-test-server.js', import.meta.url));
const KEY = 'bench-key';
const SECRET = 'bench-secret-0123456789abcdefghijklmnop';
const MIB = 1 << 20;
const WATCHDOG_BYTES = 4e9;
const STOP_WAIT_MS = 20_000;

const sign = (body) => createHmac('sha256', SECRET).update(body).digest('hex');
const statusField = (pid, name) =>
  Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) *
  1024;
const mb = (bytes) => `${Math.round(bytes / 1e6)} MB`;

function start(args, { pause = false } = {}) {
  const child = spawn(bin, ['--port', '0', '--api-key', KEY, '--secret', SECRET, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let peak = 0;
  const watchdog = setInterval(() => {
    try {
      peak = Math.max(peak, statusField(child.pid, 'VmHWM'));
      if (statusField(child.pid, 'VmRSS') > WATCHDOG_BYTES) child.kill('SIGKILL');
    } catch {}
  }, 100);
  return new Promise((resolve) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk;
      const url = /"url":"([^"]+)"/.exec(seen)?.[1];
      if (!url) return;
      child.stdout.off('data', onData);
      if (pause) child.stdout.pause();
      else child.stdout.resume();
      resolve({
        child,
        url,
        peak: () => {
          try {
            peak = Math.max(peak, statusField(child.pid, 'VmHWM'));
          } catch {}
          return peak;
        },
        async stop() {
          clearInterval(watchdog);
          const began = Date.now();
          child.kill('SIGTERM');
          child.stdout.resume();
          const code = await Promise.race([
            new Promise((done) => child.on('exit', (c, s) => done(c ?? s))),
            new Promise((done) => setTimeout(() => done('still running'), STOP_WAIT_MS)),
          ]);
          child.kill('SIGKILL');
          return code === 'still running'
            ? `not stopped after ${STOP_WAIT_MS / 1000} s`
            : `exit ${code} in ${((Date.now() - began) / 1000).toFixed(1)} s`;
        },
      });
    };
    child.stdout.on('data', onData);
  });
}

const post = (url, body, headers) =>
  fetch(url, { method: 'POST', body, headers })
    .then(async (r) => `${r.status} ${(await r.text()).slice(0, 60)}`)
    .catch((error) => `failed: ${error.cause?.code ?? error.message}`);
/** The answer of `send()` and the seconds it took (a figure to read, not a bound). */
const timed = async (send) => {
  const began = performance.now();
  const answer = await send();
  return `${answer.slice(0, 3)} in ${((performance.now() - began) / 1000).toFixed(1)} s`;
};
const signed = (body, extra = {}) => ({ 'API-KEY': KEY, 'HASH-SIGNATURE': sign(body), ...extra });

async function brotliBomb() {
  const stream = createBrotliCompress({
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  const chunks = [];
  stream.on('data', (chunk) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  const zeros = Buffer.alloc(MIB);
  for (let i = 0; i < 1024; i++) {
    if (!stream.write(zeros)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await ended;
  return Buffer.concat(chunks);
}

async function receivers() {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server = createServer((request, response) => {
    if (request.url === '/never') return;
    response.writeHead(200);
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', pump);
    };
    pump();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => server.closeAllConnections() || server.close() };
}

const room = '{"room_id":"bench","metadata":{"room_title":"T","room_features":{}}}';
const cases = {
  async 'gzip bomb, 1 GiB in 1 MB'(run) {
    const member = gzipSync(Buffer.alloc(MIB), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 1024 }, () => member));
    return post(
      `${run.url}/auth/room/isRoomActive`,
      bomb,
      signed('{}', { 'Content-Encoding': 'gzip' }),
    );
  },
  async 'brotli bomb, 1 GiB in < 1 KB'(run) {
    const bomb = await brotliBomb();
    return post(
      `${run.url}/auth/room/isRoomActive`,
      bomb,
      signed('{}', { 'Content-Encoding': 'br' }),
    );
  },
  async 'webhook receiver streaming an endless answer (6 s)'(run) {
    const answer = await post(`${run.url}/auth/room/create`, room, signed(room));
    await new Promise((resolve) => setTimeout(resolve, 6000));
    return answer;
  },
  async 'webhook receiver that never answers, then SIGTERM'(run) {
    return post(`${run.url}/auth/room/create`, room, signed(room));
  },
  async 'stdout not read, 50 requests of 10 MiB'(run) {
    const body = Buffer.from(`{"room_id":"big","pad":"${'x'.repeat(10 * MIB)}"}`);
    let last = '';
    for (let i = 0; i < 50; i++)
      last = await post(`${run.url}/auth/room/isRoomActive`, body, signed(body));
    return last;
  },
  // The strict JSON scan and the parse run on the event loop: how long a 50 MiB body holds it.
  async '50 MiB body: array of 26M zeros, time to the answer'(run) {
    // Just under the 50 MiB body limit (over it, fasthttp refuses before any parse).
    const body = Buffer.from(`{"room_id":"r","x":[${'0,'.repeat(25 * MIB - 32)}0]}`);
    return timed(() => post(`${run.url}/auth/room/isRoomActive`, body, signed(body)));
  },
  async '50 MiB body: object of 4.1M unknown keys, time to the answer'(run) {
    const keys = [];
    for (let n = 0, length = 0; length < 50 * MIB - 64; n++) {
      keys.push(`"k${n}":0,`);
      length += keys.at(-1).length;
    }
    const body = Buffer.from(`{${keys.join('')}"room_id":"r"}`);
    return timed(() => post(`${run.url}/auth/room/isRoomActive`, body, signed(body)));
  },
  async 'duplicate key, invalid UTF-8, 100,000-deep unknown field'(run) {
    const bodies = [
      Buffer.from('{"room_id":"a","room_id":"b"}'),
      Buffer.concat([Buffer.from('{"room_id":"a'), Buffer.from([0xff]), Buffer.from('"}')]),
      Buffer.from(`{"room_id":"r","x":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`),
    ];
    const answers = [];
    for (const body of bodies)
      answers.push(await post(`${run.url}/auth/room/isRoomActive`, body, signed(body)));
    return answers.join(' | ');
  },
};

const hooks = await receivers();
console.log(`bin: ${bin}\n`);
console.log('| case | answer | peak (VmHWM) | a signed call afterwards | SIGTERM |');
console.log('|---|---|---:|---|---|');
for (const [name, run] of Object.entries(cases)) {
  if (process.argv[3] && !name.includes(process.argv[3])) continue;
  const args = name.startsWith('webhook')
    ? ['--webhook', `${hooks.base}/${name.includes('never') ? 'never' : 'endless'}`]
    : [];
  const server = await start(args, { pause: name.startsWith('stdout') });
  const answer = await run(server);
  const after = await post(
    `${server.url}/auth/room/isRoomActive`,
    '{"room_id":"z"}',
    signed('{"room_id":"z"}'),
  );
  const peak = server.peak();
  const stopped = await server.stop();
  console.log(
    `| ${name} | ${answer.replaceAll('|', '/')} | ${mb(peak)} | ${after.slice(0, 3)} | ${stopped} |`,
  );
}
hooks.close();
