/**
 * The LiveKit messages plugNmeet passes through (snake_case protojson).
 *
 * @module
 */
import type { Enum, Int64, UnknownFields } from './common.js';

/** A LiveKit `TrackInfo`. */
export interface TrackInfo extends UnknownFields {
  readonly sid?: string;
  readonly type?: Enum<'AUDIO' | 'VIDEO' | 'DATA'>;
  readonly name?: string;
  readonly muted?: boolean;
  readonly width?: number;
  readonly height?: number;
  readonly simulcast?: boolean;
  readonly source?: Enum<
    'UNKNOWN' | 'CAMERA' | 'MICROPHONE' | 'SCREEN_SHARE' | 'SCREEN_SHARE_AUDIO'
  >;
  readonly mime_type?: string;
  readonly mid?: string;
}

/** A LiveKit `ParticipantInfo`; `metadata` holds the plugNmeet user-metadata JSON text. */
export interface ParticipantInfo extends UnknownFields {
  readonly sid?: string;
  readonly identity?: string;
  readonly state?: Enum<'JOINING' | 'JOINED' | 'ACTIVE' | 'DISCONNECTED'>;
  readonly tracks?: readonly TrackInfo[];
  readonly metadata?: string;
  readonly joined_at?: Int64;
  readonly joined_at_ms?: Int64;
  readonly name?: string;
  readonly version?: number;
  readonly permission?: UnknownFields | null;
  readonly region?: string;
  readonly is_publisher?: boolean;
  readonly kind?: Enum<'STANDARD' | 'INGRESS' | 'EGRESS' | 'SIP' | 'AGENT'>;
  readonly attributes?: Readonly<Record<string, string>>;
}
