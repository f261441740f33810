#!/usr/bin/env node
/**
 * Drives a protocol v2 implementation by hand, before the runner speaks v2: starts the
 * workspace's `pnm-test-server`, starts the adapter, sends `hello`, a set of `call`s and
 * minted `webhook` deliveries, and prints each reply beside what the server logged.
 *
 *   node examples/drive-v2.mjs -- python3 examples/python/plugnmeet_signer.py
 *   node examples/drive-v2.mjs -- node examples/sdk-js/adapter.mjs
 *
 * With `--log <file>` before `--`, every line the emulator logged is also written there, whole.
 *
 * It marks each reply as expected or not (exit 1 if any is not), but it is a look, not a
 * verdict: the runner's v2 judges the request log in depth (fields dropped, values equal).
 */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CALLS } from './driver/calls.mjs';
import { startLineProcess } from './driver/lines.mjs';
import { startStubServers } from './driver/stub-servers.mjs';
import { webhookCases } from './driver/webhooks.mjs';

const API_KEY = 'drive-key';
// 32 bytes or more: php-jwt 7 (the PHP SDK's webhook verification) refuses shorter HMAC keys.
const SECRET = 'drive-secret-ünïcode, long enough for php-jwt';
const REPLY_TIMEOUT_MS = 15_000;
const testServerBin = fileURLToPath(
  new URL('../packages/test-server/bin/pnm-test-server.js', import.meta.url),
);

const logIndex = process.argv.indexOf('--log');
const logFile =
  logIndex > 1 && logIndex < process.argv.indexOf('--') ? process.argv[logIndex + 1] : '';

const short = (text, max = 600) => (text.length > max ? `${text.slice(0, max)}…` : text);

function adapterCommand(argv) {
  const words = argv.includes('--') ? argv.slice(argv.indexOf('--') + 1) : argv;
  const split = words.length === 1 ? words[0].split(/\s+/) : words;
  if (split.length === 0 || !split[0]) {
    console.error('usage: node examples/drive-v2.mjs -- <adapter command…>');
    process.exit(2);
  }
  return split;
}

/** The kind of a reply, in the protocol's words. */
function replyKind(reply) {
  if (!reply) return 'no reply';
  if ('result' in reply) return 'result';
  if (reply.failure) return reply.failure.kind;
  if ('error' in reply) return 'error';
  return 'malformed';
}

async function startEmulator() {
  const server = startLineProcess(process.execPath, [
    testServerBin,
    ...['--port', '0', '--api-key', API_KEY, '--secret', SECRET, '--seed', '1'],
  ]);
  const listening = await server.next(10_000);
  if (listening?.value?.type !== 'listening') {
    throw new Error(`pnm-test-server did not start: ${server.stderr()}`);
  }
  return { server, url: listening.value.url };
}

/** The log lines the emulator printed for the last call (they follow its answer closely). */
async function loggedRequests(server) {
  const lines = [];
  for (let line = await server.next(150); line; line = await server.next(150)) lines.push(line);
  if (logFile) appendFileSync(logFile, lines.map((l) => `${l.raw}\n`).join(''));
  return lines.map((l) => l.value).filter((v) => v.type === 'request');
}

function printLogged(requests) {
  if (requests.length === 0) console.log('   server saw: nothing');
  for (const r of requests) {
    const auth = r.auth?.ok ? 'signature ok' : `REFUSED (${r.auth?.reason ?? '?'})`;
    console.log(`   server saw: ${r.method} ${r.url}  ${auth}`);
    const headers = (r.headers ?? []).map(([name, value]) => `${name}: ${value}`).join(' | ');
    console.log(`     headers:  ${short(headers, 400)}`);
    console.log(`     body:     ${short(r.body_text ?? `(base64) ${r.body_base64}`)}`);
    if (r.protocol) console.log(`     parsed:   ${short(JSON.stringify(r.protocol))}`);
    console.log(`     answered: ${r.response?.status} ${short(r.response?.body_text ?? '')}`);
  }
}

async function runCalls(adapter, server, urls) {
  let unexpected = 0;
  let gaps = 0;
  for (const [index, spec] of CALLS.entries()) {
    const target = urls[spec.server] ?? urls.emulator;
    const secret = spec.server === 'wrong-secret' ? 'not-the-secret' : SECRET;
    const id = `call-${index + 1}`;
    console.log(
      `\n== ${id}: ${spec.name}\n   ${spec.endpoint} → ${spec.server}, expect ${spec.expect}`,
    );
    adapter.send({
      op: 'call',
      id,
      server: { url: target, apiKey: API_KEY, secret },
      endpoint: spec.endpoint,
      request: spec.request,
    });
    const reply = await adapter.next(REPLY_TIMEOUT_MS);
    console.log(`   reply: ${short(reply?.raw ?? '(none)')}`);
    if (target === urls.emulator) printLogged(await loggedRequests(server));
    const kind = replyKind(reply?.value);
    const digitsKept = !spec.roundedForm || !reply?.raw.includes(spec.roundedForm);
    if (kind === 'unsupported') {
      gaps++;
      console.log('   → unsupported: a coverage gap, not a pass');
    } else if (kind === spec.expect && digitsKept) {
      console.log('   → as expected');
    } else {
      unexpected++;
      const why =
        kind === spec.expect ? `an int64 came back as ${spec.roundedForm}` : `got ${kind}`;
      console.log(`   → NOT as expected: ${why}`);
    }
  }
  return { unexpected, gaps };
}

async function runWebhooks(adapter) {
  let unexpected = 0;
  for (const [index, delivery] of webhookCases(API_KEY, SECRET).entries()) {
    const id = `webhook-${index + 1}`;
    adapter.send({
      op: 'webhook',
      id,
      apiKey: API_KEY,
      secret: SECRET,
      body: delivery.body.toString('base64'),
      headers: delivery.headers,
    });
    const reply = await adapter.next(REPLY_TIMEOUT_MS);
    const valid = reply?.value?.valid;
    const ok = valid === delivery.expectValid;
    if (!ok) unexpected++;
    const detail = valid === false ? reply.value.reason : short(reply?.raw ?? '(none)', 200);
    console.log(
      `${ok ? 'ok  ' : 'BAD '} ${id} ${delivery.name}: valid=${valid} (expect ${delivery.expectValid}) ${detail}`,
    );
  }
  return unexpected;
}

async function main() {
  const [command, ...args] = adapterCommand(process.argv.slice(2));
  const { server, url } = await startEmulator();
  const stubs = await startStubServers();
  const urls = { emulator: url, 'wrong-secret': url, ...stubs.urls };
  const adapter = startLineProcess(command, args);
  let unexpected = 0;
  try {
    console.log(`adapter: ${[command, ...args].join(' ')}\nemulator: ${url}`);
    adapter.send({ op: 'hello', protocol: 2 });
    const hello = await adapter.next(REPLY_TIMEOUT_MS);
    console.log(`hello: ${hello?.raw ?? `(none) ${adapter.stderr()}`}`);
    const capabilities = hello?.value?.protocol === 2 ? hello.value.capabilities : [];
    let gaps = 0;
    if (capabilities.includes('call')) {
      const calls = await runCalls(adapter, server, urls);
      unexpected += calls.unexpected;
      gaps = calls.gaps;
    } else console.log('\n(no "call" capability: calls skipped)');
    console.log('\n== webhooks');
    if (capabilities.includes('webhook')) unexpected += await runWebhooks(adapter);
    else console.log('(no "webhook" capability: webhooks skipped)');
    adapter.send({ op: 'bye' });
    console.log(`\n${unexpected} not as expected, ${gaps} unsupported calls`);
    if (adapter.stderr()) console.log(`adapter stderr (tail):\n${short(adapter.stderr(), 2000)}`);
  } finally {
    adapter.child.stdin.end();
    server.child.kill('SIGTERM');
    await stubs.close();
  }
  process.exitCode = unexpected > 0 ? 1 : 0;
}

await main();
