/**
 * Constant-time comparison is a code-review point, not something to time in a test. What is
 * checked here: the sync path compares with node:crypto's timingSafeEqual and the async path
 * with crypto.subtle.verify, on the MAC bytes, and neither runs for a malformed signature
 * (the format check reads only the presented text, which is not secret).
 */
import * as nodeCrypto from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { verify } = await import('../src/index.js');
const { verifySync } = await import('../src/node.js');

const SECRET = 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';
const BODY = '{"room_id":"room01"}';
const GOOD = '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5';
const WRONG = `${GOOD.slice(0, 63)}4`;

afterEach(() => {
  vi.restoreAllMocks();
  vi.mocked(nodeCrypto.timingSafeEqual).mockClear();
});

describe('verifySync', () => {
  test('compares the 32 MAC bytes with timingSafeEqual, for a right and a wrong signature', () => {
    const spy = vi.mocked(nodeCrypto.timingSafeEqual);
    expect(verifySync(BODY, GOOD, SECRET)).toBe(true);
    expect(verifySync(BODY, WRONG, SECRET)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [expected, presented] of spy.mock.calls) {
      expect((expected as Uint8Array).byteLength).toBe(32);
      expect((presented as Uint8Array).byteLength).toBe(32);
    }
    expect(spy).toHaveReturnedWith(true);
    expect(spy).toHaveReturnedWith(false);
  });

  test('never reaches the comparison for malformed text', () => {
    const spy = vi.mocked(nodeCrypto.timingSafeEqual);
    for (const presented of ['', GOOD.toUpperCase(), GOOD.slice(1), `${GOOD}0`, `${GOOD}\n`]) {
      expect(verifySync(BODY, presented, SECRET)).toBe(false);
    }
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('verify (Web Crypto)', () => {
  test('delegates the comparison to crypto.subtle.verify', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'verify');
    const sign = vi.spyOn(globalThis.crypto.subtle, 'sign');
    expect(await verify(BODY, GOOD, SECRET)).toBe(true);
    expect(await verify(BODY, WRONG, SECRET)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
    const [algorithm, , presented] = spy.mock.calls[0] ?? [];
    expect(algorithm).toBe('HMAC');
    expect((presented as Uint8Array).byteLength).toBe(32);
    // No sign-then-compare-strings path.
    expect(sign).not.toHaveBeenCalled();
  });

  test('never reaches the comparison for malformed text', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'verify');
    for (const presented of ['', GOOD.toUpperCase(), GOOD.slice(1), `${GOOD}0`]) {
      expect(await verify(BODY, presented, SECRET)).toBe(false);
    }
    expect(spy).not.toHaveBeenCalled();
  });
});
