/**
 * One valid request for every JSON `/auth` route, in an order the emulator's state can
 * follow (a room is created before it is asked about, ended last; seeded recordings,
 * artifacts and analytics are read before they are deleted). Text is non-ASCII and escapes
 * where a field takes text, so an SDK that re-encodes the body shows it.
 *
 * Each request is checked against the upstream request message by the suite: it parses
 * with nothing dropped and passes protovalidate.
 *
 * @module
 */

/** A request the runner hands an SDK: the route under `/auth/` and its protojson body. */
export interface SampleRequest {
  endpoint: string;
  request: Record<string, unknown>;
}

const ROOM = 'pnm-conformance-room';
const RECORDING = 'RM_seed01-1755684001';

/**
 * Every JSON `/auth` route with a valid request (`room/uploadWhiteboardFile`, a multipart
 * upload, is not a JSON call).
 *
 * @example
 * ```ts
 * SAMPLE_REQUESTS.find((s) => s.endpoint === 'room/isRoomActive')?.request; // { room_id: '…' }
 * ```
 */
export const SAMPLE_REQUESTS: readonly SampleRequest[] = [
  {
    endpoint: 'room/create',
    request: {
      room_id: ROOM,
      max_participants: 25,
      metadata: {
        room_title: 'Réunion «conformité» — 会議 \u2028 "quoted" \\ back',
        welcome_message: '<b>Bienvenue</b> 🎉',
        room_features: { allow_webcams: true, mute_on_start: false },
      },
    },
  },
  {
    endpoint: 'room/getJoinToken',
    request: {
      room_id: ROOM,
      user_info: { name: 'Zoë Ångström', user_id: 'zoe-1', is_admin: true },
    },
  },
  { endpoint: 'room/isRoomActive', request: { room_id: ROOM } },
  { endpoint: 'room/getActiveRoomInfo', request: { room_id: ROOM } },
  { endpoint: 'room/getActiveRoomsInfo', request: {} },
  {
    endpoint: 'room/broadcastToRoom',
    request: { room_id: ROOM, chat_msg: { message: 'Hallo, Welt! ¿Qué tal? \t✓' } },
  },
  { endpoint: 'room/fetchPastRooms', request: { room_ids: [ROOM], limit: 5, order_by: 'ASC' } },
  { endpoint: 'recording/fetch', request: { room_ids: ['seeded-room'], limit: 10 } },
  { endpoint: 'recording/info', request: { record_id: RECORDING } },
  { endpoint: 'recording/recordingInfo', request: { record_id: RECORDING } },
  {
    endpoint: 'recording/updateMetadata',
    request: {
      record_id: RECORDING,
      metadata: { title: 'Überarbeitet', description: 'naïve café', extra_data: { clé: 'värde' } },
    },
  },
  {
    endpoint: 'recording/mergeRecordings',
    request: {
      by_ids: { room_id: 'seeded-room', recording_ids: [RECORDING, 'RM_seed01-1755684002'] },
    },
  },
  { endpoint: 'recording/getDownloadToken', request: { record_id: RECORDING } },
  { endpoint: 'recording/delete', request: { record_id: 'RM_seed01-1755684002' } },
  { endpoint: 'artifact/fetch', request: { room_ids: ['seeded-room'], limit: 10 } },
  { endpoint: 'artifact/info', request: { artifact_id: 'AR_summary01' } },
  { endpoint: 'artifact/getDownloadToken', request: { artifact_id: 'AR_summary01' } },
  { endpoint: 'artifact/delete', request: { artifact_id: 'AR_usage01' } },
  { endpoint: 'analytics/fetch', request: { room_ids: ['seeded-room'] } },
  { endpoint: 'analytics/getDownloadToken', request: { file_id: 'AN_seed01' } },
  { endpoint: 'analytics/delete', request: { file_id: 'AN_seed01' } },
  { endpoint: 'getClientFiles', request: {} },
  { endpoint: 'room/endRoom', request: { room_id: ROOM } },
];
