/**
 * The vector files' JSON reader (lossless-json, plus the two checks it leaves to us) reads
 * what JSON.parse reads, the same way. Its refusals are in malformed.test.ts.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { readJsonText } from '../src/json-text.js';

test('reads every JSON text as JSON.parse does', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (json, pretty) => {
      const text = pretty ? JSON.stringify(json, null, 2) : JSON.stringify(json);
      expect(readJsonText(text)).toEqual({ value: JSON.parse(text) });
    }),
    { numRuns: 300 },
  );
});

test('an object nested 512 levels deep is read; a key may repeat in sibling objects', () => {
  const deep = `${'{"a":'.repeat(509)}{"a":[{"a":1},{"a":1}]}${'}'.repeat(509)}`;
  expect(readJsonText(deep)).toEqual({ value: JSON.parse(deep) });
});

test('a "__proto__" key is data, not a prototype', () => {
  const reading = readJsonText('{"__proto__":{"x":1}}') as { value: object };
  expect(Object.keys(reading.value)).toEqual(['__proto__']);
  expect(Object.getPrototypeOf(reading.value)).toBe(Object.prototype);
});
