/**
 * The `/auth/recording/*` endpoints of the fake server.
 *
 * @module
 */
import type { HandlerContext } from './context.js';
import { field, page, requestMessage, strings, sub } from './parse.js';
import { commonResponse, fail, mintToken, ok } from './replies.js';
import type { HandlerRequest, TestHandler, TestResponse } from './types.js';

// recording/info formats room times as Go's "2006-01-02 15:04:05", not RFC3339.
const goDateTime = (rfc3339: unknown) =>
  typeof rfc3339 === 'string' ? rfc3339.replace('T', ' ').replace(/Z$/, '') : '';

function fetch(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const ids = strings(parsed.message, 'room_ids');
  const sid = field(parsed.message, 'room_sid');
  const { from, limit, orderBy } = page(parsed.message);
  let list = [...context.state.recordings.values()].filter(
    (r) => (ids.length === 0 || ids.includes(String(r.room_id))) && (!sid || r.room_sid === sid),
  );
  if (orderBy !== 'ASC') list = list.reverse();
  if (list.length === 0) return fail('no recording found', 'NOT_FOUND');
  return ok('success', {
    result: {
      total_recordings: String(list.length),
      from,
      limit,
      order_by: orderBy,
      recordings_list: list.slice(from, from + limit),
    },
  });
}

function info(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const recording = context.state.recordings.get(String(field(parsed.message, 'record_id')));
  if (!recording) {
    return fail('recording not found', 'NOT_FOUND');
  }
  const past = context.state.pastRooms.find((r) => r.room_sid === recording.room_sid);
  return ok('success', {
    recording_info: recording,
    room_info: past
      ? { ...past, created: goDateTime(past.created), ended: goDateTime(past.ended) }
      : null,
  });
}

function updateMetadata(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const recording = context.state.recordings.get(String(field(parsed.message, 'record_id')));
  if (!recording) return fail('recording not found', 'NOT_FOUND');
  const metadata = sub(parsed.message, 'metadata');
  recording.metadata = { subtitles: {}, extra_data: {}, ...metadata };
  return commonResponse(true, 'success', 'SUCCESS');
}

function merge(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const bySession = sub(parsed.message, 'by_session');
  const byIds = sub(parsed.message, 'by_ids');
  // Exactly one scope, its ids and at least two recordings: checked by protovalidate.
  if (bySession) {
    const sid = field(bySession, 'room_sid');
    const found = [...context.state.recordings.values()].some((r) => r.room_sid === sid);
    if (!found) return fail('no recordings found for this session', 'NOT_FOUND');
  } else {
    const ids = strings(byIds, 'recording_ids');
    if (!ids.every((id) => context.state.recordings.has(id))) {
      return fail('recording not found', 'NOT_FOUND');
    }
  }
  return commonResponse(true, 'successfully registered new recording merging task', 'SUCCESS');
}

function remove(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  if (!context.state.recordings.delete(String(field(parsed.message, 'record_id')))) {
    return fail('recording not found', 'NOT_FOUND');
  }
  return commonResponse(true, 'success', 'SUCCESS');
}

function downloadToken(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const recording = context.state.recordings.get(String(field(parsed.message, 'record_id')));
  if (!recording) return fail('recording not found', 'NOT_FOUND');
  return ok('success', {
    token: mintToken(context.apiKey, context.secret, String(recording.file_path), 1800),
  });
}

/** The recording endpoints, keyed by path (including the deprecated `recordingInfo`). */
export function recordingHandlers(context: HandlerContext): Record<string, TestHandler> {
  const bind =
    (fn: (r: HandlerRequest, c: HandlerContext) => TestResponse) => (r: HandlerRequest) =>
      fn(r, context);
  return {
    '/auth/recording/fetch': bind(fetch),
    '/auth/recording/info': bind(info),
    '/auth/recording/recordingInfo': bind(info),
    '/auth/recording/updateMetadata': bind(updateMetadata),
    '/auth/recording/mergeRecordings': bind(merge),
    '/auth/recording/delete': bind(remove),
    '/auth/recording/getDownloadToken': bind(downloadToken),
  };
}
