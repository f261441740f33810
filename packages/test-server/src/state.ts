/**
 * The in-memory world the default handlers act on: active rooms, past rooms, recordings
 * and artifacts, seeded with a few realistic records.
 *
 * @module
 */

/** What the fake keeps per active room. */
export interface ActiveRoom {
  room_id: string;
  sid: string;
  room_title: string;
  webhook_url: string;
  creation_time: string;
  /** The JSON text of the room metadata, as the server stores it. */
  metadata: string;
}

/** The mutable state behind the default handlers; tests may read and seed it. */
export interface FakeState {
  readonly rooms: Map<string, ActiveRoom>;
  readonly pastRooms: Record<string, unknown>[];
  readonly recordings: Map<string, Record<string, unknown>>;
  readonly artifacts: Map<string, Record<string, unknown>>;
  /** Rooms with a whiteboard upload in progress (a second upload gets 409). */
  readonly uploadLocks: Set<string>;
  /** Counter for generated ids. */
  nextId: number;
}

/**
 * A fresh state with one past room, two recordings and three artifacts (a summary, an
 * analytics file and a usage record that cannot be downloaded).
 *
 * @example
 * ```ts
 * const state = createFakeState();
 * state.recordings.get('RM_seed01-1755684000');
 * ```
 */
export function createFakeState(): FakeState {
  const pastRoom = {
    room_title: 'Seeded past room',
    room_id: 'seeded-room',
    room_sid: 'RM_seed01',
    joined_participants: '3',
    webhook_url: '',
    created: '2026-08-20T10:00:00Z',
    ended: '2026-08-20T11:00:00Z',
    analytics_file_id: 'AN_seed01',
  };
  const recording = (n: number) => ({
    record_id: `RM_seed01-175568400${n}`,
    room_id: 'seeded-room',
    room_sid: 'RM_seed01',
    file_path: `seeded-room/RM_seed01-175568400${n}.mp4`,
    file_size: 12.34 + n,
    creation_time: `175568400${n}`,
    room_creation_time: '1755684000',
    metadata: { title: `Part ${n}`, subtitles: {}, extra_data: { source: 'seed' } },
  });
  const artifact = (id: string, type: string, file: boolean) => ({
    artifact_id: id,
    room_id: 'seeded-room',
    type,
    created: '2026-08-20T11:05:00Z',
    metadata: {
      user_info: null,
      provider_job_info: null,
      file_info: file
        ? { file_path: `seeded-room/${id}.json`, file_size: '2048', mime_type: 'application/json' }
        : null,
      ...(file
        ? {}
        : { token_usage: { prompt_tokens: '120', completion_tokens: '80', total_tokens: '200' } }),
    },
  });
  return {
    rooms: new Map(),
    pastRooms: [pastRoom],
    recordings: new Map([1, 2].map((n) => [recording(n).record_id, recording(n)])),
    artifacts: new Map([
      ['AR_summary01', artifact('AR_summary01', 'MEETING_SUMMARY', true)],
      ['AN_seed01', artifact('AN_seed01', 'MEETING_ANALYTICS', true)],
      ['AR_usage01', artifact('AR_usage01', 'MEETING_SUMMARY_USAGE', false)],
    ]),
    uploadLocks: new Set(),
    nextId: 1,
  };
}
