/**
 * The official JS SDK from npm and this project's client, really sending to the loopback
 * test server.
 */
import { describe, expect, test } from 'vitest';
import { builtInColumns } from '../src/columns.js';
import { clientWireColumn } from '../src/implementations/wire/client-wire.js';
import { sdkJsWireColumn } from '../src/implementations/wire/sdk-js-wire.js';
import type { Column, SignAnswer } from '../src/model.js';
import { judgeSign } from '../src/runner/judge.js';

const utf8 = new TextEncoder();
const SECRET = utf8.encode('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');

async function run(col: Column, bodies: Array<string | Uint8Array>, secret = SECRET) {
  const availability = await col.probe();
  expect(availability).toMatchObject({ available: true });
  const session = await col.open('worker');
  try {
    const out: Array<{ answer: SignAnswer; outcome: string; cause?: string | undefined }> = [];
    for (const body of bodies) {
      const bytes = typeof body === 'string' ? utf8.encode(body) : body;
      const answer = await session.sign({ id: 'x', body: bytes, secret });
      const judgement = judgeSign(bytes, secret, answer, secret.length === 0);
      out.push({ answer, outcome: judgement.outcome, cause: judgement.cause });
    }
    return out;
  } finally {
    await session.close();
  }
}

describe('wire-sdk-js/node: plugnmeet-sdk-js from npm', () => {
  test('names the SDK version it runs', async () => {
    const availability = await sdkJsWireColumn().probe();
    expect(availability).toMatchObject({
      available: true,
      runtimeVersion: expect.stringMatching(/plugnmeet-sdk-js \d+\.\d+\.\d+/),
    });
  });

  test('a compact JSON object is sent as given, signed right', async () => {
    const [doc, unicode] = await run(sdkJsWireColumn(), [
      '{"room_id":"room01"}',
      '{"room_title":"Café – 会议"}',
    ]);
    expect(doc?.outcome).toBe('pass');
    expect(unicode?.outcome).toBe('pass');
  });

  test('it re-serializes the object: other spellings are unrepresentable and say what went out', async () => {
    const [pretty, big, escaped] = await run(sdkJsWireColumn(), [
      '{\n  "room_id": "room01"\n}',
      '{"n":12345678901234567890}',
      '{"t":"\\u00e9"}',
    ]);
    expect(pretty?.answer).toMatchObject({
      kind: 'unrepresentable',
      reason: expect.stringContaining('"{\\"room_id\\":\\"room01\\"}" (20 bytes)'),
    });
    // JSON.stringify(JSON.parse(…)) loses int64 precision: the SDK sends another number.
    expect(big?.answer).toMatchObject({
      kind: 'unrepresentable',
      reason: expect.stringContaining('12345678901234567000'),
    });
    expect(escaped?.answer).toMatchObject({
      kind: 'unrepresentable',
      reason: expect.stringContaining('é'),
    });
  });

  test('bodies that are no JSON object cannot be given to it', async () => {
    const results = await run(sdkJsWireColumn(), [
      '[1]',
      'null',
      '"x"',
      'not json',
      new Uint8Array([0xff]),
    ]);
    for (const result of results) expect(result.outcome).toBe('unrepresentable');
  });
});

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

test('the wire columns are in the built-in matrix', async () => {
  const ids = (await builtInColumns())
    .filter((c) => c.implementation.kind === 'wire')
    .map((c) => c.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      'wire-shell/bash',
      'wire-shell/dash',
      'wire-sdk-js/node',
      'wire-client/node',
    ]),
  );
  expect(ids.filter((id) => id.startsWith('wire-shell/'))).toHaveLength(6);
});
