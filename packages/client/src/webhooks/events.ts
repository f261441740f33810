/**
 * The events plugNmeet sends to webhooks (`CommonNotifyEvent`, snake_case protojson with
 * unset fields omitted).
 *
 * @module
 */

import type { RoomArtifactType } from '../types/artifact.js';
import type { Enum, Int64, UnknownFields } from '../types/common.js';
import type { ParticipantInfo, TrackInfo } from '../types/livekit.js';

/** Every event name the server sends (§3.5), including the two the docs omit. */
export type KnownWebhookEventName =
  | 'room_created'
  | 'room_started'
  | 'room_finished'
  | 'participant_joined'
  | 'participant_left'
  | 'track_published'
  | 'track_unpublished'
  | 'session_ended'
  | 'start_recording'
  | 'end_recording'
  | 'start_rtmp'
  | 'end_rtmp'
  | 'recording_proceeded'
  | 'recording_transcoding_finished'
  | 'analytics_proceeded'
  | 'artifact_created';

/** An event name; names newer than this package are still accepted. */
export type WebhookEventName = Enum<KnownWebhookEventName>;

/** `NotifyEventRoom`. */
export interface NotifyEventRoom extends UnknownFields {
  readonly sid?: string;
  readonly room_id?: string;
  readonly empty_timeout?: number;
  readonly max_participants?: number;
  readonly creation_time?: Int64;
  readonly enabled_codecs?: readonly UnknownFields[];
  readonly metadata?: string;
  readonly num_participants?: number;
}

/** The `recording_info` of recorder events. */
export interface NotifyRecordingInfo extends UnknownFields {
  readonly record_id?: string;
  readonly recorder_id?: string;
  readonly recorder_msg?: string;
  readonly file_path?: string;
  readonly file_size?: number;
}

/** The `room_artifact` of `artifact_created`; the docs show `type` as a number. */
export interface NotifyRoomArtifact extends UnknownFields {
  readonly type?: RoomArtifactType | number;
  readonly artifact_id?: string;
  readonly metadata?: UnknownFields;
}

/**
 * A verified webhook event. `created_at` (unix seconds as a string) is filled from
 * `createdAt` when only the docs' spelling is present; unknown fields are kept.
 */
export interface WebhookEvent extends UnknownFields {
  readonly event: WebhookEventName;
  readonly id?: string;
  readonly created_at?: Int64;
  /** The docs' spelling; the server sends `created_at`. */
  readonly createdAt?: Int64 | number;
  readonly room?: NotifyEventRoom;
  readonly participant?: ParticipantInfo;
  readonly recording_info?: NotifyRecordingInfo;
  readonly speech_service?: UnknownFields;
  readonly track?: TrackInfo;
  readonly analytics?: { readonly file_id?: string } & UnknownFields;
  readonly room_artifact?: NotifyRoomArtifact;
}
