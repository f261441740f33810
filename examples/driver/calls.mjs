/**
 * The calls the driver makes, each with the server it goes to and the kind of reply a
 * correct client gives. `server` names the emulator (`emulator`), the emulator with a
 * wrong secret handed to the client (`wrong-secret`), or one of the stub servers.
 */
import { ROUNDED_INT64, UNSAFE_INT64 } from './stub-servers.mjs';

export const ROOM_ID = 'drive-room';

export const CALLS = [
  {
    name: 'create a room (non-ASCII, escapes, nested messages)',
    endpoint: 'room/create',
    server: 'emulator',
    expect: 'result',
    request: {
      room_id: ROOM_ID,
      max_participants: 25,
      metadata: {
        room_title: 'Réunion ✓ 会議 "quoted" \\ back',
        welcome_message: 'line one\nline two',
        room_features: {
          allow_webcams: true,
          mute_on_start: true,
          allow_screen_share: true,
          recording_features: { is_allow: true, is_allow_cloud: true },
          chat_features: { allow_chat: true, allow_file_upload: false },
        },
      },
    },
  },
  {
    name: 'is the room active',
    endpoint: 'room/isRoomActive',
    server: 'emulator',
    expect: 'result',
    request: { room_id: ROOM_ID },
  },
  {
    name: 'every active room (empty body)',
    endpoint: 'room/getActiveRoomsInfo',
    server: 'emulator',
    expect: 'result',
    request: {},
  },
  {
    name: 'fetch recordings from offset 1 (the seeded room has 2)',
    endpoint: 'recording/fetch',
    server: 'emulator',
    expect: 'result',
    request: { room_ids: ['seeded-room'], from: 1, limit: 10, order_by: 'ASC' },
  },
  {
    name: 'info of a room that does not exist: status:false at HTTP 200',
    endpoint: 'room/getActiveRoomInfo',
    server: 'emulator',
    expect: 'api',
    request: { room_id: 'no-such-room' },
  },
  {
    name: 'wrong secret: 401',
    endpoint: 'room/isRoomActive',
    server: 'wrong-secret',
    expect: 'auth',
    request: { room_id: ROOM_ID },
  },
  {
    name: 'non-JSON 502 (stub)',
    endpoint: 'room/isRoomActive',
    server: 'bad-gateway',
    expect: 'http',
    request: { room_id: ROOM_ID },
  },
  {
    name: 'connection closed with no answer (stub)',
    endpoint: 'room/isRoomActive',
    server: 'hang-up',
    expect: 'network',
    request: { room_id: ROOM_ID },
  },
  {
    name: 'connection refused',
    endpoint: 'room/isRoomActive',
    server: 'refused',
    expect: 'network',
    request: { room_id: ROOM_ID },
  },
  {
    name: `bare int64 numbers above 2^53 in the answer (stub): ${UNSAFE_INT64} must survive`,
    endpoint: 'recording/fetch',
    server: 'big-int64',
    expect: 'result',
    // What a float64 makes of it: seeing this means a digit was lost.
    roundedForm: ROUNDED_INT64,
    request: { room_ids: [ROOM_ID] },
  },
  {
    name: 'artifacts (newer endpoint)',
    endpoint: 'artifact/fetch',
    server: 'emulator',
    expect: 'result',
    request: { room_ids: ['seeded-room'] },
  },
  {
    name: 'end the room',
    endpoint: 'room/endRoom',
    server: 'emulator',
    expect: 'result',
    request: { room_id: ROOM_ID },
  },
];
