import { AUTH_ROUTES, type TestServer } from '@plugnmeet-signing/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, type PlugNmeet } from '../src/index.js';
import { roomRequest, runtime, setup } from './helpers.js';

// Every route the server has, called the way a user calls it: through the typed method
// (or, for the deprecated recording/recordingInfo alias, the generic request). The emulator
// parses each body with the upstream request message: nothing may be dropped, and the
// valid inputs below must pass the upstream protovalidate rules.
let server: TestServer;
let client: PlugNmeet;
beforeAll(async () => {
  ({ server, client } = await setup({ commaSpace: 'random' }));
});
afterAll(() => server.close());

const rows: [path: string, call: (c: PlugNmeet) => Promise<unknown>][] = [
  ['room/create', (c) => c.createRoom(roomRequest('proto-room'))],
  [
    'room/getJoinToken',
    (c) =>
      c.getJoinToken({
        room_id: 'proto-room',
        user_info: { name: 'Ana', user_id: 'ana', is_admin: true },
      }),
  ],
  ['room/isRoomActive', (c) => c.isRoomActive({ room_id: 'proto-room' })],
  ['room/getActiveRoomInfo', (c) => c.getActiveRoomInfo({ room_id: 'proto-room' })],
  ['room/getActiveRoomsInfo', (c) => c.getActiveRoomsInfo()],
  [
    'room/broadcastToRoom',
    (c) => c.broadcastToRoom({ room_id: 'proto-room', chat_msg: { message: 'hello' } }),
  ],
  [
    'room/uploadWhiteboardFile',
    (c) =>
      c.uploadWhiteboardFile({ room_id: 'proto-room', document_link: 'https://example.com/a.pdf' }),
  ],
  ['room/endRoom', (c) => c.endRoom({ room_id: 'proto-room' })],
  [
    'room/fetchPastRooms',
    (c) => c.fetchPastRooms({ room_ids: ['proto-room'], limit: 5, order_by: 'ASC' }),
  ],
  ['recording/fetch', (c) => c.fetchRecordings({ room_ids: ['seeded-room'], limit: 10 })],
  ['recording/info', (c) => c.getRecordingInfo({ record_id: 'RM_seed01-1755684001' })],
  [
    'recording/recordingInfo',
    (c) => c.request('recording/recordingInfo', { record_id: 'RM_seed01-1755684001' }),
  ],
  [
    'recording/updateMetadata',
    (c) =>
      c.updateRecordingMetadata({
        record_id: 'RM_seed01-1755684001',
        metadata: { title: 'Renamed', description: 'why', extra_data: { k: 'v' } },
      }),
  ],
  [
    'recording/mergeRecordings',
    (c) =>
      c.mergeRecordings({
        by_ids: {
          room_id: 'seeded-room',
          recording_ids: ['RM_seed01-1755684001', 'RM_seed01-1755684002'],
        },
      }),
  ],
  [
    'recording/getDownloadToken',
    (c) => c.getRecordingDownloadToken({ record_id: 'RM_seed01-1755684001' }),
  ],
  ['recording/delete', (c) => c.deleteRecording({ record_id: 'RM_seed01-1755684002' })],
  ['artifact/fetch', (c) => c.fetchArtifacts({ room_ids: ['seeded-room'], limit: 10 })],
  ['artifact/info', (c) => c.getArtifactInfo({ artifact_id: 'AR_summary01' })],
  ['artifact/getDownloadToken', (c) => c.getArtifactDownloadToken({ artifact_id: 'AR_summary01' })],
  ['artifact/delete', (c) => c.deleteArtifact({ artifact_id: 'AR_usage01' })],
  ['analytics/fetch', (c) => c.fetchAnalytics({ room_ids: ['seeded-room'] })],
  ['analytics/getDownloadToken', (c) => c.getAnalyticsDownloadToken({ file_id: 'AN_seed01' })],
  ['analytics/delete', (c) => c.deleteAnalytics({ file_id: 'AN_seed01' })],
  ['getClientFiles', (c) => c.getClientFiles()],
];

describe(`every /auth route against the upstream definitions, on ${runtime}`, () => {
  it('covers every route of the server and every typed method', () => {
    expect(rows.map(([path]) => `/auth/${path}`).sort()).toEqual(
      AUTH_ROUTES.map((r) => r.path).sort(),
    );
    const typed = Object.values(ENDPOINTS).map((e) => e.path);
    for (const path of typed) expect(rows.map(([p]) => p)).toContain(path);
  });

  it.each(rows)('%s: signed, parsed with no dropped field, valid, answered', async (path, call) => {
    const before = server.requests.length;
    await call(client);
    const request = server.requests[before];
    expect(request?.path).toBe(`/auth/${path}`);
    expect(request?.auth?.ok).toBe(true);
    const route = AUTH_ROUTES.find((r) => r.path === `/auth/${path}`);
    if (route?.request) {
      expect(request?.protocol).toEqual({
        message: route.request,
        dropped_fields: [],
        verdict: 'ok',
      });
    } else {
      // Routes whose handler never parses a body (or reads a multipart form).
      expect(request?.protocol).toBeUndefined();
    }
    expect(request?.response.status).toBe(200);
  });
});
