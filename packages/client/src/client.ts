/**
 * `PlugNmeet`: one method per `/auth` endpoint, plus `request()` for newer ones.
 *
 * @module
 */
import { ENDPOINTS, type EndpointInfo, endpointPath } from './endpoints.js';
import { PlugNmeetApiError } from './errors/api-error.js';
import { PlugNmeetError } from './errors/base.js';
import {
  type CallOptions,
  type OutgoingRequest,
  type RetryOptions,
  Transport,
} from './transport.js';
import type {
  ArtifactIdRequest,
  ArtifactInfoResponse,
  FetchAnalyticsRequest,
  FetchAnalyticsResponse,
  FetchArtifactsRequest,
  FetchArtifactsResponse,
  FileIdRequest,
  GetClientFilesResponse,
} from './types/artifact.js';
import type { CommonResponse } from './types/common.js';
import type {
  DownloadTokenResponse,
  FetchRecordingsRequest,
  FetchRecordingsResponse,
  MergeRecordingsRequest,
  RecordIdRequest,
  RecordingInfoResponse,
  UpdateRecordingMetadataRequest,
} from './types/recording.js';
import type {
  BroadcastToRoomRequest,
  CreateRoomRequest,
  CreateRoomResponse,
  FetchPastRoomsRequest,
  FetchPastRoomsResponse,
  GetActiveRoomInfoResponse,
  GetActiveRoomsInfoResponse,
  GetJoinTokenRequest,
  GetJoinTokenResponse,
  IsRoomActiveResponse,
  RoomIdRequest,
  UploadWhiteboardFileRequest,
} from './types/room.js';
import { artifactDownloadUrl, joinUrl, recordingDownloadUrl } from './urls.js';

/** Options of {@link PlugNmeet}. */
export interface PlugNmeetOptions {
  /** The server's base URL, e.g. `https://demo.plugnmeet.com` (a path prefix is kept). */
  serverUrl: string;
  /** `client.api_key` of the server. */
  apiKey: string;
  /** `client.secret` of the server; never sent, only used to sign. */
  apiSecret: string;
  /** Per-call timeout in ms, covering the request and the response body; default 30 000. */
  timeoutMs?: number;
  /** A `fetch` to use instead of `globalThis.fetch` (proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /**
   * Retries after network errors (no response at all), on read-only calls only; off by
   * default. A number is the extra-attempt limit.
   */
  retry?: number | RetryOptions;
  /** Observe each outgoing request: the exact bytes sent and the signature (the CLI's `--verbose`). */
  onRequest?: (request: OutgoingRequest) => void;
}

/** Options of {@link PlugNmeet.request}. */
export interface RequestOptions extends CallOptions {
  /** Allow retries for this call (only if it changes nothing on the server); default false. */
  idempotent?: boolean;
}

/** The `result` objects of list calls, as returned when nothing matched. */
function emptyList(
  listKey: string,
  totalKey: string,
  body: Record<string, unknown>,
  asString = false,
) {
  const n = (value: unknown, fallback: number) =>
    asString ? String(value ?? fallback) : Number(value ?? fallback);
  return {
    [totalKey]: '0',
    from: n(body.from, 0),
    limit: n(body.limit, 20),
    order_by: body.order_by === 'ASC' ? 'ASC' : 'DESC',
    [listKey]: [],
  };
}

const nonEmpty = (value: unknown, name: string): string => {
  if (typeof value === 'string' && value.length > 0) return value;
  throw new PlugNmeetError('ERR_PNM_INVALID_ARGUMENT', `"${name}" expected a non-empty string`);
};

/**
 * A client for the plugNmeet server API. Every call serializes its body once, signs
 * exactly the bytes it sends (lowercase hex HMAC-SHA256, Web Crypto) and checks both the
 * HTTP status and `status`. Works on Node 20+, Deno, Bun and edge runtimes.
 *
 * Responses are returned as the server sent them (snake_case, int64 as strings, enum
 * names, unknown fields kept). Failures are coded errors: {@link PlugNmeetAuthError} (401),
 * {@link PlugNmeetApiError} (`status:false`), `PlugNmeetResponseError` (not the expected
 * JSON), `PlugNmeetNetworkError` and `PlugNmeetTimeoutError`.
 *
 * @example
 * ```ts
 * const client = new PlugNmeet({ serverUrl, apiKey: 'plugnmeet', apiSecret });
 * const { is_active } = await client.isRoomActive({ room_id: 'room01' });
 * ```
 */
export class PlugNmeet {
  /** The server base URL, without a trailing slash. */
  readonly serverUrl: string;
  readonly #transport: Transport;

  /**
   * @throws {PlugNmeetError} `ERR_PNM_INVALID_ARGUMENT` for an invalid URL, an empty key or
   * secret, or a bad timeout or retry option.
   * @example
   * ```ts
   * const client = new PlugNmeet({
   *   serverUrl: process.env.PLUGNMEET_URL!,
   *   apiKey: process.env.PLUGNMEET_API_KEY!,
   *   apiSecret: process.env.PLUGNMEET_API_SECRET!,
   *   timeoutMs: 10_000,
   *   retry: 2,
   * });
   * ```
   */
  constructor(options: PlugNmeetOptions) {
    const url = nonEmpty(options?.serverUrl, 'serverUrl');
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new Error(parsed.protocol);
    } catch (cause) {
      throw new PlugNmeetError(
        'ERR_PNM_INVALID_ARGUMENT',
        `"serverUrl" expected an http(s) URL, got ${JSON.stringify(url)}`,
        { cause },
      );
    }
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new PlugNmeetError(
        'ERR_PNM_INVALID_ARGUMENT',
        `"timeoutMs" expected a positive number, got ${timeoutMs}`,
      );
    }
    const retry =
      typeof options.retry === 'number'
        ? { limit: options.retry }
        : (options.retry ?? { limit: 0 });
    if (!Number.isInteger(retry.limit) || retry.limit < 0) {
      throw new PlugNmeetError(
        'ERR_PNM_INVALID_ARGUMENT',
        `"retry" expected a non-negative integer, got ${retry.limit}`,
      );
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new PlugNmeetError(
        'ERR_PNM_INVALID_ARGUMENT',
        'no fetch: pass options.fetch on this runtime',
      );
    }
    this.serverUrl = url.replace(/\/+$/, '');
    this.#transport = new Transport({
      baseUrl: this.serverUrl,
      apiKey: nonEmpty(options.apiKey, 'apiKey'),
      apiSecret: nonEmpty(options.apiSecret, 'apiSecret'),
      timeoutMs,
      // Called unbound: some fetch implementations need their own `this`.
      fetch: (input, init) => fetchImpl(input, init),
      retry: { limit: retry.limit, delayMs: retry.delayMs ?? 100 },
      onRequest: options.onRequest,
    });
  }

  async #call<T>(
    endpoint: EndpointInfo,
    body: unknown,
    options: CallOptions | undefined,
    empty?: (body: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<T> {
    const sent = endpoint.emptyBody ? {} : body;
    const result = await this.#transport.json(
      { path: endpoint.path, idempotent: endpoint.readOnly },
      sent,
      options,
    );
    if (result instanceof PlugNmeetApiError) {
      // Nothing found is an empty list, not a failure.
      if (empty && result.statusCode === 'NOT_FOUND') {
        return { ...result.response, ...empty((body ?? {}) as Record<string, unknown>) } as T;
      }
      throw result;
    }
    return result as T;
  }

  /**
   * Calls any `/auth` endpoint, including ones newer than this client. The body (an object,
   * or a string or bytes sent as they are) is serialized once and exactly those bytes are
   * signed. Throws {@link PlugNmeetApiError} on `status:false`.
   *
   * @param path - `room/create`, `/room/create` or `/auth/room/create`.
   * @throws {PlugNmeetError} any coded error of this package.
   * @example
   * ```ts
   * const res = await client.request<{ is_active: boolean }>('room/isRoomActive', { room_id: 'room01' });
   * ```
   */
  async request<T extends object = Record<string, unknown>>(
    path: string,
    body: object | string | Uint8Array = {},
    options?: RequestOptions,
  ): Promise<T & CommonResponse> {
    const result = await this.#transport.json(
      { path: endpointPath(path), idempotent: options?.idempotent === true },
      body,
      options,
    );
    if (result instanceof PlugNmeetApiError) throw result;
    return result as T & CommonResponse;
  }

  /**
   * Creates a room, or returns the active room with that id (the call is idempotent).
   *
   * @throws {PlugNmeetApiError} e.g. `INVALID_PARAMETERS` for an id outside `[a-zA-Z0-9-_]`.
   * @example
   * ```ts
   * await client.createRoom({ room_id: 'room01', metadata: { room_title: 'Demo', room_features: { allow_webcams: true } } });
   * ```
   */
  createRoom(request: CreateRoomRequest, options?: CallOptions): Promise<CreateRoomResponse> {
    return this.#call(ENDPOINTS.createRoom, request, options);
  }

  /**
   * Mints a join token for an active room; open it with {@link PlugNmeet.joinUrl}.
   *
   * @throws {PlugNmeetApiError} `ROOM_NOT_FOUND` when the room is not active, `USER_BLOCKED`.
   * @example
   * ```ts
   * const { token } = await client.getJoinToken({ room_id: 'room01', user_info: { name: 'Ana', user_id: 'ana', is_admin: true } });
   * ```
   */
  getJoinToken(request: GetJoinTokenRequest, options?: CallOptions): Promise<GetJoinTokenResponse> {
    return this.#call(ENDPOINTS.getJoinToken, request, options);
  }

  /**
   * Tells whether a room is running. `status` is true either way: read `is_active`.
   *
   * @throws {PlugNmeetApiError} only on server errors.
   * @example
   * ```ts
   * const { is_active } = await client.isRoomActive({ room_id: 'room01' });
   * ```
   */
  isRoomActive(request: RoomIdRequest, options?: CallOptions): Promise<IsRoomActiveResponse> {
    return this.#call(ENDPOINTS.isRoomActive, request, options);
  }

  /**
   * An active room with its participants.
   *
   * @throws {PlugNmeetApiError} `ROOM_NOT_FOUND` when it is not active.
   * @example
   * ```ts
   * const { room } = await client.getActiveRoomInfo({ room_id: 'room01' });
   * ```
   */
  getActiveRoomInfo(
    request: RoomIdRequest,
    options?: CallOptions,
  ): Promise<GetActiveRoomInfoResponse> {
    return this.#call(ENDPOINTS.getActiveRoomInfo, request, options);
  }

  /**
   * Every active room; an empty `rooms` list (not an error) when there are none.
   *
   * @throws {PlugNmeetError} on auth, network or server errors.
   * @example
   * ```ts
   * const { rooms } = await client.getActiveRoomsInfo();
   * ```
   */
  getActiveRoomsInfo(options?: CallOptions): Promise<GetActiveRoomsInfoResponse> {
    return this.#call(ENDPOINTS.getActiveRoomsInfo, {}, options, () => ({ rooms: [] }));
  }

  /**
   * Ends a room.
   *
   * @throws {PlugNmeetApiError} `ROOM_NOT_FOUND` when it is not active.
   * @example
   * ```ts
   * await client.endRoom({ room_id: 'room01' });
   * ```
   */
  endRoom(request: RoomIdRequest, options?: CallOptions): Promise<CommonResponse> {
    return this.#call(ENDPOINTS.endRoom, request, options);
  }

  /**
   * Past rooms, paged (limit capped at 100); an empty list when none match.
   *
   * @throws {PlugNmeetError} on auth, network or server errors.
   * @example
   * ```ts
   * const { result } = await client.fetchPastRooms({ room_ids: ['room01'], limit: 10 });
   * ```
   */
  fetchPastRooms(
    request: FetchPastRoomsRequest = {},
    options?: CallOptions,
  ): Promise<FetchPastRoomsResponse> {
    return this.#call(ENDPOINTS.fetchPastRooms, request, options, (b) => ({
      result: emptyList('rooms_list', 'total_rooms', b),
    }));
  }

  /**
   * Sends a chat message or a notification to a room.
   *
   * @throws {PlugNmeetApiError} when the room is not active.
   * @example
   * ```ts
   * await client.broadcastToRoom({ room_id: 'room01', chat_msg: { message: 'Starting in 5 min' } });
   * ```
   */
  broadcastToRoom(request: BroadcastToRoomRequest, options?: CallOptions): Promise<CommonResponse> {
    return this.#call(ENDPOINTS.broadcastToRoom, request, options);
  }

  /**
   * Uploads a whiteboard document (or has the server fetch a link) as `multipart/form-data`.
   * The server signs only the `Room-Id` header here, so the file itself is not authenticated.
   *
   * @throws {PlugNmeetApiError} with HTTP 400 (room not active, bad type), 409 (an upload is
   * already running) or 413 (too big).
   * @example
   * ```ts
   * await client.uploadWhiteboardFile({ room_id: 'room01', file: new Blob([pdf]), filename: 'slides.pdf' });
   * await client.uploadWhiteboardFile({ room_id: 'room01', document_link: 'https://example.com/a.pdf' });
   * ```
   */
  async uploadWhiteboardFile(
    request: UploadWhiteboardFileRequest,
    options?: CallOptions,
  ): Promise<CommonResponse> {
    const form = new FormData();
    if (request.document_link !== undefined) {
      form.set('document_link', request.document_link);
    } else if (request.file instanceof Blob) {
      const name = request.filename ?? (request.file as { name?: string }).name ?? 'document';
      form.set('document', request.file, name);
    } else {
      throw new PlugNmeetError(
        'ERR_PNM_INVALID_ARGUMENT',
        'uploadWhiteboardFile expected "file" (a Blob) or "document_link"',
      );
    }
    const result = await this.#transport.multipart(
      { path: ENDPOINTS.uploadWhiteboardFile.path, idempotent: false },
      request.room_id,
      form,
      options,
    );
    if (result instanceof PlugNmeetApiError) throw result;
    return result as CommonResponse;
  }

  /**
   * Recordings, paged; an empty list when none match.
   *
   * @throws {PlugNmeetError} on auth, network or server errors.
   * @example
   * ```ts
   * const { result } = await client.fetchRecordings({ room_ids: ['room01'] });
   * ```
   */
  fetchRecordings(
    request: FetchRecordingsRequest = {},
    options?: CallOptions,
  ): Promise<FetchRecordingsResponse> {
    return this.#call(ENDPOINTS.fetchRecordings, request, options, (b) => ({
      result: emptyList('recordings_list', 'total_recordings', b),
    }));
  }

  /**
   * One recording and its room (`/auth/recording/info`, not the deprecated `recordingInfo`).
   *
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * const { recording_info } = await client.getRecordingInfo({ record_id });
   * ```
   */
  getRecordingInfo(
    request: RecordIdRequest,
    options?: CallOptions,
  ): Promise<RecordingInfoResponse> {
    return this.#call(ENDPOINTS.getRecordingInfo, request, options);
  }

  /**
   * Replaces a recording's title, description, subtitles and extra data.
   *
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * await client.updateRecordingMetadata({ record_id, metadata: { title: 'Lecture 1' } });
   * ```
   */
  updateRecordingMetadata(
    request: UpdateRecordingMetadataRequest,
    options?: CallOptions,
  ): Promise<CommonResponse> {
    return this.#call(ENDPOINTS.updateRecordingMetadata, request, options);
  }

  /**
   * Queues a merge of a session's recordings or of at least two given recordings.
   *
   * @throws {PlugNmeetApiError} `CONFLICT` (already queued), `NOT_FOUND`, `INVALID_PARAMETERS`.
   * @example
   * ```ts
   * await client.mergeRecordings({ by_session: { room_sid: 'RM_x' } });
   * ```
   */
  mergeRecordings(request: MergeRecordingsRequest, options?: CallOptions): Promise<CommonResponse> {
    return this.#call(ENDPOINTS.mergeRecordings, request, options);
  }

  /**
   * Deletes a recording.
   *
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * await client.deleteRecording({ record_id });
   * ```
   */
  deleteRecording(request: RecordIdRequest, options?: CallOptions): Promise<CommonResponse> {
    return this.#call(ENDPOINTS.deleteRecording, request, options);
  }

  /**
   * A download token for a recording; see {@link PlugNmeet.getRecordingDownloadUrl}.
   *
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * const { token } = await client.getRecordingDownloadToken({ record_id });
   * ```
   */
  getRecordingDownloadToken(
    request: RecordIdRequest,
    options?: CallOptions,
  ): Promise<DownloadTokenResponse> {
    return this.#call(ENDPOINTS.getRecordingDownloadToken, request, options);
  }

  /**
   * Artifacts (summaries, transcriptions, usage records…), paged; an empty list when none match.
   *
   * @throws {PlugNmeetError} on auth, network or server errors.
   * @example
   * ```ts
   * const { result } = await client.fetchArtifacts({ type: 'MEETING_SUMMARY' });
   * ```
   */
  fetchArtifacts(
    request: FetchArtifactsRequest = {},
    options?: CallOptions,
  ): Promise<FetchArtifactsResponse> {
    return this.#call(ENDPOINTS.fetchArtifacts, request, options, (b) => ({
      result: emptyList('artifacts_list', 'total_artifacts', b, true),
    }));
  }

  /**
   * One artifact and its room.
   *
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * const { artifact_info } = await client.getArtifactInfo({ artifact_id });
   * ```
   */
  getArtifactInfo(
    request: ArtifactIdRequest,
    options?: CallOptions,
  ): Promise<ArtifactInfoResponse> {
    return this.#call(ENDPOINTS.getArtifactInfo, request, options);
  }

  /**
   * Deletes an artifact.
   *
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * await client.deleteArtifact({ artifact_id });
   * ```
   */
  deleteArtifact(request: ArtifactIdRequest, options?: CallOptions): Promise<CommonResponse> {
    return this.#call(ENDPOINTS.deleteArtifact, request, options);
  }

  /**
   * A download token for a file artifact; see {@link PlugNmeet.getArtifactDownloadUrl}.
   *
   * @throws {PlugNmeetApiError} for artifact types without a file ("… is not downloadable").
   * @example
   * ```ts
   * const { token } = await client.getArtifactDownloadToken({ artifact_id });
   * ```
   */
  getArtifactDownloadToken(
    request: ArtifactIdRequest,
    options?: CallOptions,
  ): Promise<DownloadTokenResponse> {
    return this.#call(ENDPOINTS.getArtifactDownloadToken, request, options);
  }

  /**
   * The web client's CSS and JS files (for embedding the client yourself).
   *
   * @throws {PlugNmeetError} on auth, network or server errors.
   * @example
   * ```ts
   * const { js_files, css_files, static_assets_path } = await client.getClientFiles();
   * ```
   */
  getClientFiles(options?: CallOptions): Promise<GetClientFilesResponse> {
    return this.#call(ENDPOINTS.getClientFiles, {}, options);
  }

  /**
   * Analytics files, paged; an empty list when none match.
   *
   * @deprecated The server marks `/auth/analytics/*` for removal; use {@link PlugNmeet.fetchArtifacts}
   * with `type: 'MEETING_ANALYTICS'`.
   * @throws {PlugNmeetError} on auth, network or server errors.
   * @example
   * ```ts
   * const { result } = await client.fetchAnalytics({ room_ids: ['room01'] });
   * ```
   */
  fetchAnalytics(
    request: FetchAnalyticsRequest = {},
    options?: CallOptions,
  ): Promise<FetchAnalyticsResponse> {
    return this.#call(ENDPOINTS.fetchAnalytics, request, options, (b) => ({
      result: emptyList('analytics_list', 'total_analytics', b),
    }));
  }

  /**
   * Deletes an analytics file.
   *
   * @deprecated Use {@link PlugNmeet.deleteArtifact}.
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * await client.deleteAnalytics({ file_id });
   * ```
   */
  deleteAnalytics(request: FileIdRequest, options?: CallOptions): Promise<CommonResponse> {
    return this.#call(ENDPOINTS.deleteAnalytics, request, options);
  }

  /**
   * A download token for an analytics file.
   *
   * @deprecated Use {@link PlugNmeet.getArtifactDownloadToken}.
   * @throws {PlugNmeetApiError} `NOT_FOUND`.
   * @example
   * ```ts
   * const { token } = await client.getAnalyticsDownloadToken({ file_id });
   * ```
   */
  getAnalyticsDownloadToken(
    request: FileIdRequest,
    options?: CallOptions,
  ): Promise<DownloadTokenResponse> {
    return this.#call(ENDPOINTS.getAnalyticsDownloadToken, request, options);
  }

  /**
   * The URL that joins a room with a token from {@link PlugNmeet.getJoinToken}.
   *
   * @example
   * ```ts
   * const url = client.joinUrl(token); // https://…/?access_token=…
   * ```
   */
  joinUrl(token: string): string {
    return joinUrl(this.serverUrl, token);
  }

  /**
   * Fetches a download token for a recording and returns its download URL.
   *
   * @throws {PlugNmeetApiError} `NOT_FOUND`; {@link PlugNmeetError} `ERR_PNM_BAD_RESPONSE` when no token came back.
   * @example
   * ```ts
   * const url = await client.getRecordingDownloadUrl({ record_id });
   * ```
   */
  async getRecordingDownloadUrl(request: RecordIdRequest, options?: CallOptions): Promise<string> {
    const { token } = await this.getRecordingDownloadToken(request, options);
    return recordingDownloadUrl(
      this.serverUrl,
      this.#token(token, ENDPOINTS.getRecordingDownloadToken.path),
    );
  }

  /**
   * Fetches a download token for a file artifact and returns its download URL.
   *
   * @throws {PlugNmeetApiError} for missing or non-file artifacts.
   * @example
   * ```ts
   * const url = await client.getArtifactDownloadUrl({ artifact_id });
   * ```
   */
  async getArtifactDownloadUrl(request: ArtifactIdRequest, options?: CallOptions): Promise<string> {
    const { token } = await this.getArtifactDownloadToken(request, options);
    return artifactDownloadUrl(
      this.serverUrl,
      this.#token(token, ENDPOINTS.getArtifactDownloadToken.path),
    );
  }

  #token(token: string | undefined, path: string): string {
    if (typeof token === 'string' && token !== '') return token;
    throw new PlugNmeetError(
      'ERR_PNM_BAD_RESPONSE',
      `${path} answered status:true without a token`,
    );
  }
}
