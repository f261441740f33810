import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  commonResponse,
  encodeProtoJson,
  SAMPLE_API_KEY,
  SAMPLE_SECRET,
  startTestServer,
  type TestServer,
} from '../src/index.js';
import { post, sign } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const signed = (body: string | Uint8Array, extra: Record<string, string> = {}) => ({
  'API-KEY': SAMPLE_API_KEY,
  'HASH-SIGNATURE': sign(body, SAMPLE_SECRET),
  'Content-Type': 'application/json',
  ...extra,
});

describe('recording', () => {
  it('keeps the exact bytes: invalid UTF-8, CRLF, NUL and BOM survive', async () => {
    server = await startTestServer();
    const bytes = new Uint8Array([
      0xef, 0xbb, 0xbf, 0x7b, 0x0d, 0x0a, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7d,
    ]);
    const res = await post(`${server.url}/auth/room/isRoomActive`, bytes, signed(bytes));
    const recorded = server.lastRequest;
    expect(recorded?.body).toEqual(bytes);
    expect(recorded?.auth?.ok).toBe(true);
    expect(recorded?.auth?.signedInput).toEqual(bytes);
    // Signed correctly, but protojson cannot parse it: HTTP 200 status:false.
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: false, status_code: 'INVALID_PARAMETERS' });
  });

  it('keeps CRLF text bodies byte for byte', async () => {
    server = await startTestServer();
    const body = '{\r\n  "room_id": "room01"\r\n}\r\n';
    await post(`${server.url}/auth/room/isRoomActive`, body, signed(body));
    expect(server.lastRequest?.text).toBe(body);
    expect(server.lastRequest?.auth?.ok).toBe(true);
  });

  it('records method, path, query, headers as spelled and the response', async () => {
    server = await startTestServer();
    await post(`${server.url}/auth/room/isRoomActive?x=1`, '{}', signed('{}', { 'X-Extra': 'a' }));
    const recorded = server.requests[0];
    expect(recorded).toMatchObject({
      index: 0,
      method: 'POST',
      url: '/auth/room/isRoomActive?x=1',
      path: '/auth/room/isRoomActive',
    });
    expect(recorded?.headers['x-extra']).toBe('a');
    // Deno's fetch sends header names lowercased; Node and Bun keep the spelling.
    expect(recorded?.rawHeaders.map((h) => h.toLowerCase())).toContain('x-extra');
    expect(recorded?.response.status).toBe(200);
    server.clear();
    expect(server.requests).toHaveLength(0);
  });

  it('signs the decompressed body when Content-Encoding is set, as Fiber does', async () => {
    server = await startTestServer();
    const body = '{"room_id":"room01"}';
    const res = await post(
      `${server.url}/auth/room/isRoomActive`,
      gzipSync(body),
      signed(body, { 'Content-Encoding': 'gzip' }),
    );
    expect(res.status).toBe(200);
    expect(server.lastRequest?.auth?.ok).toBe(true);
  });

  it('answers 413 before auth for bodies over the limit', async () => {
    server = await startTestServer({ bodyLimitBytes: 16 });
    const res = await post(
      `${server.url}/auth/room/isRoomActive`,
      '{"room_id":"a-long-room-id"}',
      {},
    );
    expect(res.status).toBe(413);
    expect(server.lastRequest?.auth).toBeUndefined();
  });
});

describe('serveRefused: judging an answer whatever the request', () => {
  const body = '{"room_id":"room01"}';
  const wrong = signed(body, { 'HASH-SIGNATURE': sign(body, `${SAMPLE_SECRET}-not`) });

  it('off (the default): a wrong signature gets the real 401, and nothing is read', async () => {
    server = await startTestServer();
    const res = await post(`${server.url}/auth/room/isRoomActive`, body, wrong);
    expect(res.status).toBe(401);
    expect(server.lastRequest?.wouldRefuse).toBeUndefined();
    expect(server.lastRequest?.message).toBeUndefined();
  });

  it('on: the request is answered as if it had passed, and the 401 it would have had is recorded', async () => {
    server = await startTestServer({ serveRefused: true });
    const res = await post(`${server.url}/auth/room/isRoomActive`, body, wrong);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: true });
    const recorded = server.lastRequest;
    expect(recorded?.auth?.ok).toBe(false);
    expect(recorded?.wouldRefuse).toBe('401 Failed to verify provided authentication details.');
    // The request as the server read it travels with the record: no client parses it again.
    expect(recorded?.message).toEqual({ room_id: 'room01' });
    expect(recorded?.protocol).toMatchObject({ verdict: 'ok', dropped_fields: [] });
  });

  it('on: a request that passes is recorded without a refusal', async () => {
    server = await startTestServer({ serveRefused: true });
    await post(`${server.url}/auth/room/isRoomActive`, body, signed(body));
    expect(server.lastRequest?.auth?.ok).toBe(true);
    expect(server.lastRequest?.wouldRefuse).toBeUndefined();
  });
});

describe('responses', () => {
  it('encodes like protojson, with or without the space after commas', () => {
    const value = { status: true, room: null, ids: ['a', 'b'], n: 1n, skip: undefined };
    expect(encodeProtoJson(value, false)).toBe(
      '{"status":true,"room":null,"ids":["a","b"],"n":"1"}',
    );
    expect(encodeProtoJson(value, true)).toBe(
      '{"status":true, "room":null, "ids":["a", "b"], "n":"1"}',
    );
  });

  it('varies the comma spacing per response in random mode, reproducibly by seed', async () => {
    const bodies = async (seed: number) => {
      server = await startTestServer({ seed });
      const out: string[] = [];
      for (let i = 0; i < 12; i++)
        out.push((await post(`${server.url}/auth/room/isRoomActive`, '{}', signed('{}'))).text);
      await server.close();
      server = undefined;
      return out;
    };
    const first = await bodies(7);
    expect(new Set(first.map((b) => b.includes(', '))).size).toBe(2);
    expect(await bodies(7)).toEqual(first);
  });

  it('serves scripted responses: queue first, then handlers, then defaults', async () => {
    server = await startTestServer({
      commaSpace: 'always',
      handlers: { 'room/endRoom': commonResponse(false, 'custom', 'CONFLICT') },
    });
    server.enqueue('room/endRoom', { status: 200, body: 'not json' });
    const path = `${server.url}/auth/room/endRoom`;
    expect((await post(path, '{}', signed('{}'))).text).toBe('not json');
    expect((await post(path, '{}', signed('{}'))).text).toBe(
      '{"status":false, "msg":"custom", "status_code":"CONFLICT"}',
    );
    server.handle('/auth/room/endRoom', (request) => ({ json: { echoed: request.text } }));
    expect((await post(path, '{"a":1}', signed('{"a":1}'))).json).toEqual({ echoed: '{"a":1}' });
  });

  it('can hang up or delay instead of answering', async () => {
    server = await startTestServer();
    server.enqueue('*', { hangUp: true }, { delayMs: 50, json: { status: true } });
    await expect(post(`${server.url}/auth/getClientFiles`, '{}', signed('{}'))).rejects.toThrow();
    expect(server.lastRequest?.response.hungUp).toBe(true);
    const started = Date.now();
    await post(`${server.url}/auth/getClientFiles`, '{}', signed('{}'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});

describe('default handlers', () => {
  const call = async (path: string, body: unknown) => {
    const text = JSON.stringify(body);
    const res = await post(`${server?.url}/auth/${path}`, text, signed(text));
    expect(res.status).toBe(200);
    return res.json as Record<string, unknown>;
  };

  it('run a room through create, join, info, end and past rooms', async () => {
    server = await startTestServer({ unknownFields: true });
    expect(await call('room/isRoomActive', { room_id: 'r1' })).toMatchObject({
      status: true,
      is_active: false,
      status_code: 'ROOM_NOT_FOUND',
    });
    expect(
      await call('room/getJoinToken', { room_id: 'r1', user_info: { name: 'A', user_id: 'a' } }),
    ).toMatchObject({ status: false, msg: 'room is not active' });
    const created = await call('room/create', {
      room_id: 'r1',
      metadata: { room_title: 'T', room_features: {} },
    });
    expect(created).toMatchObject({
      status: true,
      status_code: 'SUCCESS',
      room_info: { room_id: 'r1', is_running: 1, joined_participants: '1' },
      x_future_field: { added_in: '9.9.9' },
    });
    expect(typeof (created.room_info as { creation_time: unknown }).creation_time).toBe('string');
    expect(await call('room/isRoomActive', { roomId: 'r1' })).toMatchObject({ is_active: true });
    const token = await call('room/getJoinToken', {
      room_id: 'r1',
      user_info: { name: 'A', user_id: 'a' },
    });
    expect(String(token.token).split('.')).toHaveLength(3);
    expect(await call('room/getActiveRoomInfo', { room_id: 'r1' })).toMatchObject({
      room: { participants_info: [{ state: 'ACTIVE' }] },
    });
    expect(await call('room/getActiveRoomsInfo', {})).toMatchObject({
      rooms: [{ room_info: { room_id: 'r1' } }],
    });
    expect(
      await call('room/broadcastToRoom', { room_id: 'r1', chat_msg: { message: 'hi' } }),
    ).toMatchObject({ status: true });
    expect(await call('room/endRoom', { room_id: 'r1' })).toMatchObject({ status: true });
    expect(await call('room/getActiveRoomsInfo', {})).toMatchObject({
      status: false,
      status_code: 'NOT_FOUND',
    });
    expect(await call('room/getActiveRoomInfo', { room_id: 'r1' })).toMatchObject({
      status: false,
    });
    expect(await call('room/fetchPastRooms', { room_ids: ['r1'] })).toMatchObject({
      result: { total_rooms: '1', rooms_list: [{ room_id: 'r1' }] },
    });
  });

  it('report protovalidate errors as HTTP 200 INVALID_PARAMETERS', async () => {
    server = await startTestServer();
    expect(await call('room/isRoomActive', { room: 'typo' })).toMatchObject({
      status: false,
      status_code: 'INVALID_PARAMETERS',
      msg: 'validation error: room_id: value is required',
    });
  });

  it('serve recordings, artifacts, analytics and client files', async () => {
    server = await startTestServer();
    const recordings = await call('recording/fetch', {});
    expect(recordings).toMatchObject({ result: { total_recordings: '2' } });
    expect(await call('recording/info', { record_id: 'RM_seed01-1755684001' })).toMatchObject({
      room_info: { created: '2026-08-20 10:00:00' },
    });
    expect(
      await call('recording/getDownloadToken', { record_id: 'RM_seed01-1755684001' }),
    ).toMatchObject({ status: true });
    expect(
      await call('recording/mergeRecordings', {
        by_ids: { room_id: 'seeded-room', recording_ids: ['RM_seed01-1755684001'] },
      }),
    ).toMatchObject({ status: false, status_code: 'INVALID_PARAMETERS' });
    expect(await call('artifact/fetch', { limit: 1 })).toMatchObject({
      result: { limit: '1', from: '0', total_artifacts: '3' },
    });
    expect(await call('artifact/getDownloadToken', { artifact_id: 'AR_usage01' })).toMatchObject({
      msg: "'MEETING_SUMMARY_USAGE' artifact type is not downloadable",
    });
    expect(await call('analytics/fetch', {})).toMatchObject({
      status: true,
      status_code: 'UNKNOWN_STATUS',
    });
    expect(await call('getClientFiles', {})).toMatchObject({
      css_files: ['main-module.3f2a1c.css'],
    });
  });

  it('answer uploads with real HTTP statuses and plain JSON', async () => {
    server = await startTestServer();
    const upload = async (form: FormData) => {
      const response = await fetch(`${server?.url}/auth/room/uploadWhiteboardFile`, {
        method: 'POST',
        body: form,
        headers: {
          'API-KEY': SAMPLE_API_KEY,
          'HASH-SIGNATURE': sign('r2', SAMPLE_SECRET),
          'Room-Id': 'r2',
        },
      });
      return [response.status, await response.json()];
    };
    const form = new FormData();
    form.set('document', new Blob(['%PDF-1.4']), 'slides.pdf');
    expect(await upload(form)).toEqual([
      400,
      { status: false, msg: 'room is not active', status_code: 'ROOM_NOT_ACTIVE' },
    ]);
    await call('room/create', { room_id: 'r2', metadata: { room_title: 'T', room_features: {} } });
    expect(await upload(form)).toEqual([
      200,
      { status: true, msg: 'file uploaded successfully', status_code: 'SUCCESS' },
    ]);
    expect(server.lastRequest?.auth?.mode).toBe('room-id');
  });
});
