import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { ProcessSession } from '../src/implementations/process-session.js';

const fixture = fileURLToPath(new URL('./fixtures/misbehaving.mjs', import.meta.url));
const encoder = new TextEncoder();
const secret = encoder.encode('secret');
const mac = (body: string) => createHmac('sha256', secret).update(body).digest('hex');
const open: ProcessSession[] = [];

async function start(mode: string, caseTimeoutMs = 5000) {
  const session = await ProcessSession.start(
    { command: process.execPath, args: [fixture, mode], env: { PATH: process.env.PATH ?? '' } },
    { caseTimeoutMs },
  );
  open.push(session);
  return session;
}

const ask = (session: ProcessSession, id: string, body: string) =>
  session.sign({ id, body: encoder.encode(body), secret });

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('ProcessSession', () => {
  test('exchanges hello and signs case after case', async () => {
    const session = await start('good');
    expect(session.hello?.name).toBe('misbehaving-good');
    for (const body of ['', '{}', 'a\nb']) {
      expect(await ask(session, body, body)).toEqual({ kind: 'signature', signature: mac(body) });
    }
    expect(await session.verify({ id: 'v', body: encoder.encode('x'), secret }, mac('x'))).toEqual({
      kind: 'verdict',
      valid: true,
    });
  });

  test.each([
    ['crash', /ended before answering: exited \(code 139\)/, /segmentation fault/],
    ['garbage', /printed something that is not protocol v1: Signature: 1234/, /^$/],
    ['out-of-order', /answered out of order: expected id "t", got "t-other"/, /^$/],
  ])(
    'names a %s, keeps the stderr tail, and restarts for the next case',
    async (mode, message, stderr) => {
      const session = await start(mode);
      const answer = await ask(session, 't', 'trigger');
      expect(answer.kind).toBe('broken');
      if (answer.kind !== 'broken') return;
      expect(answer.message).toMatch(message);
      expect(answer.stderrTail).toMatch(stderr);
      expect(await ask(session, 'next', 'next')).toEqual({
        kind: 'signature',
        signature: mac('next'),
      });
    },
  );

  test('times out a hang and carries on', async () => {
    const session = await start('hang', 300);
    const answer = await ask(session, 't', 'trigger');
    expect(answer).toMatchObject({ kind: 'broken', message: 'timed out after 300 ms' });
    expect(await ask(session, 'next', 'next')).toEqual({
      kind: 'signature',
      signature: mac('next'),
    });
  });

  test('a process that cannot say hello fails to start with its stderr', async () => {
    await expect(start('no-hello')).rejects.toThrow(
      /failed to start: ended before answering.*\n.*missing configuration/s,
    );
  });

  test('refusals are answers, not failures', async () => {
    const session = await start('good');
    expect(
      await session.sign({ id: 'e', body: encoder.encode('{}'), secret: new Uint8Array() }),
    ).toEqual({
      kind: 'refused',
      message: 'empty secret',
    });
  });
});
