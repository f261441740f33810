/**
 * This project's client, really sending to the loopback test server; and the wire levels
 * of the built-in matrix. (The official JS SDK is judged through its protocol v2 adapter,
 * `examples/sdk-js`, its one seam: `test/real-sdks.test.ts`.)
 */
import { describe, expect, test } from 'vitest';
import { builtInColumns } from '../src/columns.js';
import { clientWireColumn } from '../src/implementations/wire/client-wire.js';
import { judgeWire } from '../src/judges/wire.js';
import type { Column, WireAnswer } from '../src/model.js';
import { runCase } from '../src/runner/run-case.js';

const utf8 = new TextEncoder();
const SECRET = utf8.encode('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');

async function run(col: Column, bodies: Array<string | Uint8Array>, secret = SECRET) {
  const availability = await col.probe();
  expect(availability).toMatchObject({ available: true });
  const session = await col.open('worker');
  try {
    const out: Array<{ answer: WireAnswer; outcome: string; cause?: string | undefined }> = [];
    for (const body of bodies) {
      const bytes = typeof body === 'string' ? utf8.encode(body) : body;
      const { sent: answer } = await runCase(session, { id: 'x', body: bytes, secret });
      if (!answer) throw new Error('the client left no request to judge');
      const judgement = judgeWire(bytes, secret, answer, secret.length === 0);
      out.push({ answer, outcome: judgement.outcome, cause: judgement.cause });
    }
    return out;
  } finally {
    await session.close();
  }
}

describe('wire-client/node: this project’s client', () => {
  test('sends every body byte for byte, signed right', async () => {
    const bodies = [
      '{"room_id":"room01"}',
      '{\r\n  "room_id": "room01"\n}\n',
      '@x',
      '-n',
      '',
      'x'.repeat(1024 * 1024),
      new Uint8Array([0x7b, 0xff, 0x00, 0x7d]),
    ];
    const results = await run(clientWireColumn(), bodies);
    expect(results.map((r) => r.outcome)).toEqual(bodies.map(() => 'pass'));
  });

  test('refuses an empty secret before sending, as the reference does', async () => {
    const [result] = await run(clientWireColumn(), ['{}'], new Uint8Array());
    expect(result?.answer.kind).toBe('refused');
    expect(result?.outcome).toBe('pass');
  });
});

test('the wire levels are in the built-in matrix: the client, and the shell snippets run whole', async () => {
  const levels = (await builtInColumns()).flatMap((c) => [
    c,
    ...(c.wireLevel ? [c.wireLevel] : []),
  ]);
  const ids = levels
    .filter((c) => c.implementation.kind === 'wire')
    .map((c) => `${c.implementation.id}/${c.environment.id}`);
  expect(ids).toEqual(
    expect.arrayContaining(['wire-shell/bash', 'wire-shell/dash', 'wire-client/node']),
  );
  expect(ids.filter((id) => id.startsWith('wire-shell/'))).toHaveLength(6);
  expect(ids.filter((id) => id.startsWith('wire-shell-corrected/'))).toHaveLength(6);
  expect(ids.some((id) => id.startsWith('wire-sdk-js/'))).toBe(false);
});
