/**
 * Shared test helpers: both signing paths behind one async interface, error assertions and
 * input generators.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { type BytesLike, isSignerError, type SignerErrorCode, sign, verify } from '../src/index.js';
import { signSync, verifySync } from '../src/node.js';

/** The doc's sample secret (plugnmeet-api.md §0 and §1.6). */
export const SAMPLE_SECRET = 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';

export interface Path {
  name: 'sync' | 'async';
  sign(body: BytesLike, secret: BytesLike): Promise<string>;
  verify(body: BytesLike, signature: string, secret: BytesLike): Promise<boolean>;
}

/** The sync path wrapped so it reads like the async one (a throw becomes a rejection). */
export const syncPath: Path = {
  name: 'sync',
  sign: async (body, secret) => signSync(body, secret),
  verify: async (body, signature, secret) => verifySync(body, signature, secret),
};

export const asyncPath: Path = { name: 'async', sign, verify };

export const paths: readonly Path[] = [syncPath, asyncPath];

/** An HMAC computed without the signer: node:crypto over the UTF-8 / raw bytes. */
export function oracle(body: BytesLike, secret: BytesLike): string {
  const bytes = (value: BytesLike) =>
    typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return createHmac('sha256', bytes(secret)).update(bytes(body)).digest('hex');
}

export function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** Runs `run` (sync or async) and returns what it threw or rejected with. */
export async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got none');
}

/** Asserts a coded SignerError, and that its message names `parameter` first. */
export function expectSignerError(error: unknown, code: SignerErrorCode, parameter?: string): void {
  expect(isSignerError(error), `not a SignerError: ${String(error)}`).toBe(true);
  const signerError = error as Error & { code: string };
  expect(signerError.name).toBe('SignerError');
  expect(signerError.code).toBe(code);
  if (parameter !== undefined) expect(signerError.message).toMatch(new RegExp(`^"${parameter}" `));
}

/** Any UTF-16 code unit, lone surrogates included, plus astral characters and a few classics. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  fc.constantFrom('\r\n', '\ufeff', '\u0000', '"', '\\', '{}', 'é', '会'),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
);

/** Strings of any UTF-16 content, lone surrogates included. */
export const anyString = (maxLength = 300) => fc.string({ unit: anyUnit, maxLength });

/** A body: arbitrary bytes or an arbitrary string. */
export const anyBody = fc.oneof(fc.uint8Array({ maxLength: 2048 }), anyString());

/** A secret of 0..200 bytes, as bytes or as a string. */
export const anySecret = fc.oneof(fc.uint8Array({ maxLength: 200 }), anyString(200));

/** A usable (non-empty) secret. */
export const nonEmptySecret = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 200 }),
  anyString(200).filter((text) => text.length > 0),
);

export function utf8(value: BytesLike): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}
