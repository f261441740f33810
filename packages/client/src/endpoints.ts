/**
 * The `/auth` endpoints this client knows, by method name.
 *
 * @module
 */

/** One endpoint: its path under `/auth/`, and whether calling it twice is harmless. */
export interface EndpointInfo {
  /** The path under `/auth/`, e.g. `room/create`. */
  readonly path: string;
  /**
   * True for calls that change nothing on the server, the only ones retried after a
   * network error (when retries are on).
   */
  readonly readOnly: boolean;
  /** The body is ignored by the server but must still be signed: the client sends `{}`. */
  readonly emptyBody?: true;
  /** A list call: `NOT_FOUND` means "nothing matched", an empty list rather than a failure. */
  readonly list?: true;
  readonly deprecated?: true;
  /** `multipart/form-data`, signed over the `Room-Id` header. */
  readonly multipart?: true;
}

/**
 * Every `/auth` endpoint of plugNmeet server 2.4, keyed by client method name.
 *
 * @example
 * ```ts
 * ENDPOINTS.isRoomActive.path; // 'room/isRoomActive'
 * ```
 */
export const ENDPOINTS = {
  createRoom: { path: 'room/create', readOnly: false },
  getJoinToken: { path: 'room/getJoinToken', readOnly: false },
  isRoomActive: { path: 'room/isRoomActive', readOnly: true },
  getActiveRoomInfo: { path: 'room/getActiveRoomInfo', readOnly: true },
  getActiveRoomsInfo: {
    path: 'room/getActiveRoomsInfo',
    readOnly: true,
    emptyBody: true,
    list: true,
  },
  endRoom: { path: 'room/endRoom', readOnly: false },
  fetchPastRooms: { path: 'room/fetchPastRooms', readOnly: true, list: true },
  broadcastToRoom: { path: 'room/broadcastToRoom', readOnly: false },
  uploadWhiteboardFile: { path: 'room/uploadWhiteboardFile', readOnly: false, multipart: true },
  fetchRecordings: { path: 'recording/fetch', readOnly: true, list: true },
  getRecordingInfo: { path: 'recording/info', readOnly: true },
  updateRecordingMetadata: { path: 'recording/updateMetadata', readOnly: false },
  mergeRecordings: { path: 'recording/mergeRecordings', readOnly: false },
  deleteRecording: { path: 'recording/delete', readOnly: false },
  getRecordingDownloadToken: { path: 'recording/getDownloadToken', readOnly: true },
  fetchArtifacts: { path: 'artifact/fetch', readOnly: true, list: true },
  getArtifactInfo: { path: 'artifact/info', readOnly: true },
  deleteArtifact: { path: 'artifact/delete', readOnly: false },
  getArtifactDownloadToken: { path: 'artifact/getDownloadToken', readOnly: true },
  getClientFiles: { path: 'getClientFiles', readOnly: true, emptyBody: true },
  fetchAnalytics: { path: 'analytics/fetch', readOnly: true, deprecated: true, list: true },
  deleteAnalytics: { path: 'analytics/delete', readOnly: false, deprecated: true },
  getAnalyticsDownloadToken: {
    path: 'analytics/getDownloadToken',
    readOnly: true,
    deprecated: true,
  },
} as const satisfies Record<string, EndpointInfo>;

/** A method name of {@link ENDPOINTS}. */
export type EndpointName = keyof typeof ENDPOINTS;

/**
 * Normalizes a path as users write it (`room/create`, `/room/create`, `/auth/room/create`)
 * to the part after `/auth/`.
 *
 * @example
 * ```ts
 * endpointPath('/auth/room/create'); // 'room/create'
 * ```
 */
export function endpointPath(path: string): string {
  return path.replace(/^\/+/, '').replace(/^auth\//, '');
}
