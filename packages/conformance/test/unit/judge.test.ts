/** Judging answers against the reference: table-driven, nothing spawned. */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { judgeSign } from '../../src/judges/sign.js';
import { judgeVerify } from '../../src/judges/verify.js';
import { judgeWire } from '../../src/judges/wire.js';
import type { SignAnswer, VerifyAnswer, WireAnswer } from '../../src/model.js';
import { referenceSignature } from '../../src/reference.js';
import { emptyKeyMac } from '../../src/vector-check.js';

const utf8 = new TextEncoder();
const body = utf8.encode('{"room_id":"room01"}');
const secret = utf8.encode('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
const right = referenceSignature(body, secret) as string;
const of = (bytes: Uint8Array) => referenceSignature(bytes, secret) as string;
const withNewline = new Uint8Array([...body, 0x0a]);
const signature = (s: string): SignAnswer => ({ kind: 'signature', signature: s });
const sent = (s: string, bytes: Uint8Array, serverRefusal?: string): WireAnswer => ({
  kind: 'sent',
  signature: s,
  body: bytes,
  ...(serverRefusal ? { serverRefusal } : {}),
});

describe('judgeSign', () => {
  test.each<[string, Uint8Array, SignAnswer, boolean, { outcome: string; cause?: string }]>([
    ['the reference signature', secret, signature(right), false, { outcome: 'pass' }],
    [
      'uppercase hex is a divergence',
      secret,
      signature(right.toUpperCase()),
      false,
      { outcome: 'fail' },
    ],
    [
      'nothing reproduces a random digest',
      secret,
      signature(createHash('sha256').update('x').digest('hex')),
      false,
      { outcome: 'fail', cause: 'unexplained' },
    ],
    [
      'refusing an input the reference signs',
      secret,
      { kind: 'refused', message: 'no' },
      false,
      { outcome: 'fail', cause: 'refused-valid-input' },
    ],
    [
      'refusing the empty secret',
      new Uint8Array(),
      { kind: 'refused', message: 'empty' },
      false,
      { outcome: 'pass' },
    ],
    [
      'signing the empty secret with the true MAC, where allowed',
      new Uint8Array(),
      signature(emptyKeyMac(body)),
      true,
      { outcome: 'pass' },
    ],
    [
      'signing the empty secret wrongly',
      new Uint8Array(),
      signature(right),
      true,
      { outcome: 'fail' },
    ],
    [
      'unrepresentable is its own outcome',
      secret,
      { kind: 'unrepresentable', reason: 'NUL' },
      false,
      { outcome: 'unrepresentable' },
    ],
    [
      'broken is an error with cause broken',
      secret,
      { kind: 'broken', message: 'crashed', stderrTail: 'trace' },
      false,
      { outcome: 'error', cause: 'broken' },
    ],
  ])('%s', (_name, key, answer, refusalAcceptable, expected) => {
    expect(judgeSign(body, key, answer, refusalAcceptable)).toMatchObject(expected);
  });

  test('a reproduced cause names the transform and explains it', () => {
    // `$(…)` took the body's trailing newline: the digest is of the body without it.
    const judgement = judgeSign(withNewline, secret, signature(of(body)));
    expect(judgement).toMatchObject({ outcome: 'fail', cause: 'trailing-newlines-stripped' });
    expect(judgement.explanation).toContain('trailing newlines were stripped');
  });
});

describe('judgeWire', () => {
  test('the exact bytes and the right signature, accepted, pass', () => {
    expect(judgeWire(body, secret, sent(right, body))).toMatchObject({ outcome: 'pass' });
  });

  test('the right bytes refused by the server fail as server-refused', () => {
    expect(judgeWire(body, secret, sent(right, body, '401 no'))).toMatchObject({
      outcome: 'fail',
      cause: 'server-refused',
    });
  });

  test("curl's @file reading is found from the bytes that arrived", () => {
    const at = utf8.encode('@x');
    const judgement = judgeWire(at, secret, sent(of(at), new Uint8Array()));
    expect(judgement).toMatchObject({ outcome: 'fail', cause: 'curl-data-at-file' });
    expect(judgement.explanation).toContain('bytes sent ≠ bytes signed');
  });

  test('nothing sent is a refusal for the empty secret, and a request that never left otherwise', () => {
    const nothing: WireAnswer = { kind: 'not-sent', message: 'exit 1', stderrTail: '' };
    expect(judgeWire(body, new Uint8Array(), nothing)).toMatchObject({ outcome: 'pass' });
    expect(judgeWire(body, secret, nothing)).toMatchObject({ outcome: 'error', cause: 'broken' });
  });
});

describe('judgeVerify', () => {
  const wrong = right.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  test.each<
    [string, string, 'valid' | 'invalid', VerifyAnswer, { outcome: string; cause?: string }]
  >([
    ['valid said valid', right, 'valid', { kind: 'verdict', valid: true }, { outcome: 'pass' }],
    [
      'invalid said invalid',
      wrong,
      'invalid',
      { kind: 'verdict', valid: false },
      { outcome: 'pass' },
    ],
    [
      'accepting a wrong signature',
      wrong,
      'invalid',
      { kind: 'verdict', valid: true },
      { outcome: 'fail', cause: 'accepts-invalid-signature' },
    ],
    [
      'rejecting the right signature',
      right,
      'valid',
      { kind: 'verdict', valid: false },
      { outcome: 'fail', cause: 'rejects-valid-signature' },
    ],
    [
      'refusing an invalid one counts as invalid',
      wrong,
      'invalid',
      { kind: 'refused', message: 'x' },
      { outcome: 'pass' },
    ],
    [
      'refusing a valid one',
      right,
      'valid',
      { kind: 'refused', message: 'x' },
      { outcome: 'fail', cause: 'refused-valid-input' },
    ],
  ])('%s', (_name, presented, stated, answer, expected) => {
    expect(judgeVerify(body, secret, presented, stated, answer)).toMatchObject(expected);
  });
});
