/**
 * The shapes shared by the server, its handlers and the tests that read its recordings.
 *
 * @module
 */

/** Why the `/auth` middleware refused a request, in the order the server checks (§1.2). */
export type AuthFailure =
  | 'MISSING_API_KEY'
  | 'INVALID_API_KEY'
  | 'MISSING_HASH_SIGNATURE'
  | 'MISSING_ROOM_ID'
  | 'SIGNATURE_MISMATCH';

/** The outcome of the `/auth` header check for one request. */
export type AuthVerdict =
  | {
      readonly ok: true;
      /** `body` for JSON requests; `room-id` when the multipart mode signed the `Room-Id` header. */
      readonly mode: 'body' | 'room-id';
      /** The exact bytes the HMAC covered. */
      readonly signedInput: Uint8Array;
      readonly expectedSignature: string;
    }
  | {
      readonly ok: false;
      readonly reason: AuthFailure;
      /** The `msg` of the 401 body. */
      readonly msg: string;
      /** The `status_code` of the 401 body. */
      readonly statusCode: string;
      /** Present once the check got as far as computing the MAC. */
      readonly mode?: 'body' | 'room-id';
      readonly signedInput?: Uint8Array;
      readonly expectedSignature?: string;
    };

/** One request as the server saw it, byte for byte. */
export interface RecordedRequest {
  /** 0-based arrival order. */
  readonly index: number;
  readonly method: string;
  /** The request target as sent, with any query string. */
  readonly url: string;
  /** The path without the query string. */
  readonly path: string;
  /** Header names lowercased; repeated headers joined with `, ` (Node's rule). */
  readonly headers: Readonly<Record<string, string>>;
  /** Name/value pairs in arrival order, names as the client spelled them. */
  readonly rawHeaders: readonly string[];
  /** The exact body bytes received (before any Content-Encoding is undone). */
  readonly body: Uint8Array;
  /** The body decoded as UTF-8 for convenience (invalid sequences become U+FFFD). */
  readonly text: string;
  /** The `/auth` verdict; `undefined` for paths outside `/auth`. */
  readonly auth: AuthVerdict | undefined;
  /** What the server answered. */
  readonly response: RecordedResponse;
  /**
   * How the server would have read the body: the request message, the fields protojson
   * drops, and the protovalidate verdict. `undefined` when no handler parsed a body
   * (auth refused, unknown path, scripted answer, multipart upload).
   */
  readonly protocol?: ProtocolVerdict;
  /**
   * The request message as the server read it (protojson, proto names, set fields only),
   * when `protocol` says it parsed: a client's test compares it with what it meant to send.
   */
  readonly message?: Readonly<Record<string, unknown>>;
  /**
   * Set when the server was started with `serveRefused` and this request failed the `/auth`
   * check: the refusal the real server would have answered (`401 <msg>`) instead of the
   * answer served.
   */
  readonly wouldRefuse?: string;
}

/** How the body of one request parsed against its upstream request message. */
export interface ProtocolVerdict {
  /** The full name of the request message, e.g. `plugnmeet.IsRoomActiveReq`. */
  readonly message: string;
  /** Paths of the JSON keys protojson (`DiscardUnknown`) drops, e.g. `metadata.roomTitel`. */
  readonly dropped_fields: readonly string[];
  /** `ok`, `parse error` (protojson refused the body) or `invalid` (protovalidate refused it). */
  readonly verdict: 'ok' | 'parse error' | 'invalid';
  /** The server's `msg` for a refused body. */
  readonly error?: string;
}

/** The response sent for a recorded request. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** Set when the handler hung up without answering (a simulated network failure). */
  readonly hungUp: boolean;
  /**
   * A scripted delay before the answer was written (or the connection closed). The request
   * is recorded when its answer is decided, before that delay.
   */
  readonly delayMs?: number;
}

/** A parsed `multipart/form-data` part (see `parseMultipart` for how each field is read). */
export interface FormPart {
  readonly name: string;
  /** The file name as sent, path included; absent for a plain field. */
  readonly filename?: string;
  /** The media type in lowercase without parameters; `text/plain` when the part named none. */
  readonly contentType?: string;
  /** A file's bytes exactly; a plain field's text in UTF-8. */
  readonly data: Uint8Array;
}

/** What a handler gets: the request after it passed the auth check. */
export interface HandlerRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body after any Content-Encoding was undone: what protojson would parse. */
  readonly body: Uint8Array;
  readonly text: string;
  /** Form parts when the request is `multipart/form-data`, else `undefined`. */
  readonly form: readonly FormPart[] | undefined;
  /**
   * The body parsed as the route's upstream request message (protojson, proto names, set
   * fields only), when it parsed; default handlers only run once it also validated.
   */
  readonly message?: Record<string, unknown>;
  /** How the body parsed against the route's request message, for routes that read one. */
  readonly protocol?: ProtocolVerdict;
}

/**
 * A scripted answer. Give `json` for a protojson-style body (snake_case keys as you write
 * them, with Go's random space after commas), `body` for exact bytes or text, or `hangUp`
 * to destroy the socket without answering.
 */
export interface TestResponse {
  /** HTTP status; 200 by default. */
  status?: number;
  headers?: Record<string, string>;
  /** Serialized like Go protojson output (see `encodeProtoJson`). */
  json?: unknown;
  /**
   * The upstream response message `json` is an instance of (e.g. `plugnmeet.CommonResponse`):
   * when set, `json` is built into that message (strictly: unknown keys are an error) and
   * written the way protojson writes it (`EmitUnpopulated`, declaration order, `null` for
   * unset messages). Default handlers always set it; scripted answers may leave it out to
   * send `json` as written.
   */
  message?: string;
  /** Sent exactly as given. Ignored when `json` is set. */
  body?: string | Uint8Array;
  /** Wait this long before answering (to provoke client timeouts). */
  delayMs?: number;
  /** Destroy the connection without sending a response. */
  hangUp?: boolean;
}

/** Answers one endpoint. May be async. */
export type TestHandler = (request: HandlerRequest) => TestResponse | Promise<TestResponse>;
