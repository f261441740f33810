/**
 * Answers decoded back with the upstream response messages equal the emulator's state:
 * what a room was created with, the seeded recordings, int64 values exact.
 */
import { fromJson, type JsonValue, toJson } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH_ROUTES,
  messageSchema,
  protocolRegistry,
  startTestServer,
  type TestServer,
} from '../src/index.js';
import { post, sign } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKey: 'state-key', secret: 'state-secret' });
});
afterAll(() => server.close());

/** Calls `endpoint` and decodes the answer strictly into its upstream response message. */
async function decoded(endpoint: string, request: unknown): Promise<Record<string, unknown>> {
  const body = JSON.stringify(request);
  const answer = await post(`${server.url}/auth/${endpoint}`, body, {
    'API-KEY': 'state-key',
    'HASH-SIGNATURE': sign(body, 'state-secret'),
  });
  expect(answer.status).toBe(200);
  const route = AUTH_ROUTES.find((r) => r.path === `/auth/${endpoint}`);
  const schema = messageSchema(route?.response ?? '');
  const registry = protocolRegistry();
  // Strict: an unknown field or a wrong type in the answer throws here.
  const message = fromJson(schema, JSON.parse(answer.text) as JsonValue, { registry });
  return toJson(schema, message, { useProtoFieldName: true, registry }) as Record<string, unknown>;
}

describe('answers equal the emulator’s state', () => {
  it('a created room is what room/getActiveRoomInfo returns, and active until ended', async () => {
    const created = await decoded('room/create', {
      room_id: 'state-room',
      metadata: { room_title: 'État «réel» ☃', room_features: { allow_webcams: true } },
    });
    expect(created.status).toBe(true);
    const active = server.state.rooms.get('state-room');
    expect(active?.room_title).toBe('État «réel» ☃');

    const info = (await decoded('room/getActiveRoomInfo', { room_id: 'state-room' })) as {
      room: { room_info: Record<string, unknown> };
    };
    expect(info.room.room_info).toMatchObject({
      room_id: active?.room_id,
      sid: active?.sid,
      room_title: active?.room_title,
      creation_time: active?.creation_time,
    });
    expect((await decoded('room/isRoomActive', { room_id: 'state-room' })).is_active).toBe(true);
    await decoded('room/endRoom', { room_id: 'state-room' });
    expect(server.state.rooms.has('state-room')).toBe(false);
    expect((await decoded('room/isRoomActive', { room_id: 'state-room' })).is_active).toBeFalsy();
  });

  it('recording/fetch lists the seeded recordings exactly, int64 values as the state holds them', async () => {
    const fetched = (await decoded('recording/fetch', {
      room_ids: ['seeded-room'],
      limit: 10,
    })) as {
      result: { total_recordings: string; recordings_list: Array<Record<string, unknown>> };
    };
    const seeded = [...server.state.recordings.values()].filter((r) => r.room_id === 'seeded-room');
    expect(fetched.result.total_recordings).toBe(String(seeded.length));
    const byId = new Map(fetched.result.recordings_list.map((r) => [r.record_id, r]));
    for (const recording of seeded) {
      const listed = byId.get(recording.record_id);
      expect(listed, String(recording.record_id)).toBeDefined();
      expect(listed?.creation_time).toBe(recording.creation_time);
      expect(listed?.room_creation_time).toBe(recording.room_creation_time);
      expect(listed?.file_path).toBe(recording.file_path);
    }
  });
});
