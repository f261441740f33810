/**
 * Requests and responses of `/auth/artifact/*`, the deprecated `/auth/analytics/*`, and
 * `/auth/getClientFiles`.
 *
 * @module
 */
import type {
  CommonResponse,
  Enum,
  Int64,
  Int64Input,
  PageRequest,
  UnknownFields,
} from './common.js';
import type { PastRoomInfo } from './room.js';

/** `RoomArtifactType`. */
export type RoomArtifactType = Enum<
  | 'UNKNOWN_ARTIFACT'
  | 'MEETING_ANALYTICS'
  | 'MEETING_SUMMARY'
  | 'MEETING_SUMMARY_USAGE'
  | 'SPEECH_TRANSCRIPTION'
  | 'SPEECH_TRANSCRIPTION_USAGE'
  | 'SYNTHESIZED_SPEECH_USAGE'
  | 'CHAT_TRANSLATION_USAGE'
  | 'AI_TEXT_CHAT_INTERACTION_USAGE'
  | 'AI_TEXT_CHAT_SUMMARIZATION_USAGE'
>;

/** `RoomArtifactMetadata`: at most one of the usage fields is set. */
export interface RoomArtifactMetadata extends UnknownFields {
  readonly user_info?:
    | ({ readonly user_id: string; readonly name?: string } & UnknownFields)
    | null;
  readonly provider_job_info?:
    | ({ readonly job_id: string; readonly file_name: string } & UnknownFields)
    | null;
  readonly file_info?:
    | ({
        readonly file_path: string;
        readonly file_size: Int64;
        readonly mime_type: string;
      } & UnknownFields)
    | null;
  readonly token_usage?: UnknownFields;
  readonly duration_usage?: UnknownFields;
  readonly character_count_usage?: UnknownFields;
  readonly reference_artifact_id?: string;
}

/** `ArtifactInfo`. */
export interface ArtifactInfo extends UnknownFields {
  readonly artifact_id: string;
  readonly room_id: string;
  readonly type: RoomArtifactType;
  /** RFC 3339. */
  readonly created: string;
  readonly metadata: RoomArtifactMetadata | null;
}

/** `FetchArtifactsReq`: `from` and `limit` are uint64 here. */
export interface FetchArtifactsRequest {
  room_ids?: string[];
  room_sid?: string;
  type?: RoomArtifactType;
  from?: Int64Input;
  limit?: Int64Input;
  order_by?: PageRequest['order_by'];
}

/** `FetchArtifactsRes`: `from`/`limit` are strings (uint64). Empty list when none found. */
export interface FetchArtifactsResponse extends CommonResponse {
  readonly result: {
    readonly total_artifacts: Int64;
    readonly from: Int64;
    readonly limit: Int64;
    readonly order_by: string;
    readonly type?: RoomArtifactType;
    readonly artifacts_list: readonly ArtifactInfo[];
  } & UnknownFields;
}

/** A request naming one artifact. */
export interface ArtifactIdRequest {
  artifact_id: string;
}

/** `ArtifactInfoRes`. */
export interface ArtifactInfoResponse extends CommonResponse {
  readonly artifact_info?: ArtifactInfo | null;
  readonly room_info?: PastRoomInfo | null;
}

/** `FetchAnalyticsReq` (deprecated endpoint). */
export interface FetchAnalyticsRequest extends PageRequest {
  room_ids?: string[];
}

/** `FetchAnalyticsRes`: success carries `status_code` `UNKNOWN_STATUS` (never set by the server). */
export interface FetchAnalyticsResponse extends CommonResponse {
  readonly result: {
    readonly total_analytics: Int64;
    readonly from: number;
    readonly limit: number;
    readonly order_by: string;
    readonly analytics_list: readonly ({
      readonly room_id: string;
      readonly file_id: string;
      readonly file_name: string;
      readonly file_size: number;
      readonly creation_time: Int64;
    } & UnknownFields)[];
  } & UnknownFields;
}

/** A request naming one analytics file (deprecated endpoints). */
export interface FileIdRequest {
  file_id: string;
}

/** `GetClientFilesRes`. */
export interface GetClientFilesResponse extends CommonResponse {
  /** @deprecated Use `css_files`. */
  readonly css: readonly string[];
  /** @deprecated Use `js_files`. */
  readonly js: readonly string[];
  readonly css_files: readonly string[];
  readonly js_files: readonly string[];
  readonly static_assets_path?: string;
}
