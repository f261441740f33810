import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { LineReader } from '../src/implementations/line-reader.js';

describe('LineReader', () => {
  test('gives lines split across chunks, CRLF trimmed, then the end', async () => {
    const input = new PassThrough();
    const reader = new LineReader(input, 1024);
    input.write('{"a"');
    input.write(':1}\r\n{"b":2}\nlast');
    input.end();
    expect(await reader.next()).toEqual({ kind: 'line', text: '{"a":1}' });
    expect(await reader.next()).toEqual({ kind: 'line', text: '{"b":2}' });
    expect(await reader.next()).toEqual({ kind: 'line', text: 'last' });
    expect(await reader.next()).toEqual({ kind: 'end' });
    expect(await reader.next()).toEqual({ kind: 'end' });
  });

  test('a line over the limit is reported with its head, and the next line still reads', async () => {
    const input = new PassThrough();
    const reader = new LineReader(input, 1024);
    for (let i = 0; i < 100; i++) input.write('x'.repeat(1000));
    input.write('\nok\n');
    const item = await reader.next();
    expect(item).toEqual({ kind: 'overlong', head: 'x'.repeat(200), limit: 1024 });
    expect(await reader.next()).toEqual({ kind: 'line', text: 'ok' });
  });

  test('a line of exactly the limit is a line', async () => {
    const input = new PassThrough();
    const reader = new LineReader(input, 1024);
    input.write(`${'y'.repeat(1024)}\n`);
    expect(await reader.next()).toEqual({ kind: 'line', text: 'y'.repeat(1024) });
  });
});
