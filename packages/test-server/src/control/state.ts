/**
 * Reading, seeding and resetting the fake's state through the control API. Seeded records
 * are checked against the upstream messages the handlers answer with, so a bad seed is a
 * 400 now rather than a 500 for the SDK under test later.
 *
 * @module
 */
import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { messageSchema, protocolRegistry } from '../protocol/registry.js';
import { type ActiveRoom, createFakeState, type FakeState } from '../state.js';
import { badInput, type JsonObject, list, objectWith, text } from './input.js';
import { bytesText, type ControlLimits, jsonBytes, limitReached } from './limits.js';

/** A seeded room before its sid is known: sids are handed out only once every record passed. */
type SeededRoom = Omit<ActiveRoom, 'sid'> & { sid: string | undefined };

const ID = /^[a-zA-Z0-9_-]+$/;
const ID_EXPECTED = 'a non-empty id of letters, digits, - and _';

/**
 * The state as JSON: active rooms, past rooms, recordings, artifacts, and the rooms with a
 * whiteboard upload in progress.
 *
 * @throws Never.
 * @example
 * ```ts
 * stateJson(server.state).rooms; // [{ room_id: 'r1', sid: 'RM_…', … }]
 * ```
 */
export function stateJson(state: FakeState): JsonObject {
  return {
    rooms: [...state.rooms.values()],
    past_rooms: state.pastRooms,
    recordings: [...state.recordings.values()],
    artifacts: [...state.artifacts.values()],
    upload_locks: [...state.uploadLocks],
  };
}

/** `record` checked as an instance of the upstream `message` (strict: unknown keys refused). */
function upstreamRecord(record: unknown, where: string, message: string, id: string): JsonObject {
  const object = objectWith(record, where, Object.keys(record ?? {}));
  text(object[id], `${where}.${id}`, ID_EXPECTED, ID);
  try {
    fromJson(messageSchema(message), object as JsonValue, { registry: protocolRegistry() });
  } catch (error) {
    throw badInput(where, `a ${message} as protojson (${(error as Error).message})`, record);
  }
  return object;
}

function activeRoom(value: unknown, where: string): SeededRoom {
  const room = objectWith(value, where, [
    'room_id',
    'sid',
    'room_title',
    'webhook_url',
    'creation_time',
    'metadata',
  ]);
  const given = (key: string, pattern = /^/) =>
    key in room ? text(room[key], `${where}.${key}`, 'a non-empty string', pattern) : undefined;
  const optional = (key: string, fallback: string, pattern = /^/) =>
    given(key, pattern) ?? fallback;
  const metadata = room.metadata ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw badInput(`${where}.metadata`, 'a JSON object (the room metadata)', metadata);
  }
  const roomId = text(room.room_id, `${where}.room_id`, ID_EXPECTED, ID);
  return {
    room_id: roomId,
    sid: given('sid'),
    room_title: optional('room_title', roomId),
    webhook_url: optional('webhook_url', ''),
    creation_time: optional('creation_time', String(Math.floor(Date.now() / 1000)), /^\d+$/),
    metadata: JSON.stringify(metadata),
  };
}

/**
 * Adds or replaces records (by their ids) from `{rooms?, past_rooms?, recordings?,
 * artifacts?}`; everything is checked, the bounds of `limits` too, before anything changes.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` naming the first record that is wrong;
 *   `CONTROL_LIMIT` when the state would hold too many records or bytes.
 * @example
 * ```ts
 * seedState(server.state, { rooms: [{ room_id: 'r1', room_title: 'Seeded' }] }, DEFAULT_CONTROL_LIMITS);
 * ```
 */
export function seedState(state: FakeState, value: unknown, limits: ControlLimits): void {
  const seed = objectWith(value, 'the body', ['rooms', 'past_rooms', 'recordings', 'artifacts']);
  const of = <T>(key: string, expected: string, read: (v: unknown, at: string) => T) =>
    key in seed ? list(seed[key], key, `an array of ${expected}`, read) : [];
  const rooms = of('rooms', 'active rooms ({room_id, …})', activeRoom);
  const pastRooms = of('past_rooms', 'plugnmeet.PastRoomInfo', (v, at) =>
    upstreamRecord(v, at, 'plugnmeet.PastRoomInfo', 'room_id'),
  );
  const recordings = of('recordings', 'plugnmeet.RecordingInfo', (v, at) =>
    upstreamRecord(v, at, 'plugnmeet.RecordingInfo', 'record_id'),
  );
  const artifacts = of('artifacts', 'plugnmeet.ArtifactInfo', (v, at) =>
    upstreamRecord(v, at, 'plugnmeet.ArtifactInfo', 'artifact_id'),
  );
  // The state as it would be, built aside: a seed past a bound changes nothing.
  const nextRooms = new Map(state.rooms);
  for (const room of rooms) nextRooms.set(room.room_id, { ...room, sid: room.sid ?? '' });
  const nextPast = [...state.pastRooms];
  for (const past of pastRooms) {
    const at = nextPast.findIndex(
      (p) => p.room_id === past.room_id && p.room_sid === past.room_sid,
    );
    if (at >= 0) nextPast[at] = past;
    else nextPast.push(past);
  }
  const nextRecordings = new Map(state.recordings);
  for (const recording of recordings) nextRecordings.set(String(recording.record_id), recording);
  const nextArtifacts = new Map(state.artifacts);
  for (const artifact of artifacts) nextArtifacts.set(String(artifact.artifact_id), artifact);
  const counts = {
    rooms: nextRooms.size,
    past_rooms: nextPast.length,
    recordings: nextRecordings.size,
    artifacts: nextArtifacts.size,
  };
  const bytes = jsonBytes({
    rooms: [...nextRooms.values()],
    past_rooms: nextPast,
    recordings: [...nextRecordings.values()],
    artifacts: [...nextArtifacts.values()],
    upload_locks: [...state.uploadLocks],
  });
  checkStateBounds(counts, bytes, limits);
  // Every record passed: only now are sids handed out (a refused seed takes none).
  const nextSid = () => `RM_${(state.nextId++).toString(36).padStart(6, '0')}`;
  for (const room of rooms) state.rooms.set(room.room_id, { ...room, sid: room.sid ?? nextSid() });
  state.pastRooms.splice(0, state.pastRooms.length, ...nextPast);
  for (const [id, recording] of nextRecordings) state.recordings.set(id, recording);
  for (const [id, artifact] of nextArtifacts) state.artifacts.set(id, artifact);
}

function checkStateBounds(
  counts: Record<string, number>,
  bytes: number,
  limits: ControlLimits,
): void {
  const remedy = 'DELETE /__control/state, or seed fewer records';
  for (const [kind, count] of Object.entries(counts)) {
    if (count > limits.stateRecords) {
      throw limitReached(
        `the state may hold at most ${limits.stateRecords} ${kind}; this seed would make ${count}`,
        remedy,
      );
    }
  }
  if (bytes > limits.stateBytes) {
    throw limitReached(
      `the state may take at most ${bytesText(limits.stateBytes)} (${limits.stateBytes} bytes as GET /__control/state answers it); this seed would make ${bytes}`,
      remedy,
    );
  }
}

/**
 * Puts the state back as a fresh server has it (the seeded records), or empty.
 *
 * @throws Never.
 * @example
 * ```ts
 * resetState(server.state, { empty: true });
 * ```
 */
export function resetState(state: FakeState, options: { empty: boolean }): void {
  const fresh = createFakeState();
  state.rooms.clear();
  state.pastRooms.splice(0);
  state.recordings.clear();
  state.artifacts.clear();
  state.uploadLocks.clear();
  state.nextId = fresh.nextId;
  if (options.empty) return;
  state.pastRooms.push(...fresh.pastRooms);
  for (const [id, recording] of fresh.recordings) state.recordings.set(id, recording);
  for (const [id, artifact] of fresh.artifacts) state.artifacts.set(id, artifact);
}
