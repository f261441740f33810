/**
 * Wire conventions shared by every plugNmeet message (protojson, `UseProtoNames`,
 * `EmitUnpopulated`).
 *
 * @module
 */

/**
 * A protobuf int64/uint64 as protojson writes it: a decimal string such as `"1700000000"`.
 * Kept as a string so no precision is lost; convert with `BigInt()` or `Number()` yourself.
 */
export type Int64 = string;

/**
 * In requests, protojson also accepts a number for 64-bit fields; the client sends what
 * you give it.
 */
export type Int64Input = string | number;

/**
 * An enum as its name. Names this client does not know yet are still accepted (typed as
 * `string`), so a newer server never breaks parsing.
 */
export type Enum<Known extends string> = Known | (string & {});

/** Room-state flags the docs call booleans but the proto declares as int32. */
export type Flag = 0 | 1 | (number & {});

/**
 * Fields a newer server added that this client does not know: kept as received, never an
 * error (the official JS SDK throws on them).
 */
export interface UnknownFields {
  readonly [field: string]: unknown;
}

/** The `StatusCode` enum (`plugnmeet_common_api.proto`). */
export type KnownStatusCode =
  | 'UNKNOWN_STATUS'
  | 'SUCCESS'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TOKEN_OR_SIGNATURE'
  | 'INVALID_API_KEY'
  | 'INTERNAL_SERVER_ERROR'
  | 'INVALID_PARAMETERS'
  | 'MISSING_REQUIRED_PARAMETER'
  | 'ROOM_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'USER_BLOCKED'
  | 'USER_NOT_ACTIVE'
  | 'ROOM_NOT_ACTIVE';

/** A `StatusCode` name; unknown names are tolerated. */
export type StatusCode = Enum<KnownStatusCode>;

/** `CommonResponse`: the answer of every simple call and every failure. */
export interface CommonResponse extends UnknownFields {
  readonly status: boolean;
  readonly msg: string;
  /** Older servers may omit it. */
  readonly status_code?: StatusCode;
}

/** Pagination shared by the list requests. */
export interface PageRequest {
  from?: number;
  /** Default 20; the server silently caps it at 100. */
  limit?: number;
  /** Only the exact string `ASC` sorts ascending; anything else sorts descending. */
  order_by?: 'ASC' | 'DESC' | (string & {});
}
