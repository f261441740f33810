import type { TestServer } from '@plugnmeet-signing/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINTS, type PlugNmeet, PlugNmeetApiError } from '../src/index.js';
import { roomRequest, setup } from './helpers.js';

let server: TestServer;
let client: PlugNmeet;
beforeEach(async () => {
  ({ server, client } = await setup());
});
afterEach(() => server.close());

/** Every call went to the expected path and passed the server's signature check. */
function expectSignedCalls(paths: string[]) {
  expect(server.requests.map((r) => r.path)).toEqual(paths.map((p) => `/auth/${p}`));
  for (const request of server.requests) expect(request.auth?.ok).toBe(true);
}

describe('room endpoints', () => {
  it('create, join, inspect, broadcast and end a room', async () => {
    const created = await client.createRoom(roomRequest('r1'));
    expect(created.room_info?.room_id).toBe('r1');
    expect(created.room_info?.creation_time).toMatch(/^\d+$/);

    const { token } = await client.getJoinToken({
      room_id: 'r1',
      user_info: { name: 'Ana', user_id: 'ana', is_admin: true },
    });
    expect(token?.split('.')).toHaveLength(3);
    expect(client.joinUrl(token as string)).toBe(
      `${server.url}/?access_token=${encodeURIComponent(token as string)}`,
    );

    expect((await client.isRoomActive({ room_id: 'r1' })).is_active).toBe(true);
    const info = await client.getActiveRoomInfo({ room_id: 'r1' });
    expect(info.room?.participants_info[0]?.joined_at).toMatch(/^\d+$/);
    expect((await client.getActiveRoomsInfo()).rooms).toHaveLength(1);
    expect(
      await client.broadcastToRoom({ room_id: 'r1', chat_msg: { message: 'hello' } }),
    ).toMatchObject({ status: true });
    expect(
      await client.broadcastToRoom({
        room_id: 'r1',
        notification_msg: { text: 'hi', type: 'NATS_SYSTEM_NOTIFICATION_INFO' },
      }),
    ).toMatchObject({ status: true });
    expect(await client.endRoom({ room_id: 'r1' })).toMatchObject({
      status: true,
      status_code: 'SUCCESS',
    });
    const past = await client.fetchPastRooms({ room_ids: ['r1'] });
    expect(past.result.rooms_list[0]?.room_id).toBe('r1');
    expect(past.result.total_rooms).toBe('1');

    expectSignedCalls([
      'room/create',
      'room/getJoinToken',
      'room/isRoomActive',
      'room/getActiveRoomInfo',
      'room/getActiveRoomsInfo',
      'room/broadcastToRoom',
      'room/broadcastToRoom',
      'room/endRoom',
      'room/fetchPastRooms',
    ]);
    expect(server.requests[4]?.text).toBe('{}');
  });

  it('keeps fields no client knows yet instead of failing', async () => {
    const future = await setup({ unknownFields: true });
    try {
      const created = await future.client.createRoom(roomRequest('r1'));
      expect(created.x_future_field).toEqual({ added_in: '9.9.9', flag: true });
    } finally {
      await future.server.close();
    }
  });

  it('reads is_active, not status, for an inactive room', async () => {
    const res = await client.isRoomActive({ room_id: 'nope' });
    expect(res).toMatchObject({ status: true, is_active: false, status_code: 'ROOM_NOT_FOUND' });
  });

  it('turns NOT_FOUND of list calls into empty lists', async () => {
    expect((await client.getActiveRoomsInfo()).rooms).toEqual([]);
    expect(
      (await client.fetchPastRooms({ room_ids: ['none'], limit: 5, order_by: 'ASC' })).result,
    ).toEqual({
      total_rooms: '0',
      from: 0,
      limit: 5,
      order_by: 'ASC',
      rooms_list: [],
    });
    expect((await client.fetchRecordings({ room_ids: ['none'] })).result.recordings_list).toEqual(
      [],
    );
    expect((await client.fetchArtifacts({ room_ids: ['none'] })).result).toMatchObject({
      from: '0',
      limit: '20',
      artifacts_list: [],
    });
    expect((await client.fetchAnalytics({ room_ids: ['none'] })).result.analytics_list).toEqual([]);
  });

  it('uploads a whiteboard file or link as multipart, signed over Room-Id', async () => {
    await client.createRoom(roomRequest('wb'));
    server.clear();
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0xff]);
    expect(
      await client.uploadWhiteboardFile({
        room_id: 'wb',
        file: new Blob([pdf]),
        filename: 'slides.pdf',
      }),
    ).toMatchObject({ status: true });
    expect(
      await client.uploadWhiteboardFile({
        room_id: 'wb',
        document_link: 'https://example.com/a.pdf',
      }),
    ).toMatchObject({ status: true });
    const [file, link] = server.requests;
    expect(file?.auth).toMatchObject({ ok: true, mode: 'room-id' });
    expect(file?.headers['room-id']).toBe('wb');
    expect(file?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(link?.text).toContain('name="document_link"');
    const error = await client
      .uploadWhiteboardFile({ room_id: 'inactive', document_link: 'https://x/y.pdf' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlugNmeetApiError);
    expect(error).toMatchObject({ httpStatus: 400, statusCode: 'ROOM_NOT_ACTIVE' });
  });
});

describe('recording endpoints', () => {
  const id = 'RM_seed01-1755684001';
  it('fetch, info, update, merge, token, delete', async () => {
    const list = await client.fetchRecordings({ room_ids: ['seeded-room'], order_by: 'ASC' });
    expect(list.result.recordings_list.map((r) => r.record_id)).toEqual([
      id,
      'RM_seed01-1755684002',
    ]);
    expect(list.result.recordings_list[0]?.creation_time).toBe('1755684001');
    const info = await client.getRecordingInfo({ record_id: id });
    expect(info.room_info?.created).toBe('2026-08-20 10:00:00');
    await client.updateRecordingMetadata({
      record_id: id,
      metadata: { title: 'Lecture 1', extra_data: { a: 'b' } },
    });
    expect((await client.getRecordingInfo({ record_id: id })).recording_info?.metadata?.title).toBe(
      'Lecture 1',
    );
    expect(
      await client.mergeRecordings({
        by_ids: { room_id: 'seeded-room', recording_ids: [id, 'RM_seed01-1755684002'] },
      }),
    ).toMatchObject({ msg: 'successfully registered new recording merging task' });
    expect(await client.mergeRecordings({ by_session: { room_sid: 'RM_seed01' } })).toMatchObject({
      status: true,
    });
    const { token } = await client.getRecordingDownloadToken({ record_id: id });
    expect(token).toBeTruthy();
    expect(await client.getRecordingDownloadUrl({ record_id: id })).toMatch(
      new RegExp(`^${server.url}/download/recording/[\\w.-]+$`),
    );
    await client.deleteRecording({ record_id: id });
    await expect(client.deleteRecording({ record_id: id })).rejects.toMatchObject({
      code: 'ERR_PNM_API',
      statusCode: 'NOT_FOUND',
      msg: 'recording not found',
    });
    expectSignedCalls([
      'recording/fetch',
      'recording/info',
      'recording/updateMetadata',
      'recording/info',
      'recording/mergeRecordings',
      'recording/mergeRecordings',
      'recording/getDownloadToken',
      'recording/getDownloadToken',
      'recording/delete',
      'recording/delete',
    ]);
  });
});

describe('artifact, analytics and client-file endpoints', () => {
  it('fetch, info, token, delete artifacts', async () => {
    const list = await client.fetchArtifacts({ type: 'MEETING_SUMMARY' });
    expect(list.result).toMatchObject({
      total_artifacts: '1',
      limit: '20',
      type: 'MEETING_SUMMARY',
    });
    expect(
      (await client.getArtifactInfo({ artifact_id: 'AR_summary01' })).artifact_info?.type,
    ).toBe('MEETING_SUMMARY');
    expect(
      (await client.getArtifactDownloadToken({ artifact_id: 'AR_summary01' })).token,
    ).toBeTruthy();
    expect(await client.getArtifactDownloadUrl({ artifact_id: 'AR_summary01' })).toContain(
      '/download/artifact/',
    );
    await expect(
      client.getArtifactDownloadToken({ artifact_id: 'AR_usage01' }),
    ).rejects.toMatchObject({ msg: "'MEETING_SUMMARY_USAGE' artifact type is not downloadable" });
    expect(await client.deleteArtifact({ artifact_id: 'AR_summary01' })).toMatchObject({
      status: true,
    });
    expectSignedCalls([
      'artifact/fetch',
      'artifact/info',
      'artifact/getDownloadToken',
      'artifact/getDownloadToken',
      'artifact/getDownloadToken',
      'artifact/delete',
    ]);
  });

  it('calls the deprecated analytics endpoints and getClientFiles', async () => {
    const analytics = await client.fetchAnalytics();
    expect(analytics).toMatchObject({ status: true, status_code: 'UNKNOWN_STATUS' });
    expect(analytics.result.analytics_list[0]?.file_id).toBe('AN_seed01');
    expect((await client.getAnalyticsDownloadToken({ file_id: 'AN_seed01' })).token).toBeTruthy();
    expect(await client.deleteAnalytics({ file_id: 'AN_seed01' })).toMatchObject({ status: true });
    const files = await client.getClientFiles();
    expect(files.js_files.length).toBeGreaterThan(0);
    expectSignedCalls([
      'analytics/fetch',
      'analytics/getDownloadToken',
      'analytics/delete',
      'getClientFiles',
    ]);
  });

  it('covers every endpoint in ENDPOINTS through the generic request()', async () => {
    for (const { path } of Object.values(ENDPOINTS)) {
      if (path === ENDPOINTS.uploadWhiteboardFile.path) continue;
      const res = await client.request(path, {}).catch((e: unknown) => e);
      // Every path is routed (no 404 ResponseError): success or a server-side refusal.
      expect(
        res instanceof PlugNmeetApiError || (res as { status?: unknown }).status === true,
      ).toBe(true);
    }
    for (const request of server.requests) expect(request.auth?.ok).toBe(true);
  });
});
