/**
 * The `/auth/room/*` endpoints of the fake server.
 *
 * @module
 */
import { type HandlerContext, unixSeconds } from './context.js';
import { parseMultipart } from './multipart.js';
import { field, type Message, page, requestMessage, strings, sub } from './parse.js';
import { commonResponse, fail, mintToken, ok } from './replies.js';
import type { ActiveRoom } from './state.js';
import type { HandlerRequest, TestHandler, TestResponse } from './types.js';

const ID_PATTERN = /^[a-zA-Z0-9-_]+$/;

function roomInfo(room: ActiveRoom): Record<string, unknown> {
  return {
    room_title: room.room_title,
    room_id: room.room_id,
    sid: room.sid,
    joined_participants: '1',
    is_running: 1,
    is_recording: 0,
    is_active_rtmp: 0,
    webhook_url: room.webhook_url,
    is_breakout_room: 0,
    parent_room_id: '',
    creation_time: room.creation_time,
    metadata: room.metadata,
  };
}

function participant(room: ActiveRoom): Record<string, unknown> {
  return {
    sid: 'PA_seed01',
    identity: 'user01',
    state: 'ACTIVE',
    tracks: [],
    metadata: JSON.stringify({ is_admin: true, preferred_lang: 'en' }),
    joined_at: room.creation_time,
    joined_at_ms: `${room.creation_time}000`,
    name: 'Seeded user',
    version: 3,
    permission: null,
    region: '',
    is_publisher: false,
    kind: 'STANDARD',
    attributes: {},
    disconnect_reason: 'UNKNOWN_REASON',
    kind_details: [],
  };
}

function withRoom(message: Message, context: HandlerContext): ActiveRoom | undefined {
  return context.state.rooms.get(String(field(message, 'room_id')));
}

const notActive = (): TestResponse => fail('room is not active', 'ROOM_NOT_ACTIVE');

function create(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  // room_id's format, metadata, room_title and room_features were checked by protovalidate.
  const roomId = String(field(parsed.message, 'room_id'));
  const metadata = sub(parsed.message, 'metadata') ?? {};
  const title = String(field(metadata, 'room_title'));
  let room = context.state.rooms.get(roomId);
  if (!room) {
    const webhook = field(metadata, 'webhook_url');
    room = {
      room_id: roomId,
      sid: `RM_${(context.state.nextId++).toString(36).padStart(6, '0')}`,
      room_title: title,
      webhook_url: typeof webhook === 'string' ? webhook : '',
      creation_time: unixSeconds(),
      metadata: JSON.stringify(metadata),
    };
    context.state.rooms.set(roomId, room);
    // pkg/models/room_create.go notifies room_created once the room exists.
    context.notify({
      event: 'room_created',
      room: {
        sid: room.sid,
        room_id: room.room_id,
        creation_time: room.creation_time,
        metadata: room.metadata,
      },
    });
  }
  return ok('success', { room_info: roomInfo(room) });
}

function getJoinToken(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const user = sub(parsed.message, 'user_info');
  if (!user) return fail('UserInfo required', 'INVALID_PARAMETERS');
  const name = field(user, 'name');
  if (!withRoom(parsed.message, context)) return fail('room is not active', 'ROOM_NOT_FOUND');
  const userId = field(user, 'user_id');
  if (typeof userId !== 'string' || !ID_PATTERN.test(userId)) {
    return fail('user_id must match ^[a-zA-Z0-9-_]+$', 'INVALID_PARAMETERS');
  }
  const token = mintToken(context.apiKey, context.secret, userId, 600, {
    name,
    room_id: field(parsed.message, 'room_id'),
    is_admin: field(user, 'is_admin') === true,
  });
  return ok('success', { token });
}

function isRoomActive(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  // status is true either way: callers must read is_active.
  if (withRoom(parsed.message, context)) return ok('room is active', { is_active: true });
  return {
    json: { status: true, msg: 'room not found', status_code: 'ROOM_NOT_FOUND', is_active: false },
  };
}

function getActiveRoomInfo(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const room = withRoom(parsed.message, context);
  if (!room) return fail('room not found in active state', 'ROOM_NOT_FOUND');
  return ok('success', {
    room: { room_info: roomInfo(room), participants_info: [participant(room)] },
  });
}

function getActiveRoomsInfo(_request: HandlerRequest, context: HandlerContext): TestResponse {
  const rooms = [...context.state.rooms.values()];
  if (rooms.length === 0) return fail('no active room found', 'NOT_FOUND');
  return ok('success', {
    rooms: rooms.map((room) => ({
      room_info: roomInfo(room),
      participants_info: [participant(room)],
    })),
  });
}

function endRoom(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const room = withRoom(parsed.message, context);
  if (!room) return fail('room not found or not active', 'ROOM_NOT_FOUND');
  context.state.rooms.delete(room.room_id);
  // pkg/models/room_end.go sends session_ended after the cleanup.
  context.notify({
    event: 'session_ended',
    room: {
      sid: room.sid,
      room_id: room.room_id,
      creation_time: room.creation_time,
      metadata: room.metadata,
    },
  });
  context.state.pastRooms.push({
    room_title: room.room_title,
    room_id: room.room_id,
    room_sid: room.sid,
    joined_participants: '1',
    webhook_url: room.webhook_url,
    created: new Date(Number(room.creation_time) * 1000).toISOString().replace('.000', ''),
    ended: new Date().toISOString().replace(/\.\d{3}/, ''),
  });
  return commonResponse(true, 'success', 'SUCCESS');
}

function fetchPastRooms(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const ids = strings(parsed.message, 'room_ids');
  const { from, limit, orderBy } = page(parsed.message);
  let rooms = context.state.pastRooms.filter(
    (r) => ids.length === 0 || ids.includes(String(r.room_id)),
  );
  if (orderBy !== 'ASC') rooms = rooms.slice().reverse();
  if (rooms.length === 0) return fail('no room found', 'NOT_FOUND');
  return ok('success', {
    result: {
      total_rooms: String(rooms.length),
      from,
      limit,
      order_by: orderBy,
      rooms_list: rooms.slice(from, from + limit),
    },
  });
}

function broadcastToRoom(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  // Exactly one of chat_msg / notification_msg, each with its text: checked by protovalidate.
  if (!withRoom(parsed.message, context)) return notActive();
  return commonResponse(true, 'success', 'SUCCESS');
}

// The upload handler answers with plain c.JSON (no protojson spacing) and real HTTP
// error statuses, unlike every other /auth handler.
function uploadFailure(httpStatus: number, msg: string, statusCode: string): TestResponse {
  return {
    status: httpStatus,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: false, msg, status_code: statusCode }),
  };
}

async function uploadWhiteboardFile(
  request: HandlerRequest,
  context: HandlerContext,
): Promise<TestResponse> {
  const roomId = request.headers['room-id'] ?? '';
  if (roomId === '') return uploadFailure(400, 'Room-Id header is required', 'INVALID_PARAMETERS');
  const parts = await parseMultipart(request.body, request.headers['content-type'] ?? '');
  if (!parts) return uploadFailure(400, 'invalid multipart form', 'INVALID_PARAMETERS');
  if (!context.state.rooms.has(roomId))
    return uploadFailure(400, 'room is not active', 'ROOM_NOT_ACTIVE');
  const file = parts.find((part) => part.name === 'document' && part.filename !== undefined);
  const link = parts.find((part) => part.name === 'document_link');
  if (!file && !link) {
    return uploadFailure(400, 'either document or document_link is required', 'INVALID_PARAMETERS');
  }
  if (file && file.data.length > 30 * 1024 * 1024) {
    return uploadFailure(413, 'file is too big', 'INVALID_PARAMETERS');
  }
  if (context.state.uploadLocks.has(roomId)) {
    return uploadFailure(409, 'another file upload is in progress', 'CONFLICT');
  }
  return {
    headers: { 'content-type': 'application/json' },
    body: '{"status":true,"msg":"file uploaded successfully","status_code":"SUCCESS"}',
  };
}

/** The room endpoints, keyed by path. */
export function roomHandlers(context: HandlerContext): Record<string, TestHandler> {
  const bind =
    (fn: (r: HandlerRequest, c: HandlerContext) => TestResponse | Promise<TestResponse>) =>
    (r: HandlerRequest) =>
      fn(r, context);
  return {
    '/auth/room/create': bind(create),
    '/auth/room/getJoinToken': bind(getJoinToken),
    '/auth/room/isRoomActive': bind(isRoomActive),
    '/auth/room/getActiveRoomInfo': bind(getActiveRoomInfo),
    '/auth/room/getActiveRoomsInfo': bind(getActiveRoomsInfo),
    '/auth/room/endRoom': bind(endRoom),
    '/auth/room/fetchPastRooms': bind(fetchPastRooms),
    '/auth/room/broadcastToRoom': bind(broadcastToRoom),
    '/auth/room/uploadWhiteboardFile': bind(uploadWhiteboardFile),
  };
}
