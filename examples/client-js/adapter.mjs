#!/usr/bin/env node
// A protocol v2 implementation around this project's own client, the way its users call it:
// `new PlugNmeet({ serverUrl, apiKey, apiSecret })` and the typed method of each endpoint;
// webhooks through `verifyWebhook`. Signing goes through the signer the client uses.
// Run it: pnm-conformance --impl "node examples/client-js/adapter.mjs"
import { createInterface } from 'node:readline';
import { ENDPOINTS, isPlugNmeetError, PlugNmeet } from '@plugnmeet-signing/client';
import { verifyWebhook } from '@plugnmeet-signing/client/webhooks';
import { signSync, verifySync } from '@plugnmeet-signing/signer/node';

const manifest = { name: 'plugnmeet-signing-client', version: '0.1.0' };
const methodOf = new Map(Object.entries(ENDPOINTS).map(([name, info]) => [info.path, name]));
const bytes = (base64) => new Uint8Array(Buffer.from(base64, 'base64'));

/** The client's errors, in protocol v2's failure kinds. */
function failure(error) {
  const kinds = {
    ERR_PNM_AUTH: 'auth',
    ERR_PNM_API: 'api',
    ERR_PNM_BAD_RESPONSE: 'http',
    ERR_PNM_NETWORK: 'network',
    ERR_PNM_TIMEOUT: 'timeout',
  };
  const kind = kinds[error.code];
  if (!kind) throw error;
  return {
    kind,
    httpStatus: error.httpStatus ?? null,
    statusCode: error.statusCode ?? null,
    message: error.message,
  };
}

async function call({ server, endpoint, request, timeoutMs = 5000 }) {
  // The runner hands the timeout to apply (short in its `timeout` scenario).
  const client = new PlugNmeet({
    serverUrl: server.url,
    apiKey: server.apiKey,
    apiSecret: server.secret,
    timeoutMs,
  });
  const method = methodOf.get(endpoint);
  try {
    const result = method ? await client[method](request) : await client.request(endpoint, request);
    return { result };
  } catch (error) {
    if (isPlugNmeetError(error)) return { failure: failure(error) };
    throw error;
  }
}

async function webhook({ apiKey, secret, body, headers }) {
  try {
    const event = await verifyWebhook({ apiKey, apiSecret: secret }, bytes(body), headers);
    return { valid: true, event };
  } catch (error) {
    if (isPlugNmeetError(error)) return { valid: false, reason: `${error.code}: ${error.message}` };
    throw error;
  }
}

async function answer(request) {
  switch (request.op) {
    case 'hello':
      return {
        op: 'hello',
        protocol: request.protocol >= 2 ? 2 : 1,
        ...manifest,
        language: 'typescript',
        capabilities:
          request.protocol >= 2 ? ['sign', 'verify', 'call', 'webhook'] : ['sign', 'verify'],
      };
    case 'sign':
      try {
        return { id: request.id, signature: signSync(bytes(request.body), bytes(request.secret)) };
      } catch (error) {
        return { id: request.id, error: error.message };
      }
    case 'verify':
      return {
        id: request.id,
        valid: verifySync(bytes(request.body), request.signature, bytes(request.secret)),
      };
    case 'call':
      return { id: request.id, ...(await call(request)) };
    case 'webhook':
      return { id: request.id, ...(await webhook(request)) };
    default:
      return { id: request.id, error: `unknown op ${request.op}` };
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.op === 'bye') break;
  process.stdout.write(`${JSON.stringify(await answer(request))}\n`);
}
