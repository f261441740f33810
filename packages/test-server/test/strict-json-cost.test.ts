import { afterEach, describe, expect, it, vi } from 'vitest';
import { literalToken, stringText } from '../src/protocol/json-bytes.js';
import { parseRequestBody } from '../src/protocol/parse-request.js';
import { messageSchema } from '../src/protocol/registry.js';
import { strictJsonRefusal } from '../src/protocol/strict-json.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('the strict scan makes no text per literal or key (it held the loop for seconds)', () => {
  afterEach(() => vi.restoreAllMocks());
  const schema = messageSchema('plugnmeet.IsRoomActiveReq');

  it('an array of 10,000 literals: no TextDecoder call, no regex', () => {
    const literals = ['0', '-1.5e3', 'true', 'false', 'null', '12.25'];
    const body = encode(
      `{"room_id":"r","x":[${Array.from({ length: 10_000 }, (_, k) => literals[k % 6]).join(',')}]}`,
    );
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const test = vi.spyOn(RegExp.prototype, 'test');
    expect(strictJsonRefusal(schema, body)).toBeUndefined();
    expect(decode).not.toHaveBeenCalled();
    expect(test).not.toHaveBeenCalled();
  });

  it('an object of 10,000 keys: no JSON.parse and no TextDecoder call per key', () => {
    const keys = Array.from({ length: 10_000 }, (_, k) => `"key_${k}":{"inner_${k}":1}`);
    const body = encode(`{${keys.join(',')},"room_id":"r"}`);
    const parse = vi.spyOn(JSON, 'parse');
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    expect(strictJsonRefusal(schema, body)).toBeUndefined();
    expect(parse).not.toHaveBeenCalled();
    expect(decode).not.toHaveBeenCalled();
  });

  it('still refuses what it refused, in Go words, with the text made only then', () => {
    expect(strictJsonRefusal(schema, encode('{"room_id":"a","room_\\u0069d":"b"}'))).toBe(
      'proto: (line 1:16): duplicate field "room_\\u0069d"',
    );
    expect(strictJsonRefusal(schema, encode('{"room_id":tru}'))).toBeUndefined();
    expect(strictJsonRefusal(schema, encode('{"room_id":12}'))).toBe(
      'proto: (line 1:12): invalid value for string field roomId: 12',
    );
  });
});

describe('byte-level tokens agree with the text they replaced', () => {
  const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
  // Every string of up to 4 characters from the literal alphabet that matters, plus words.
  const alphabet = ['0', '1', '9', '-', '+', '.', 'e', 'E', 'a'];
  const words = ['true', 'false', 'null', 'tru', 'nulll', 'True', '-0.0e+10', '01', '1.', '.5'];
  const samples = [...words];
  const grow = (prefix: string) => {
    if (prefix.length > 0) samples.push(prefix);
    if (prefix.length < 4) for (const c of alphabet) grow(prefix + c);
  };
  grow('');

  it(`literalToken: the same verdict as the regex and keywords on ${samples.length} words`, () => {
    for (const word of samples) {
      const expected = ['true', 'false', 'null'].includes(word)
        ? word
        : NUMBER.test(word)
          ? 'number'
          : undefined;
      expect([word, literalToken(encode(` ${word} `), 1, word.length + 1)]).toEqual([
        word,
        expected,
      ]);
    }
  });

  it.each([
    '"room_id"',
    '""',
    '"a\\u0062c"',
    '"\\"quoted\\""',
    '"é and 漢字"',
    `"${'x'.repeat(200)}"`,
    `"${'é'.repeat(100)}"`,
  ])('stringText(%s) is what JSON.parse makes of it', (json) => {
    const bytes = encode(`[${json}]`);
    expect(stringText(bytes, 1, bytes.length - 1)).toBe(JSON.parse(json));
  });
});

describe('dropped fields of a body with very many unknown keys', () => {
  it('lists 300,000 unknown keys of a nested message (a spread of them overflowed the stack)', () => {
    const keys = Array.from({ length: 300_000 }, (_, k) => `"u${k}":0`).join(',');
    const parsed = parseRequestBody(
      'plugnmeet.CreateRoomReq',
      `{"room_id":"r","metadata":{"room_title":"t",${keys}}}`,
    );
    expect(parsed.verdict.dropped_fields).toHaveLength(300_000);
    expect(parsed.verdict.dropped_fields.at(-1)).toBe('metadata.u299999');
  });
});
