/**
 * Every vector of every shared file (vectors/*.json, through @plugnmeet-signing/vectors),
 * one test per vector so a failure names its file and id, through both paths: sign vectors
 * with sign/signSync (and verify/verifySync of the expected signature), verify vectors with
 * verify/verifySync/Signer#verify. Empty secrets must be refused with ERR_SIGNER_EMPTY_SECRET.
 */
import {
  loadVectorFilesSync,
  type SignVector,
  type Vector,
  type VerifyVector,
} from '@plugnmeet-signing/vectors';
import { describe, expect, test } from 'vitest';
import { createSigner, sign, verify } from '../src/index.js';
import { signSync, verifySync } from '../src/node.js';
import { caught, expectSignerError } from './helpers.js';

const files = loadVectorFilesSync();
const all = files.flatMap((file) => file.vectors);

/** The string a body or secret decodes from, when it is valid UTF-8 that round-trips. */
function asText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const back = new TextEncoder().encode(text);
    return back.length === bytes.length && back.every((byte, i) => byte === bytes[i])
      ? text
      : undefined;
  } catch {
    return undefined;
  }
}

async function expectRefused(vector: Vector): Promise<void> {
  const { body, secret } = vector;
  const presented = vector.kind === 'sign' ? vector.signature : vector.presented;
  for (const run of [
    () => signSync(body, secret),
    () => sign(body, secret),
    () => verifySync(body, presented, secret),
    () => verify(body, presented, secret),
  ]) {
    expectSignerError(await caught(run), 'ERR_SIGNER_EMPTY_SECRET', 'secret');
  }
}

async function checkSign(vector: SignVector): Promise<void> {
  const { body, secret, signature } = vector;
  if (secret.length === 0) {
    // Only an input a vector marks as refusable may be refused, and this one must be.
    expect(vector.refusal).toBe('acceptable');
    await expectRefused(vector);
    return;
  }
  expect(signSync(body, secret)).toBe(signature);
  expect(await sign(body, secret)).toBe(signature);
  expect(verifySync(body, signature, secret)).toBe(true);
  expect(await verify(body, signature, secret)).toBe(true);
  // The same input given as strings, where the bytes are UTF-8 text, signs the same.
  const bodyText = asText(body);
  const secretText = asText(secret);
  if (bodyText !== undefined && secretText !== undefined) {
    expect(signSync(bodyText, secretText)).toBe(signature);
    expect(await sign(bodyText, secretText)).toBe(signature);
  }
}

async function checkVerify(vector: VerifyVector): Promise<void> {
  const { body, secret, presented, result } = vector;
  if (secret.length === 0) {
    // Refusing to verify with no key can only ever mean "not valid".
    expect(result).toBe('invalid');
    await expectRefused(vector);
    return;
  }
  const valid = result === 'valid';
  expect(verifySync(body, presented, secret)).toBe(valid);
  expect(await verify(body, presented, secret)).toBe(valid);
  expect(await (await createSigner(secret)).verify(body, presented)).toBe(valid);
}

test('the vector files load and cover sign, verify and refusal cases', () => {
  expect(files.length).toBeGreaterThan(0);
  expect(all.some((vector) => vector.kind === 'sign')).toBe(true);
  expect(all.some((vector) => vector.kind === 'verify' && vector.result === 'invalid')).toBe(true);
  expect(all.some((vector) => vector.kind === 'sign' && vector.refusal === 'acceptable')).toBe(
    true,
  );
  expect(all.some((vector) => vector.tags.includes('empty-secret'))).toBe(true);
  expect(new Set(all.map((vector) => vector.id)).size).toBe(all.length);
});

describe.each(files.map((file) => [file.name, file] as const))('%s', (_, file) => {
  test.each(file.vectors.map((vector) => [vector.id, vector] as const))('%s', async (_, vector) => {
    if (vector.kind === 'sign') await checkSign(vector);
    else await checkVerify(vector);
  });
});
