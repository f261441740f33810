/**
 * Reading an SDK's reply without rounding, and telling which of the server's values it
 * lost. Spawns nothing.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lostValues } from '../src/judges/lost-values.js';
import { type ExactJson, ExactNumber, parseExactJson } from '../src/values/exact-json.js';

/** Back to plain JSON, numbers as JSON.parse would read them: the independent oracle. */
function plain(value: ExactJson): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('parseExactJson', () => {
  test('keeps the digits JSON.parse rounds away', () => {
    const value = parseExactJson('{"a":[9007199254740993, -12345678901234567890, 1.5e3]}') as {
      a: ExactNumber[];
    };
    expect(value.a.map((n) => n.text)).toEqual([
      '9007199254740993',
      '-12345678901234567890',
      '1.5e3',
    ]);
    expect(value.a[0]?.integer()).toBe(9007199254740993n);
    expect(value.a[2]?.integer()).toBeUndefined();
  });

  test('reads what JSON.parse reads, the same way', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (json, pretty) => {
        const text = pretty ? JSON.stringify(json, null, 2) : JSON.stringify(json);
        expect(plain(parseExactJson(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test.each(['', '{', '{"a":1,}', '[1 2]', '"\\x"', 'nul', '{} x', '01'])(
    'refuses %j like JSON.parse does',
    (text) => {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => parseExactJson(text)).toThrow(SyntaxError);
    },
  );

  // lossless-json throws on a key repeated with a different value unless told otherwise:
  // a reply is read as JSON.parse read it a moment before, the last value kept.
  test('a repeated key keeps its last value, as JSON.parse does', () => {
    const text = '{"a":1,"b":[2],"a":{"c":3},"b":[2]}';
    expect(plain(parseExactJson(text))).toEqual(JSON.parse(text));
    expect(Object.keys(parseExactJson(text) as object)).toEqual(['a', 'b']);
  });

  test('a "__proto__" key is data, not a prototype', () => {
    const value = parseExactJson('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('lostValues', () => {
  const sent = parseExactJson(
    '{"status":true,"msg":"ok","room_info":{"room_id":"r1","creation_time":"1733130000123456789","joined_participants":"3"},"extra":null,"ids":["1","2"]}',
  );

  test.each([
    [
      'the same text',
      '{"status":true,"msg":"ok","room_info":{"room_id":"r1","creation_time":"1733130000123456789","joined_participants":"3"},"extra":null,"ids":["1","2"]}',
    ],
    [
      'int64 as exact integers',
      '{"status":true,"msg":"ok","room_info":{"room_id":"r1","creation_time":1733130000123456789,"joined_participants":3},"ids":[1,2]}',
    ],
    [
      'JSON names instead of proto names',
      '{"status":true,"msg":"ok","roomInfo":{"roomId":"r1","creationTime":"1733130000123456789","joinedParticipants":"3"},"ids":["1","2"],"sdkOwn":1}',
    ],
  ])('nothing is lost: %s', (_, got) => {
    expect(lostValues(sent, parseExactJson(got))).toEqual([]);
  });

  test.each([
    [
      'an int64 through a double',
      '"creation_time":1733130000123456800',
      'room_info.creation_time: sent "1733130000123456789", got 1733130000123456800',
    ],
    [
      'an int64 written as a float',
      '"creation_time":1.7331300001234568e18',
      'room_info.creation_time: sent "1733130000123456789", got 1.7331300001234568e18',
    ],
    [
      'a dropped field',
      '"creation_time_x":"1733130000123456789"',
      'room_info.creation_time: sent "1733130000123456789", got nothing',
    ],
  ])('names what was lost: %s', (_, replacement, message) => {
    const text = JSON.stringify(plain(sent)).replace(
      '"creation_time":"1733130000123456789"',
      replacement,
    );
    expect(lostValues(sent, parseExactJson(text))).toEqual([message]);
  });

  test('a list of another length and a scalar for an object', () => {
    const got = parseExactJson('{"status":true,"msg":"ok","room_info":"r1","ids":["1"]}');
    expect(lostValues(sent, got)).toEqual([
      'room_info: sent an object, got "r1"',
      'ids: sent 2 items, got 1',
    ]);
  });

  test('status:false read as success is a changed value', () => {
    const failed = parseExactJson('{"status":false,"msg":"room not found"}');
    expect(lostValues(failed, parseExactJson('{"status":true,"msg":"room not found"}'))).toEqual([
      'status: sent false, got true',
    ]);
  });

  test('an ExactNumber serializes as a JSON number', () => {
    expect(JSON.stringify({ n: new ExactNumber('12') })).toBe('{"n":12}');
  });
});
