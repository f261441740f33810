/**
 * Argument errors: every export refuses a wrong type with a coded SignerError whose message
 * names the parameter; the async exports reject (never throw synchronously); an empty secret
 * is refused on both paths with ERR_SIGNER_EMPTY_SECRET.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import * as web from '../src/index.js';
import * as node from '../src/node.js';
import { caught, expectSignerError, oracle, SAMPLE_SECRET } from './helpers.js';

const SIG = '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5';
const BODY = '{"room_id":"room01"}';

/** The wrong types named in the brief, plus a few more a caller could plausibly pass. */
const wrongTypes: [string, unknown][] = [
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
  ['an ArrayBuffer', new ArrayBuffer(4)],
  ['an array', [1, 2, 3]],
  ['a plain object', { length: 1, 0: 1 }],
  ['a boolean', true],
  ['a bigint', 1n],
  ['a Uint16Array', new Uint16Array(2)],
  ['a DataView', new DataView(new ArrayBuffer(2))],
  ['a String object', new String('x')],
];

/** A wrong type can still be valid for a field that takes objects (a JSON body). */
const notAString = wrongTypes;
const notAnObject = wrongTypes.filter(([, value]) => typeof value !== 'object' || value === null);

type Call = (value: never) => unknown;

interface Case {
  name: string;
  parameter: string;
  async: boolean;
  call: Call;
  values: [string, unknown][];
}

const cases: Case[] = [];
function add(name: string, parameter: string, async: boolean, call: Call, values = wrongTypes) {
  cases.push({ name, parameter, async, call, values });
}

const signer = await web.createSigner(SAMPLE_SECRET);
for (const [label, mod, async] of [
  ['sign', web.sign, true],
  ['signSync', node.signSync, false],
] as const) {
  add(label, 'body', async, (v) => mod(v, SAMPLE_SECRET));
  add(label, 'secret', async, (v) => mod(BODY, v));
}
for (const [label, mod, async] of [
  ['verify', web.verify, true],
  ['verifySync', node.verifySync, false],
] as const) {
  add(label, 'body', async, (v) => mod(v, SIG, SAMPLE_SECRET));
  add(label, 'signature', async, (v) => mod(BODY, v, SAMPLE_SECRET), notAString);
  add(label, 'secret', async, (v) => mod(BODY, SIG, v));
}
add('createSigner', 'secret', true, (v) => web.createSigner(v));
add('Signer#sign', 'body', true, (v) => signer.sign(v));
add('Signer#verify', 'body', true, (v) => signer.verify(v, SIG));
add('Signer#verify', 'signature', true, (v) => signer.verify(BODY, v), notAString);
add('isWellFormedSignature', 'signature', false, (v) => web.isWellFormedSignature(v));
add('serializeBody', 'body', false, (v) => web.serializeBody(v), [
  ...notAnObject,
  ['an ArrayBuffer', new ArrayBuffer(4)],
  ['a Uint8Array', new Uint8Array(2)],
  ['a Uint16Array', new Uint16Array(2)],
  ['a DataView', new DataView(new ArrayBuffer(2))],
  ['a function', () => 1],
  ['a symbol', Symbol('x')],
]);
for (const [label, prepare, async] of [
  ['prepareRequest', web.prepareRequest, true],
  ['prepareRequestSync', node.prepareRequestSync, false],
] as const) {
  const init = { apiKey: 'plugnmeet', secret: SAMPLE_SECRET, body: { room_id: 'room01' } };
  add(label, 'init', async, (v) => prepare(v), notAnObject.concat([['an array', [init]]]));
  add(label, 'apiKey', async, (v) => prepare({ ...init, apiKey: v }));
  add(label, 'secret', async, (v) => prepare({ ...init, secret: v }));
  add(label, 'body', async, (v) => prepare({ ...init, body: v }), [
    ...notAnObject,
    ['an ArrayBuffer', new ArrayBuffer(4)],
    ['a Uint8Array', new Uint8Array(2)],
    ['a function', () => 1],
  ]);
}
for (const [label, prepare, async] of [
  ['prepareMultipartRequest', web.prepareMultipartRequest, true],
  ['prepareMultipartRequestSync', node.prepareMultipartRequestSync, false],
] as const) {
  const init = { apiKey: 'plugnmeet', secret: SAMPLE_SECRET, roomId: 'room01' };
  add(label, 'init', async, (v) => prepare(v), notAnObject.concat([['an array', [init]]]));
  add(label, 'apiKey', async, (v) => prepare({ ...init, apiKey: v }));
  add(label, 'roomId', async, (v) => prepare({ ...init, roomId: v }));
  add(label, 'secret', async, (v) => prepare({ ...init, secret: v }));
}

describe.each(cases)('$name($parameter)', ({ parameter, async, call, values }) => {
  test.each(values)(
    `refuses %s with ERR_SIGNER_INVALID_ARGUMENT naming "${parameter}"`,
    async (_, value) => {
      if (async) {
        // The async API never throws synchronously: every error is a rejection.
        let result: unknown;
        expect(() => {
          result = call(value as never);
        }).not.toThrow();
        expect(result).toBeInstanceOf(Promise);
        expectSignerError(await caught(() => result), 'ERR_SIGNER_INVALID_ARGUMENT', parameter);
      } else {
        expect(() => call(value as never)).toThrow();
        expectSignerError(
          await caught(() => call(value as never)),
          'ERR_SIGNER_INVALID_ARGUMENT',
          parameter,
        );
      }
    },
  );
});

describe('an empty secret is refused on both paths', () => {
  const empties: [string, string | Uint8Array][] = [
    ['an empty string', ''],
    ['an empty Uint8Array', new Uint8Array(0)],
    ['an empty view of a larger buffer', new Uint8Array(8).subarray(4, 4)],
  ];
  const calls: [string, (secret: never) => unknown][] = [
    ['sign', (s) => web.sign(BODY, s)],
    ['signSync', (s) => node.signSync(BODY, s)],
    ['verify', (s) => web.verify(BODY, SIG, s)],
    ['verifySync', (s) => node.verifySync(BODY, SIG, s)],
    ['createSigner', (s) => web.createSigner(s)],
    ['prepareRequest', (s) => web.prepareRequest({ apiKey: 'k', secret: s, body: '{}' })],
    ['prepareRequestSync', (s) => node.prepareRequestSync({ apiKey: 'k', secret: s, body: '{}' })],
    [
      'prepareMultipartRequest',
      (s) => web.prepareMultipartRequest({ apiKey: 'k', secret: s, roomId: 'r' }),
    ],
    [
      'prepareMultipartRequestSync',
      (s) => node.prepareMultipartRequestSync({ apiKey: 'k', secret: s, roomId: 'r' }),
    ],
  ];
  for (const [name, call] of calls) {
    test.each(empties)(`${name} refuses %s with ERR_SIGNER_EMPTY_SECRET`, async (_, secret) => {
      expectSignerError(
        await caught(() => call(secret as never)),
        'ERR_SIGNER_EMPTY_SECRET',
        'secret',
      );
    });
  }
  test('verify refuses the empty secret even for the signature node:crypto would give it', async () => {
    const withEmptyKey = oracle(BODY, '');
    expectSignerError(
      await caught(() => node.verifySync(BODY, withEmptyKey, '')),
      'ERR_SIGNER_EMPTY_SECRET',
    );
    expectSignerError(
      await caught(() => web.verify(BODY, withEmptyKey, '')),
      'ERR_SIGNER_EMPTY_SECRET',
    );
  });
});

describe('error objects', () => {
  test('SignerError is an Error with a stable code, name and no secret in its message', async () => {
    const secret = 'do-not-leak-me';
    const error = await caught(() => node.signSync(7 as never, secret));
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(web.SignerError);
    expect(error).toBeInstanceOf(node.SignerError);
    expect((error as Error).message).toBe('"body" expected a string or Uint8Array, got a number');
    expect((error as Error).message).not.toContain(secret);
  });

  test('isSignerError recognises look-alikes from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'SignerError',
      code: 'ERR_SIGNER_EMPTY_SECRET',
    });
    expect(web.isSignerError(foreign)).toBe(true);
    expect(web.isSignerError(new Error('x'))).toBe(false);
    expect(web.isSignerError({ name: 'SignerError', code: 'X' })).toBe(false);
    expect(web.isSignerError(null)).toBe(false);
  });

  test('ERR_SIGNER_SERIALIZE keeps the JSON.stringify error as its cause', async () => {
    const error = await caught(() => web.serializeBody({ n: 1n }));
    expectSignerError(error, 'ERR_SIGNER_SERIALIZE', 'body');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe('what is accepted', () => {
  test('a Uint8Array from another realm (vm context) is accepted as bytes', async () => {
    let foreign: Uint8Array;
    try {
      foreign = runInNewContext('new Uint8Array([123, 125])') as Uint8Array;
    } catch {
      return; // no node:vm contexts on this runtime
    }
    expect(foreign instanceof Uint8Array).toBe(false);
    const expected = oracle('{}', SAMPLE_SECRET);
    expect(node.signSync(foreign, SAMPLE_SECRET)).toBe(expected);
    expect(await web.sign(foreign, SAMPLE_SECRET)).toBe(expected);
    expect(node.verifySync(foreign, expected, SAMPLE_SECRET)).toBe(true);
    expect(await web.verify(foreign, expected, SAMPLE_SECRET)).toBe(true);
  });

  test('a Uint8Array over a SharedArrayBuffer is signed like any other', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(2));
    shared.set([123, 125]);
    const expected = oracle('{}', SAMPLE_SECRET);
    expect(node.signSync(shared, SAMPLE_SECRET)).toBe(expected);
    expect(await web.sign(shared, SAMPLE_SECRET)).toBe(expected);
    expect(await web.verify(shared, expected, shared.slice().fill(0x41))).toBe(false);
  });
});
