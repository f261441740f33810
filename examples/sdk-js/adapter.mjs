#!/usr/bin/env node
/**
 * A pnm-conformance protocol v2 adapter around the real plugnmeet-sdk-js 1.4.1, for Node,
 * Deno and Bun (the plugNmeet docs offer the JS SDK "for NodeJS & Deno").
 *
 *   node examples/sdk-js/install.mjs                      # once: npm → .cache/
 *   node examples/sdk-js/adapter.mjs
 *   deno run --allow-read --allow-env --allow-net=127.0.0.1 examples/sdk-js/adapter.mjs
 *   bun examples/sdk-js/adapter.mjs
 *
 * Capabilities: `call` only. The SDK's HMAC is internal (not in its typings), so `sign`
 * would not be the SDK's public API, and it has no webhook verifier at all.
 */
import process from 'node:process';
import { createInterface } from 'node:readline';
import { SDK_METHODS } from './endpoints.mjs';
import { outcome, unsupported } from './outcome.mjs';
import { loadLosslessParse, loadSdk } from './sdk-location.mjs';

const runtime = globalThis.Deno ? 'deno' : globalThis.Bun ? 'bun' : 'node';
const { PlugNmeet, version } = await loadSdk();
const parse = await loadLosslessParse();

/**
 * A `request` may hold an int64 as a bare number (9007199254740993); JSON.parse would round
 * it before the SDK ever saw it, and the adapter, not the SDK, would have lost the digit. A
 * JS user holding such a value has it as a string (JSON.stringify cannot write a BigInt),
 * and protojson accepts int64 as a string, so that is what the SDK is handed. Every other
 * number is read as JSON.parse reads it, and so is a repeated key (the last value wins).
 */
function parseMessage(line) {
  return parse(line, null, {
    parseNumber: (literal) =>
      /^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal)) ? literal : Number(literal),
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

function reply(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function hello() {
  // One adapter, three runtimes: `runtime` names the column's environment (node, deno, bun),
  // so the runner tells the three apart by what they say, not by the order of their flags.
  const identity = { name: 'plugnmeet-sdk-js', version, language: 'javascript', runtime };
  // v1 needs `sign`, which this SDK does not offer publicly: say v2 either way, and a v1
  // runner reports the mismatch instead of running vectors against something else.
  return { op: 'hello', protocol: 2, ...identity, capabilities: ['call'] };
}

async function call(request) {
  const method = SDK_METHODS[request.endpoint];
  if (!method) return unsupported(request.endpoint);
  // A user constructs the client with the server URL, key and secret; the SDK appends
  // /auth and the method's path itself.
  const { url, apiKey, secret } = request.server;
  const sdk = new PlugNmeet(url, apiKey, secret);
  return outcome(await method(sdk, request.request ?? {}));
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = parseMessage(line);
  if (request.op === 'hello') reply(hello());
  else if (request.op === 'bye') break;
  else if (request.op === 'call') {
    try {
      reply({ id: request.id, ...(await call(request)) });
    } catch (error) {
      reply({ id: request.id, error: `the SDK threw: ${error?.message ?? error}` });
    }
  } else reply({ id: request.id, error: `unsupported op ${JSON.stringify(request.op)}` });
}
process.exit(0);
