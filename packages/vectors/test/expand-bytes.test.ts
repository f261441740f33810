/**
 * expandBytes decodes every encoding exactly: any bytes round-trip through each encoding,
 * and near-miss spellings are refused.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expandBytes, fromHex, isVectorError, toHex } from '../src/index.js';

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const expand = (spec: unknown) => expandBytes(spec, '/body', 'test.json');

function refused(spec: unknown): boolean {
  try {
    expand(spec);
    return false;
  } catch (error) {
    return (
      isVectorError(error) &&
      error.code === 'ERR_VECTOR_SCHEMA' &&
      error.jsonPath.startsWith('/body')
    );
  }
}

describe('expandBytes round trips', () => {
  const bytes = fc.uint8Array({ maxLength: 300 });

  test('hex', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(expand({ hex: toHex(b) })).toEqual(b);
      }),
    );
  });

  test('base64', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(expand({ base64: toBase64(b) })).toEqual(b);
      }),
    );
  });

  test('utf8 (any well-formed string)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 });
    fc.assert(
      fc.property(text, (s) => {
        expect(expand({ utf8: s })).toEqual(new TextEncoder().encode(s));
      }),
    );
  });

  test('repeat, with the parts in any encoding', () => {
    const encodings = [
      (b: Uint8Array) => ({ hex: toHex(b) }),
      (b: Uint8Array) => ({ base64: toBase64(b) }),
    ];
    const encode = fc.constantFrom(...encodings);
    fc.assert(
      fc.property(
        bytes,
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 200 }),
        bytes,
        encode,
        encode,
        (prefix, unit, count, suffix, encA, encB) => {
          const expected = new Uint8Array(prefix.length + unit.length * count + suffix.length);
          expected.set(prefix, 0);
          for (let i = 0; i < count; i++) expected.set(unit, prefix.length + i * unit.length);
          expected.set(suffix, prefix.length + unit.length * count);
          const spec = {
            repeat: { prefix: encA(prefix), unit: encB(unit), count, suffix: encA(suffix) },
          };
          expect(expand(spec)).toEqual(expected);
        },
      ),
    );
  });

  test('toHex and fromHex are inverse', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(fromHex(toHex(b))).toEqual(b);
      }),
    );
  });
});

describe('near misses are refused', () => {
  const nonEmpty = fc.uint8Array({ minLength: 1, maxLength: 64 });

  test('uppercase hex', () => {
    fc.assert(
      fc.property(nonEmpty, (b) => {
        const hex = toHex(b);
        fc.pre(hex !== hex.toUpperCase());
        expect(refused({ hex: hex.toUpperCase() })).toBe(true);
      }),
    );
  });

  test('odd-length hex', () => {
    fc.assert(
      fc.property(nonEmpty, (b) => {
        expect(refused({ hex: toHex(b).slice(1) })).toBe(true);
      }),
    );
  });

  test('base64 without padding, with whitespace or URL-safe letters', () => {
    fc.assert(
      fc.property(nonEmpty, (b) => {
        const text = toBase64(b);
        if (text.endsWith('=')) expect(refused({ base64: text.replace(/=+$/, '') })).toBe(true);
        expect(refused({ base64: `${text}\n` })).toBe(true);
        if (/[+/]/.test(text))
          expect(refused({ base64: text.replace(/\+/g, '-').replace(/\//g, '_') })).toBe(true);
      }),
    );
  });

  test('two encodings at once, even when they agree', () => {
    fc.assert(
      fc.property(nonEmpty, (b) => {
        expect(refused({ hex: toHex(b), base64: toBase64(b) })).toBe(true);
      }),
    );
  });

  test('fromHex refuses what it cannot decode exactly', () => {
    expect(() => fromHex('ABCD')).toThrow('must be lowercase hex with an even number of digits');
    expect(() => fromHex('abc')).toThrow(/lowercase hex/);
  });
});
