/**
 * Requests and responses of the `/auth/room/*` endpoints.
 *
 * @module
 */
import type {
  CommonResponse,
  Enum,
  Flag,
  Int64,
  Int64Input,
  PageRequest,
  UnknownFields,
} from './common.js';
import type { ParticipantInfo } from './livekit.js';

/** Lock settings: each `true` locks that feature for non-admins. */
export interface LockSettings {
  lock_microphone?: boolean;
  lock_webcam?: boolean;
  lock_screen_sharing?: boolean;
  lock_chat?: boolean;
  lock_chat_send_message?: boolean;
  lock_chat_file_share?: boolean;
  lock_private_chat?: boolean;
  lock_whiteboard?: boolean;
  lock_shared_notepad?: boolean;
  lock_reactions?: boolean;
}

/** `{ is_allow }`, the shape of many feature switches. */
export interface AllowFeature {
  is_allow?: boolean;
}

/** Recorder bot behaviour. */
export interface RecorderBotOptions {
  enable_auto_close_chat_panel?: boolean;
  duration_after_last_message?: number;
}

/** `RoomCreateFeatures`. Nested objects may carry fields newer than this type. */
export interface RoomCreateFeatures {
  allow_webcams?: boolean;
  mute_on_start?: boolean;
  allow_screen_share?: boolean;
  allow_view_other_webcams?: boolean;
  allow_view_other_users_list?: boolean;
  admin_only_webcams?: boolean;
  enable_analytics?: boolean;
  allow_virtual_bg?: boolean;
  allow_raise_hand?: boolean;
  allow_reactions?: boolean;
  auto_gen_user_id?: boolean;
  /** @deprecated Use `external_broadcasting_features.is_allow_rtmp`. */
  allow_rtmp?: boolean;
  /** Minutes; uint64 on the wire. */
  room_duration?: Int64Input;
  recording_features?: {
    is_allow?: boolean;
    is_allow_cloud?: boolean;
    enable_auto_cloud_recording?: boolean;
    is_allow_local?: boolean;
    only_record_admin_webcams?: boolean;
    recorder_bot_options?: RecorderBotOptions;
  };
  chat_features?: {
    is_allow?: boolean;
    is_allow_file_upload?: boolean;
    allowed_file_types?: string[];
    max_file_size?: Int64Input;
  };
  shared_note_pad_features?: AllowFeature;
  whiteboard_features?: AllowFeature & { preload_file?: string };
  external_media_player_features?: AllowFeature;
  waiting_room_features?: { is_active?: boolean; waiting_room_msg?: string };
  breakout_room_features?: AllowFeature & { allowed_number_rooms?: number };
  display_external_link_features?: AllowFeature;
  ingress_features?: AllowFeature & { input_type?: Enum<'RTMP_INPUT' | 'WHIP_INPUT'> };
  end_to_end_encryption_features?: {
    is_enabled?: boolean;
    included_chat_messages?: boolean;
    included_whiteboard?: boolean;
    enabled_self_insert_encryption_key?: boolean;
  };
  polls_features?: AllowFeature;
  insights_features?: AllowFeature & {
    transcription_features?: AllowFeature & {
      is_allow_translation?: boolean;
      is_allow_speech_synthesis?: boolean;
    };
    chat_translation_features?: AllowFeature;
    ai_features?: AllowFeature & {
      ai_text_chat_features?: AllowFeature;
      meeting_summarization_features?: AllowFeature & { summarization_prompt?: string };
    };
  };
  sip_dial_in_features?: AllowFeature & {
    enable_dial_in_on_create?: boolean;
    hide_phone_number?: boolean;
  };
  external_broadcasting_features?: AllowFeature & {
    is_allow_rtmp?: boolean;
    recorder_bot_options?: RecorderBotOptions;
  };
}

/** `RoomMetadata` as sent to `room/create`. */
export interface RoomMetadata {
  room_title: string;
  welcome_message?: string;
  /** Used only when the server enables per-meeting webhooks. */
  webhook_url?: string;
  logout_url?: string;
  room_features: RoomCreateFeatures;
  default_lock_settings?: LockSettings;
  copyright_conf?: { display?: boolean; text?: string };
  /** A map since protocol 7ae4269 (it was a string before). */
  extra_data?: Record<string, string>;
}

/** `CreateRoomReq`. */
export interface CreateRoomRequest {
  /** Must match `^[a-zA-Z0-9-_]+$`. */
  room_id: string;
  empty_timeout?: number;
  max_participants?: number;
  metadata: RoomMetadata;
}

/** `ActiveRoomInfo`. */
export interface ActiveRoomInfo extends UnknownFields {
  readonly room_title: string;
  readonly room_id: string;
  readonly sid: string;
  readonly joined_participants: Int64;
  readonly is_running: Flag;
  readonly is_recording: Flag;
  readonly is_active_rtmp: Flag;
  readonly webhook_url: string;
  readonly is_breakout_room: Flag;
  readonly parent_room_id: string;
  readonly creation_time: Int64;
  /** The room metadata as JSON text. */
  readonly metadata: string;
}

/** `CreateRoomRes`. */
export interface CreateRoomResponse extends CommonResponse {
  readonly room_info: ActiveRoomInfo | null;
}

/** `UserMetadata` for join tokens. */
export interface UserMetadata {
  profile_pic?: string;
  is_admin?: boolean;
  record_webcam?: boolean;
  preferred_lang?: string;
  lock_settings?: LockSettings;
  extra_data?: Record<string, string>;
  ex_user_id?: string;
}

/** `GenerateTokenReq`. */
export interface GetJoinTokenRequest {
  room_id: string;
  user_info: {
    name: string;
    /** Must match `^[a-zA-Z0-9-_]+$` unless the room auto-generates user ids. */
    user_id: string;
    is_admin?: boolean;
    is_hidden?: boolean;
    user_metadata?: UserMetadata;
    client_type?: Enum<'WEB' | 'HYBRID_WEB'>;
  };
}

/** `GenerateTokenRes`: join at `joinUrl(serverUrl, token)`. */
export interface GetJoinTokenResponse extends CommonResponse {
  readonly token?: string;
}

/** A request naming one room. */
export interface RoomIdRequest {
  room_id: string;
}

/** `IsRoomActiveRes`: `status` is true even for an inactive room; read `is_active`. */
export interface IsRoomActiveResponse extends CommonResponse {
  readonly is_active: boolean;
}

/** `ActiveRoomWithParticipant`. */
export interface ActiveRoomWithParticipants extends UnknownFields {
  readonly room_info: ActiveRoomInfo | null;
  readonly participants_info: readonly ParticipantInfo[];
}

/** `GetActiveRoomInfoRes`. */
export interface GetActiveRoomInfoResponse extends CommonResponse {
  readonly room: ActiveRoomWithParticipants | null;
}

/** `GetActiveRoomsInfoRes`. "No active room" comes back as an empty list, not an error. */
export interface GetActiveRoomsInfoResponse extends CommonResponse {
  readonly rooms: readonly ActiveRoomWithParticipants[];
}

/** `FetchPastRoomsReq`. */
export interface FetchPastRoomsRequest extends PageRequest {
  room_ids?: string[];
}

/** `PastRoomInfo`. `created`/`ended` are RFC 3339 here, `2006-01-02 15:04:05` in recording info. */
export interface PastRoomInfo extends UnknownFields {
  readonly room_title: string;
  readonly room_id: string;
  readonly room_sid: string;
  readonly joined_participants: Int64;
  readonly webhook_url: string;
  readonly created: string;
  readonly ended: string;
  readonly analytics_file_id?: string;
}

/** `FetchPastRoomsRes`. "No room found" comes back as an empty list, not an error. */
export interface FetchPastRoomsResponse extends CommonResponse {
  readonly result: {
    readonly total_rooms: Int64;
    readonly from: number;
    readonly limit: number;
    readonly order_by: string;
    readonly rooms_list: readonly PastRoomInfo[];
  } & UnknownFields;
}

/** `BroadcastToRoomReq`: exactly one of `chat_msg` and `notification_msg`. */
export type BroadcastToRoomRequest = {
  room_id: string;
  only_to_admins?: boolean;
  to_user_id?: string;
} & (
  | { chat_msg: { message: string }; notification_msg?: never }
  | {
      notification_msg: {
        text: string;
        type?: Enum<
          | 'NATS_SYSTEM_NOTIFICATION_INFO'
          | 'NATS_SYSTEM_NOTIFICATION_WARNING'
          | 'NATS_SYSTEM_NOTIFICATION_ERROR'
        >;
        with_sound?: boolean;
      };
      chat_msg?: never;
    }
);

/** What `uploadWhiteboardFile` sends: a file, or a link the server downloads. */
export type UploadWhiteboardFileRequest = { room_id: string } & (
  | {
      /** The document; a `File` keeps its name, a `Blob` needs `filename`. */
      file: Blob;
      filename?: string;
      document_link?: never;
    }
  | { document_link: string; file?: never; filename?: never }
);
