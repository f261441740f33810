/**
 * Which request and response message each `/auth` route uses.
 *
 * The upstream protocol module defines the messages but no service or route table (v1.5.0 has
 * no `service` in `proto_files/`); the routes live in the server, `pkg/app/router.go`
 * `registerAuthRoutes`, and each handler names its messages (`req := new(plugnmeet.X)`,
 * `&plugnmeet.YRes{…}`). This table is that pairing, by name only: every field, type and
 * rule comes from the bundled descriptors, and a test fails if a bump drops a named message.
 *
 * @module
 */

/** One `/auth` route. */
export interface AuthRoute {
  /** The path, e.g. `/auth/room/create`. */
  readonly path: string;
  /** The server's handler, for reference. */
  readonly handler: string;
  /**
   * The request message the handler parses, or `undefined` when it never reads the body
   * (`getActiveRoomsInfo`, `getClientFiles`) or reads a multipart form (`uploadWhiteboardFile`).
   */
  readonly request: string | undefined;
  /** The message of a successful answer. */
  readonly response: string;
  readonly deprecated?: true;
  readonly multipart?: true;
}

const route = (
  path: string,
  handler: string,
  request: string | undefined,
  response: string,
  extra: { deprecated?: true; multipart?: true } = {},
): AuthRoute => ({
  path: `/auth/${path}`,
  handler,
  request: request && `plugnmeet.${request}`,
  response: `plugnmeet.${response}`,
  ...extra,
});

/**
 * Every JSON-or-multipart `/auth` route of the server (the internal `recorder/notify`, binary
 * protobuf from the recorder, is left out).
 *
 * @example
 * ```ts
 * AUTH_ROUTES.find((r) => r.path === '/auth/room/isRoomActive')?.request; // 'plugnmeet.IsRoomActiveReq'
 * ```
 */
export const AUTH_ROUTES: readonly AuthRoute[] = [
  route('room/create', 'RoomController.HandleRoomCreate', 'CreateRoomReq', 'CreateRoomRes'),
  route(
    'room/getJoinToken',
    'UserController.HandleGenerateJoinToken',
    'GenerateTokenReq',
    'GenerateTokenRes',
  ),
  route(
    'room/isRoomActive',
    'RoomController.HandleIsRoomActive',
    'IsRoomActiveReq',
    'IsRoomActiveRes',
  ),
  route(
    'room/getActiveRoomInfo',
    'RoomController.HandleGetActiveRoomInfo',
    'GetActiveRoomInfoReq',
    'GetActiveRoomInfoRes',
  ),
  route(
    'room/getActiveRoomsInfo',
    'RoomController.HandleGetActiveRoomsInfo',
    undefined,
    'GetActiveRoomsInfoRes',
  ),
  route('room/endRoom', 'RoomController.HandleEndRoom', 'RoomEndReq', 'CommonResponse'),
  route(
    'room/fetchPastRooms',
    'RoomController.HandleFetchPastRooms',
    'FetchPastRoomsReq',
    'FetchPastRoomsRes',
  ),
  route(
    'room/broadcastToRoom',
    'RoomController.HandleBroadcastToRoom',
    'BroadcastToRoomReq',
    'CommonResponse',
  ),
  route(
    'room/uploadWhiteboardFile',
    'FileController.HandleUploadWhiteboardFile',
    undefined,
    'CommonResponse',
    { multipart: true },
  ),
  route(
    'recording/fetch',
    'RecordingController.HandleFetchRecordings',
    'FetchRecordingsReq',
    'FetchRecordingsRes',
  ),
  route(
    'recording/info',
    'RecordingController.HandleRecordingInfo',
    'RecordingInfoReq',
    'RecordingInfoRes',
  ),
  route(
    'recording/recordingInfo',
    'RecordingController.HandleRecordingInfo',
    'RecordingInfoReq',
    'RecordingInfoRes',
    { deprecated: true },
  ),
  route(
    'recording/updateMetadata',
    'RecordingController.HandleUpdateRecordingMetadata',
    'UpdateRecordingMetadataReq',
    'CommonResponse',
  ),
  route(
    'recording/mergeRecordings',
    'RecordingController.HandleMergeRecordings',
    'MergeRecordingsReq',
    'CommonResponse',
  ),
  route(
    'recording/delete',
    'RecordingController.HandleDeleteRecording',
    'DeleteRecordingReq',
    'CommonResponse',
  ),
  route(
    'recording/getDownloadToken',
    'RecordingController.HandleGetDownloadToken',
    'GetDownloadTokenReq',
    'GetDownloadTokenRes',
  ),
  route(
    'analytics/fetch',
    'AnalyticsController.HandleFetchAnalytics',
    'FetchAnalyticsReq',
    'FetchAnalyticsRes',
    { deprecated: true },
  ),
  route(
    'analytics/delete',
    'AnalyticsController.HandleDeleteAnalytics',
    'DeleteAnalyticsReq',
    'CommonResponse',
    { deprecated: true },
  ),
  route(
    'analytics/getDownloadToken',
    'AnalyticsController.HandleGetAnalyticsDownloadToken',
    'GetAnalyticsDownloadTokenReq',
    'GetAnalyticsDownloadTokenRes',
    { deprecated: true },
  ),
  route(
    'artifact/fetch',
    'ArtifactController.HandleFetchArtifacts',
    'FetchArtifactsReq',
    'FetchArtifactsRes',
  ),
  route(
    'artifact/info',
    'ArtifactController.HandleGetArtifactInfo',
    'ArtifactInfoReq',
    'ArtifactInfoRes',
  ),
  route(
    'artifact/delete',
    'ArtifactController.HandleDeleteArtifact',
    'DeleteArtifactReq',
    'CommonResponse',
  ),
  route(
    'artifact/getDownloadToken',
    'ArtifactController.HandleGetArtifactDownloadToken',
    'GetArtifactDownloadTokenReq',
    'GetArtifactDownloadTokenRes',
  ),
  route('getClientFiles', 'FileController.HandleGetClientFiles', undefined, 'GetClientFilesRes'),
];

/**
 * The route of a path, or `undefined`.
 *
 * @example
 * ```ts
 * authRoute('/auth/artifact/info')?.response; // 'plugnmeet.ArtifactInfoRes'
 * ```
 */
export function authRoute(path: string): AuthRoute | undefined {
  return AUTH_ROUTES.find((r) => r.path === path);
}
