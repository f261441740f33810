/**
 * The `/auth/artifact/*` endpoints, the deprecated `/auth/analytics/*` ones mapped onto
 * them, and `/auth/getClientFiles`.
 *
 * @module
 */
import type { HandlerContext } from './context.js';
import { field, page, requestMessage, strings } from './parse.js';
import { commonResponse, fail, mintToken, ok } from './replies.js';
import type { HandlerRequest, TestHandler, TestResponse } from './types.js';

function fetch(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const ids = strings(parsed.message, 'room_ids');
  const type = field(parsed.message, 'type');
  const { from, limit, orderBy } = page(parsed.message);
  let list = [...context.state.artifacts.values()].filter(
    (a) => (ids.length === 0 || ids.includes(String(a.room_id))) && (!type || a.type === type),
  );
  if (orderBy !== 'ASC') list = list.reverse();
  if (list.length === 0) return fail('no artifacts found', 'NOT_FOUND');
  // from and limit are uint64 in FetchArtifactsResult, so strings on the wire.
  return ok('success', {
    result: {
      total_artifacts: String(list.length),
      from: String(from),
      limit: String(limit),
      order_by: orderBy,
      ...(typeof type === 'string' ? { type } : {}),
      artifacts_list: list.slice(from, from + limit),
    },
  });
}

function info(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const artifact = context.state.artifacts.get(String(field(parsed.message, 'artifact_id')));
  if (!artifact) return fail('artifact not found', 'NOT_FOUND');
  const room = context.state.pastRooms.find((r) => r.room_id === artifact.room_id) ?? null;
  return ok('success', { artifact_info: artifact, room_info: room });
}

function remove(id: string, context: HandlerContext): TestResponse {
  if (!context.state.artifacts.delete(id)) return fail('artifact not found', 'NOT_FOUND');
  return commonResponse(true, 'success', 'SUCCESS');
}

function token(id: string, context: HandlerContext): TestResponse {
  const artifact = context.state.artifacts.get(id);
  if (!artifact) return fail('artifact not found', 'NOT_FOUND');
  const file = (artifact.metadata as { file_info?: { file_path?: string } | null }).file_info;
  if (!file)
    return fail(
      `'${String(artifact.type)}' artifact type is not downloadable`,
      'INVALID_PARAMETERS',
    );
  return ok('success', {
    token: mintToken(context.apiKey, context.secret, String(file.file_path), 600),
  });
}

function byId(name: string, then: (id: string, context: HandlerContext) => TestResponse) {
  return (request: HandlerRequest, context: HandlerContext): TestResponse => {
    return then(String(field(requestMessage(request), name)), context);
  };
}

function fetchAnalytics(request: HandlerRequest, context: HandlerContext): TestResponse {
  const parsed = { message: requestMessage(request) };
  const ids = strings(parsed.message, 'room_ids');
  const { from, limit, orderBy } = page(parsed.message);
  const list = [...context.state.artifacts.values()]
    .filter((a) => a.type === 'MEETING_ANALYTICS')
    .filter((a) => ids.length === 0 || ids.includes(String(a.room_id)))
    .map((a) => ({
      room_id: a.room_id,
      file_id: a.artifact_id,
      file_name: `${String(a.artifact_id)}.json`,
      file_size: 2048,
      creation_time: '1755687900',
    }));
  if (list.length === 0) return fail('no analytics found', 'NOT_FOUND');
  // The deprecated handler never sets status_code, so success reads UNKNOWN_STATUS.
  return {
    json: {
      status: true,
      msg: 'success',
      status_code: 'UNKNOWN_STATUS',
      result: {
        total_analytics: String(list.length),
        from,
        limit,
        order_by: orderBy,
        analytics_list: list.slice(from, from + limit),
      },
    },
  };
}

function clientFiles(_request: HandlerRequest, _context: HandlerContext): TestResponse {
  return ok('success', {
    css: [],
    js: [],
    css_files: ['main-module.3f2a1c.css'],
    js_files: ['main-module.9b8e7d.js', 'vendor.1a2b3c.js'],
    static_assets_path: 'http://127.0.0.1/assets',
  });
}

/** The artifact, analytics and client-file endpoints, keyed by path. */
export function artifactHandlers(context: HandlerContext): Record<string, TestHandler> {
  const bind =
    (fn: (r: HandlerRequest, c: HandlerContext) => TestResponse) => (r: HandlerRequest) =>
      fn(r, context);
  return {
    '/auth/artifact/fetch': bind(fetch),
    '/auth/artifact/info': bind(info),
    '/auth/artifact/delete': bind(byId('artifact_id', remove)),
    '/auth/artifact/getDownloadToken': bind(byId('artifact_id', token)),
    '/auth/analytics/fetch': bind(fetchAnalytics),
    '/auth/analytics/delete': bind(byId('file_id', remove)),
    '/auth/analytics/getDownloadToken': bind(byId('file_id', token)),
    '/auth/getClientFiles': bind(clientFiles),
  };
}
