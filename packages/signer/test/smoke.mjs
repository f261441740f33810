#!/usr/bin/env node
// Runtime-neutral smoke check of the built package: every shared vector through both paths
// of dist/, printing `N passed, N failed`. Runs as is on Node, Deno and Bun:
//   node test/smoke.mjs · deno run -A test/smoke.mjs · bun test/smoke.mjs
import { loadVectorFilesSync } from '@plugnmeet-signing/vectors';
import { isSignerError, sign, verify } from '../dist/index.js';
import { signSync, verifySync } from '../dist/node.js';

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.versions.node}`;

async function refusedAlike(vector) {
  const presented = vector.kind === 'sign' ? vector.signature : vector.presented;
  for (const run of [
    () => signSync(vector.body, vector.secret),
    () => sign(vector.body, vector.secret),
    () => verifySync(vector.body, presented, vector.secret),
    () => verify(vector.body, presented, vector.secret),
  ]) {
    try {
      await run();
      return false;
    } catch (error) {
      if (!isSignerError(error) || error.code !== 'ERR_SIGNER_EMPTY_SECRET') return false;
    }
  }
  return true;
}

async function check(vector) {
  const { body, secret } = vector;
  if (secret.length === 0) return refusedAlike(vector);
  if (vector.kind === 'sign') {
    return (
      signSync(body, secret) === vector.signature &&
      (await sign(body, secret)) === vector.signature &&
      verifySync(body, vector.signature, secret) &&
      (await verify(body, vector.signature, secret))
    );
  }
  const valid = vector.result === 'valid';
  return (
    verifySync(body, vector.presented, secret) === valid &&
    (await verify(body, vector.presented, secret)) === valid
  );
}

let passed = 0;
let failed = 0;
for (const file of loadVectorFilesSync()) {
  for (const vector of file.vectors) {
    let ok = false;
    try {
      ok = await check(vector);
    } catch (error) {
      console.error(`${file.name} ${vector.id}: ${error}`);
    }
    if (ok) passed++;
    else {
      failed++;
      console.error(`FAIL ${file.name} ${vector.id}`);
    }
  }
}
console.log(`signer smoke on ${runtime}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
