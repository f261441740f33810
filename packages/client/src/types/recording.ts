/**
 * Requests and responses of the `/auth/recording/*` endpoints.
 *
 * @module
 */
import type { CommonResponse, Int64, PageRequest, UnknownFields } from './common.js';
import type { PastRoomInfo } from './room.js';

/** `RecordingMetadata`. */
export interface RecordingMetadata {
  title?: string;
  description?: string;
  subtitles?: Record<string, { label: string; url: string }>;
  extra_data?: Record<string, string>;
}

/** `RecordingInfo`. */
export interface RecordingInfo extends UnknownFields {
  readonly record_id: string;
  readonly room_id: string;
  readonly room_sid: string;
  readonly file_path: string;
  /** MB, two decimals. */
  readonly file_size: number;
  readonly creation_time: Int64;
  readonly room_creation_time: Int64;
  readonly metadata?: Readonly<RecordingMetadata> & UnknownFields;
}

/** `FetchRecordingsReq`. */
export interface FetchRecordingsRequest extends PageRequest {
  room_ids?: string[];
  room_sid?: string;
}

/** `FetchRecordingsRes`. "No recording found" comes back as an empty list, not an error. */
export interface FetchRecordingsResponse extends CommonResponse {
  readonly result: {
    readonly total_recordings: Int64;
    readonly from: number;
    readonly limit: number;
    readonly order_by: string;
    readonly recordings_list: readonly RecordingInfo[];
  } & UnknownFields;
}

/** A request naming one recording. */
export interface RecordIdRequest {
  record_id: string;
}

/** `RecordingInfoRes`. */
export interface RecordingInfoResponse extends CommonResponse {
  readonly recording_info: RecordingInfo | null;
  /** Here `created`/`ended` use the layout `2006-01-02 15:04:05`. */
  readonly room_info: PastRoomInfo | null;
}

/** `UpdateRecordingMetadataReq`. */
export interface UpdateRecordingMetadataRequest {
  record_id: string;
  metadata: RecordingMetadata;
}

/** `MergeRecordingsReq`: exactly one of `by_session` and `by_ids` (at least 2 ids). */
export type MergeRecordingsRequest =
  | { by_session: { room_sid: string; exclude_recording_ids?: string[] }; by_ids?: never }
  | { by_ids: { room_id: string; recording_ids: string[] }; by_session?: never };

/** `GetDownloadTokenRes` and its artifact and analytics twins. */
export interface DownloadTokenResponse extends CommonResponse {
  readonly token?: string;
}
