/**
 * The wire judgement (judges/wire.ts): bytes that reached the server must be the
 * input's and the signature right; a difference is explained by the transform reproducing it.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { judgeWire } from '../src/judges/wire.js';

const utf8 = new TextEncoder();
const secret = utf8.encode('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
const mac = (bytes: Uint8Array, key = secret) =>
  createHmac('sha256', key).update(bytes).digest('hex');
const FAILED = '401 Failed to verify provided authentication details.';

describe('judgeWire: the bytes sent', () => {
  test('the exact bytes and the right signature pass', () => {
    const body = utf8.encode('{"room_id":"room01"}');
    const judgement = judgeWire(body, secret, {
      kind: 'sent',
      signature: mac(body),
      body: body.slice(),
    });
    expect(judgement.outcome).toBe('pass');
  });

  test('bytes sent ≠ bytes signed is a fail whose cause reproduces the bytes sent', () => {
    const body = utf8.encode('{\n  "room_id": "room01"\r\n}');
    const sent = utf8.encode('{  "room_id": "room01"}');
    const judgement = judgeWire(body, secret, {
      kind: 'sent',
      signature: mac(body),
      body: sent,
      serverRefusal: FAILED,
    });
    expect(judgement.outcome).toBe('fail');
    expect(judgement.cause).toBe('newlines-stripped');
    expect(judgement.explanation).toMatch(
      /^bytes sent ≠ bytes signed: carriage returns and newlines/,
    );
    expect(judgement.explanation).toContain('the signature covers the input');
    expect(judgement.explanation).toContain(FAILED);
    expect(judgement.actual).toContain(`sent ${sent.length} bytes`);
  });

  test('curl reading a body that starts with @ as a file name', () => {
    const body = utf8.encode('@x');
    const judgement = judgeWire(body, secret, {
      kind: 'sent',
      signature: mac(body),
      body: new Uint8Array(),
      serverRefusal: FAILED,
    });
    expect(judgement.cause).toBe('curl-data-at-file');
  });

  test('bytes no transform reproduces are unexplained, with both lengths', () => {
    const body = utf8.encode('{"a":1}');
    const judgement = judgeWire(body, secret, {
      kind: 'sent',
      signature: mac(body),
      body: utf8.encode('{"b":2}'),
    });
    expect(judgement.outcome).toBe('fail');
    expect(judgement.cause).toBe('unexplained');
    expect(judgement.explanation).toContain('7 bytes arrived where the input has 7');
  });

  test('a sender that signs what it sends but sends other bytes than the input', () => {
    const body = utf8.encode('{ "a": 1 }');
    const sent = utf8.encode('{"a":1}');
    const judgement = judgeWire(body, secret, { kind: 'sent', signature: mac(sent), body: sent });
    expect(judgement.outcome).toBe('fail');
    expect(judgement.explanation).toMatch(
      /^bytes sent ≠ the input: .*the signature covers the bytes sent; the server accepted it$/,
    );
  });

  test('a wrong signature over unchanged bytes keeps its diagnosis and adds the server’s answer', () => {
    const body = utf8.encode('{"a":"x\\ny"}');
    const echoed = utf8.encode('{"a":"x\ny"}');
    const judgement = judgeWire(body, secret, {
      kind: 'sent',
      signature: mac(echoed),
      body: body,
      serverRefusal: FAILED,
    });
    expect(judgement.outcome).toBe('fail');
    expect(judgement.cause).toBe('echo-interprets-backslashes');
    expect(judgement.explanation).toContain(
      `the bytes arrived unchanged and the server answered ${FAILED}`,
    );
  });

  test('a right signature over the exact bytes that the server still refused', () => {
    const body = utf8.encode('{}');
    const judgement = judgeWire(body, secret, {
      kind: 'sent',
      signature: mac(body),
      body: body,
      serverRefusal: '401 Invalid API key provided.',
    });
    expect(judgement.outcome).toBe('fail');
    expect(judgement.cause).toBe('server-refused');
    expect(judgement.explanation).toContain('Invalid API key provided.');
  });

  test('an empty secret: no signature sent is the empty-signature cause, with the server’s words', () => {
    const body = utf8.encode('{}');
    const judgement = judgeWire(
      body,
      new Uint8Array(),
      {
        kind: 'sent',
        signature: '',
        body: body,
        serverRefusal: '401 Missing HASH-SIGNATURE header.',
      },
      true,
    );
    expect(judgement.outcome).toBe('fail');
    expect(judgement.cause).toBe('empty-signature');
    expect(judgement.explanation).toContain('Missing HASH-SIGNATURE header.');
  });
});
