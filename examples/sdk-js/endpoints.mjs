/**
 * The 24 plugNmeet /auth endpoints, mapped to plugnmeet-sdk-js 1.4.1's own methods. An
 * endpoint the SDK has no method for is absent: the adapter answers `unsupported` (a
 * coverage gap), never a hand-made request.
 *
 * The SDK sends `JSON.stringify(params)` of what it is given, so the runner's request
 * object goes in as is, as a user's object literal would.
 */
export const SDK_METHODS = {
  'room/create': (sdk, request) => sdk.createRoom(request),
  'room/getJoinToken': (sdk, request) => sdk.getJoinToken(request),
  'room/isRoomActive': (sdk, request) => sdk.isRoomActive(request),
  'room/getActiveRoomInfo': (sdk, request) => sdk.getActiveRoomInfo(request),
  // No parameters: the SDK always sends `{}`.
  'room/getActiveRoomsInfo': (sdk) => sdk.getActiveRoomsInfo(),
  'room/fetchPastRooms': (sdk, request) => sdk.fetchPastRoomsInfo(request),
  'room/endRoom': (sdk, request) => sdk.endRoom(request),
  'recording/fetch': (sdk, request) => sdk.fetchRecordings(request),
  'recording/delete': (sdk, request) => sdk.deleteRecordings(request),
  'recording/getDownloadToken': (sdk, request) => sdk.getRecordingDownloadToken(request),
  'analytics/fetch': (sdk, request) => sdk.fetchAnalytics(request),
  'analytics/delete': (sdk, request) => sdk.deleteAnalytics(request),
  'analytics/getDownloadToken': (sdk, request) => sdk.getAnalyticsDownloadToken(request),
  // No parameters: the SDK always sends `{}`.
  getClientFiles: (sdk) => sdk.getClientFiles(),
};

/** Endpoints of the server that 1.4.1 has no method for. */
export const NOT_IN_SDK = [
  'room/broadcastToRoom',
  'room/uploadWhiteboardFile',
  'recording/info',
  'recording/recordingInfo',
  'recording/updateMetadata',
  'recording/mergeRecordings',
  'artifact/fetch',
  'artifact/info',
  'artifact/delete',
  'artifact/getDownloadToken',
];
