/**
 * `lostValues` with the answer's message descriptor follows protojson's rule for defaults:
 * an SDK that parses an answer into a protobuf message and writes it back (the PHP SDK's
 * `serializeToJsonString()`) leaves out what protojson leaves out, and that is no loss; a
 * value that differs from its default, or a field with presence, must still come back.
 *
 * Every input comes from the real upstream descriptors the emulator bundles: the sent answer
 * is the emulator's own encoding (`answerMessage`: Go's `EmitUnpopulated`), the SDK's answer
 * is protobuf-es's `toJson` of the same message (protojson without `EmitUnpopulated`), an
 * independent encoder. Spawns nothing.
 */
import { type DescMessage, fromJson, type JsonValue, ScalarType, toJson } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence } from '@bufbuild/protobuf/wkt';
import {
  AUTH_ROUTES,
  answerMessage,
  encodeProtoJson,
  messageSchema,
  protocolRegistry,
  webhookBody,
} from '@plugnmeet-signing/test-server';
import { describe, expect, test } from 'vitest';
import { lostValues } from '../src/judges/lost-values.js';
import { type ExactJson, parseExactJson } from '../src/values/exact-json.js';

type JsonObject = Record<string, unknown>;

/**
 * A value of `schema` with every message field present (one item in each list of
 * messages), a few levels deep, and every scalar, enum and map left at its default: the
 * answer where protojson leaves out the most.
 */
function present(schema: DescMessage, depth: number): JsonObject {
  const value: JsonObject = {};
  if (depth === 0) return value;
  for (const field of schema.fields) {
    if (field.oneof) continue;
    if (field.fieldKind === 'message' && !field.message.typeName.startsWith('google.protobuf.'))
      value[field.name] = present(field.message, depth - 1);
    if (field.fieldKind === 'list' && field.listKind === 'message')
      value[field.name] = [present(field.message, depth - 1)];
  }
  return value;
}

/** What the emulator sends for `fields`: Go's protojson with `EmitUnpopulated`, as bytes read back. */
function sentBy(emulator: string, fields: JsonObject): ExactJson {
  return parseExactJson(encodeProtoJson(answerMessage(emulator, fields), false));
}

/** What an SDK that round-trips the answer through a protobuf message gives back. */
function roundTripped(
  schema: DescMessage,
  sent: ExactJson,
  useProtoFieldName: boolean,
): JsonObject {
  const registry = protocolRegistry();
  const message = fromJson(schema, JSON.parse(JSON.stringify(sent)) as JsonValue, { registry });
  return toJson(schema, message, { registry, useProtoFieldName }) as JsonObject;
}

/** Every `kind` of field that is in `sent` and not in `got`, walking both with `schema`. */
function omittedKinds(schema: DescMessage, sent: unknown, got: unknown, kinds: Set<string>) {
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return;
  const there = (got ?? {}) as JsonObject;
  for (const field of schema.fields) {
    if (!(field.name in sent)) continue;
    const value = (sent as JsonObject)[field.name];
    const back = there[field.name] ?? there[field.jsonName];
    if (back === undefined && value !== null) {
      kinds.add(
        field.fieldKind === 'scalar' ? `scalar ${ScalarType[field.scalar]}` : field.fieldKind,
      );
    }
    if (field.fieldKind === 'message') omittedKinds(field.message, value, back, kinds);
    if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
      for (const [i, item] of value.entries())
        omittedKinds(field.message, item, (back as unknown[] | undefined)?.[i], kinds);
    }
  }
}

describe('lostValues with the answer’s descriptor: protojson’s rule for defaults', () => {
  test.each([true, false])(
    'every route: an answer round-tripped through a protobuf message loses nothing (proto names: %s)',
    (useProtoFieldName) => {
      const kinds = new Set<string>();
      for (const route of AUTH_ROUTES) {
        const schema = messageSchema(route.response);
        const sent = sentBy(route.response, present(schema, 4));
        const got = parseExactJson(JSON.stringify(roundTripped(schema, sent, useProtoFieldName)));
        expect({ route: route.path, lost: lostValues(sent, got, schema) }).toEqual({
          route: route.path,
          lost: [],
        });
        // Not vacuous: protojson did leave defaults out, and the strict rule calls them lost.
        expect(lostValues(sent, got).length, route.path).toBeGreaterThan(0);
        omittedKinds(
          schema,
          JSON.parse(JSON.stringify(sent)),
          JSON.parse(JSON.stringify(got)),
          kinds,
        );
      }
      // false, "", int64 as "0", int32 0, the zero enum, an empty list and an empty map.
      expect([...kinds]).toEqual(
        expect.arrayContaining([
          'scalar BOOL',
          'scalar STRING',
          'scalar INT64',
          'scalar INT32',
          'enum',
          'list',
          'map',
        ]),
      );
    },
  );

  test('a value that differs from its default and is missing is lost', () => {
    for (const route of AUTH_ROUTES) {
      const schema = messageSchema(route.response);
      // The first implicit string of the message, set to something other than "".
      const field = schema.fields.find(
        (f) =>
          f.fieldKind === 'scalar' &&
          f.scalar === ScalarType.STRING &&
          f.presence === FeatureSet_FieldPresence.IMPLICIT,
      );
      if (!field) continue;
      const sent = sentBy(route.response, {
        ...present(schema, 2),
        [field.name]: 'not the default',
      });
      const got = roundTripped(schema, sent, true);
      expect(got[field.name]).toBe('not the default');
      delete got[field.name];
      expect(lostValues(sent, parseExactJson(JSON.stringify(got)), schema)).toEqual([
        `${field.name}: sent "not the default", got nothing`,
      ]);
    }
  });

  test('a message field that was sent and is missing is lost, empty or not', () => {
    let checked = 0;
    for (const route of AUTH_ROUTES) {
      const schema = messageSchema(route.response);
      const field = schema.fields.find((f) => f.fieldKind === 'message' && !f.oneof);
      if (!field) continue;
      const sent = sentBy(route.response, { [field.name]: {} });
      const got = roundTripped(schema, sent, true);
      expect(got[field.name]).toEqual({}); // protojson writes a present empty message
      delete got[field.name];
      expect(lostValues(sent, parseExactJson(JSON.stringify(got)), schema)).toEqual([
        `${field.name}: sent an object, got nothing`,
      ]);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  test('an optional field sent at its default and missing is lost', () => {
    let checked = 0;
    for (const route of AUTH_ROUTES) {
      const schema = messageSchema(route.response);
      const field = schema.fields.find(
        (f) => f.fieldKind === 'scalar' && f.proto.proto3Optional && f.scalar === ScalarType.STRING,
      );
      if (!field) continue;
      const sent = sentBy(route.response, { [field.name]: '' });
      const got = roundTripped(schema, sent, true);
      expect(got[field.name]).toBe(''); // protojson keeps a set optional at its default
      delete got[field.name];
      expect(lostValues(sent, parseExactJson(JSON.stringify(got)), schema)).toEqual([
        `${field.name}: sent "", got nothing`,
      ]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  test('a oneof member sent at its default and missing is lost', () => {
    const schema = messageSchema('livekit.DataTrackFrameEncoding');
    const member = schema.fields.find(
      (f) => f.oneof && f.fieldKind === 'scalar' && f.scalar === ScalarType.STRING,
    );
    expect(member).toBeDefined();
    const name = member?.name ?? '';
    const message = fromJson(schema, { [name]: '' }, { registry: protocolRegistry() });
    const sent = parseExactJson(
      JSON.stringify(toJson(schema, message, { useProtoFieldName: true })),
    );
    expect(sent).toEqual({ [name]: '' });
    expect(lostValues(sent, {}, schema)).toEqual([`${name}: sent "", got nothing`]);
  });

  test('a webhook event: the notifier’s optional fields sent at 0 must come back', () => {
    const schema = messageSchema('plugnmeet.CommonNotifyEvent');
    const body = webhookBody(
      { event: 'room_started', room: { room_id: 'r1', num_participants: 0 }, created_at: '1' },
      false,
    );
    const sent = parseExactJson(new TextDecoder().decode(body));
    const got = roundTripped(schema, sent, true) as { room: JsonObject };
    expect(lostValues(sent, parseExactJson(JSON.stringify(got)), schema)).toEqual([]);
    expect(got.room.num_participants).toBe(0);
    delete got.room.num_participants;
    expect(lostValues(sent, parseExactJson(JSON.stringify(got)), schema)).toEqual([
      'room.num_participants: sent 0, got nothing',
    ]);
  });

  test('without a descriptor, the strict rule: every value sent must come back', () => {
    const sent = parseExactJson('{"status":false,"msg":"","count":"0","list":[]}');
    expect(lostValues(sent, {})).toEqual([
      'status: sent false, got nothing',
      'msg: sent "", got nothing',
      'count: sent "0", got nothing',
      'list: sent a list, got nothing',
    ]);
  });
});
