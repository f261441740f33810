/**
 * The `CommonNotifyEvent.event` names the upstream server sends (docs/plugnmeet-api.md §3.5,
 * read from its code: `pkg/models/room_create.go`, `webhook_room.go`, `webhook.go`,
 * `webhook_track.go`, `room_end.go`, `recording.go` with the lowercased `RecordingTasks`
 * names the recorder reports, `analytics_export.go`, `artifact.go`). The field itself is a
 * free string in the proto, so a typo would otherwise be sent as if it were an event.
 *
 * @module
 */

/** Every event name the upstream server sends, in the order of §3.5. */
export const UPSTREAM_EVENT_NAMES: readonly string[] = Object.freeze([
  'room_created',
  'room_started',
  'room_finished',
  'participant_joined',
  'participant_left',
  'track_published',
  'track_unpublished',
  'session_ended',
  'start_recording',
  'end_recording',
  'start_rtmp',
  'end_rtmp',
  'recording_proceeded',
  'recording_transcoding_finished',
  'analytics_proceeded',
  'artifact_created',
]);
