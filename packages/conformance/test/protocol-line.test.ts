/**
 * Protocol lines survive every runtime's line reader: Bun's and Deno's `readline` end a
 * line at U+2028/U+2029 as well as at LF, so the runner writes those two escaped.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { protocolLine } from '../src/implementations/connection.js';

const bin = (name: string) =>
  fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
// Counts the lines readline sees, as an adapter's loop would.
const COUNT_LINES =
  "import { createInterface } from 'node:readline'; let n = 0; for await (const _ of createInterface({ input: process.stdin })) n++; console.log(n);";

describe('protocolLine', () => {
  const message = { op: 'call', request: { room_title: 'a\u2028b\u2029c' } };

  test('escapes U+2028 and U+2029 and stays the same JSON value', () => {
    const line = protocolLine(message);
    expect(line).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(line)).toEqual(message);
  });

  test.each([
    ['bun', [bin('bun'), ['-e', COUNT_LINES]]],
    ['deno', [bin('deno'), ['eval', COUNT_LINES]]],
  ] as const)(
    '%s readline sees one line (and would see three unescaped)',
    async (_, [command, args]) => {
      const count = async (text: string) =>
        (await execa(command, [...args], { input: `${text}\n` })).stdout.trim();
      expect(await count(JSON.stringify(message))).toBe('3');
      expect(await count(protocolLine(message))).toBe('1');
    },
  );
});
