/**
 * Sending one signed call: serialize once, sign those exact bytes, send them, time out,
 * retry only where safe, and map every failure to a coded error.
 *
 * @module
 */
import { serializeBody } from '@plugnmeet-signing/signer';
import type { PlugNmeetApiError } from './errors/api-error.js';
import { PlugNmeetError } from './errors/base.js';
import { PlugNmeetNetworkError } from './errors/network-error.js';
import { PlugNmeetTimeoutError } from './errors/timeout-error.js';
import { type BodySigner, bodySigner } from './hmac.js';
import { interpret, type ResponseMessage } from './response.js';

/** Per-call options, accepted as the last argument of every client method. */
export interface CallOptions {
  /** Abort the call; the signal's reason is rethrown as it is. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

/** What is about to be sent, exactly: given to the `onRequest` hook before every attempt. */
export interface OutgoingRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes (the ones signed), or the form of a multipart upload. */
  readonly body: Uint8Array | FormData;
  /** The `HASH-SIGNATURE` value. */
  readonly signature: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** Retry policy: only network errors (no response at all), only on read-only calls. */
export interface RetryOptions {
  /** Extra attempts after the first; 0 turns retries off. */
  limit: number;
  /** Wait before retry n is `delayMs * n`; default 100. */
  delayMs?: number;
}

/** @internal The settled configuration of a client. */
export interface TransportConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
  readonly retry: Required<RetryOptions>;
  readonly onRequest: ((request: OutgoingRequest) => void) | undefined;
}

/** @internal What one call needs besides the body. */
export interface CallSpec {
  /** Path under `/auth/`. */
  path: string;
  /** Retry on network errors (when retries are on). */
  idempotent: boolean;
}

const utf8 = new TextEncoder();
const decoder = new TextDecoder();

/** @internal One transport per client: holds the imported HMAC key. */
export class Transport {
  readonly #config: TransportConfig;
  #signer: Promise<BodySigner> | undefined;

  constructor(config: TransportConfig) {
    this.#config = config;
  }

  async #sign(input: Uint8Array): Promise<string> {
    // Bind the key once, on first use, and keep it (Web Crypto's importKey is a round trip).
    this.#signer ??= bodySigner(this.#config.apiSecret).catch((cause: unknown) => {
      this.#signer = undefined;
      throw new PlugNmeetError(
        'ERR_PNM_INVALID_ARGUMENT',
        `cannot use "apiSecret": ${String(cause)}`,
        { cause },
      );
    });
    return (await this.#signer)(input);
  }

  /**
   * Serializes `body` once (a string or bytes are sent as they are), signs exactly those
   * bytes and sends them.
   */
  async json(
    spec: CallSpec,
    body: unknown,
    options: CallOptions | undefined,
  ): Promise<ResponseMessage | PlugNmeetApiError> {
    let bytes: Uint8Array;
    if (body instanceof Uint8Array) {
      bytes = body;
    } else {
      let text: string;
      try {
        text = serializeBody(body);
      } catch (cause) {
        throw new PlugNmeetError(
          'ERR_PNM_INVALID_ARGUMENT',
          `cannot send this body to ${spec.path}: ${String(cause)}`,
          { cause },
        );
      }
      bytes = utf8.encode(text);
    }
    const signature = await this.#sign(bytes);
    const headers = {
      'API-KEY': this.#config.apiKey,
      'HASH-SIGNATURE': signature,
      'Content-Type': 'application/json',
    };
    return this.#send(spec, bytes, headers, signature, options);
  }

  /** Sends a multipart form; the signature covers the `Room-Id` header value. */
  async multipart(
    spec: CallSpec,
    roomId: string,
    form: FormData,
    options: CallOptions | undefined,
  ): Promise<ResponseMessage | PlugNmeetApiError> {
    if (typeof roomId !== 'string' || roomId === '') {
      throw new PlugNmeetError('ERR_PNM_INVALID_ARGUMENT', '"room_id" expected a non-empty string');
    }
    const signature = await this.#sign(utf8.encode(roomId));
    // No Content-Type: fetch adds it with the boundary it chose.
    const headers = {
      'API-KEY': this.#config.apiKey,
      'HASH-SIGNATURE': signature,
      'Room-Id': roomId,
    };
    return this.#send(spec, form, headers, signature, options);
  }

  async #send(
    spec: CallSpec,
    body: Uint8Array | FormData,
    headers: Record<string, string>,
    signature: string,
    options: CallOptions | undefined,
  ): Promise<ResponseMessage | PlugNmeetApiError> {
    const config = this.#config;
    const timeoutMs = options?.timeoutMs ?? config.timeoutMs;
    // A controller and a timer cleared on the way out cost less per call than
    // AbortSignal.timeout, whose timer lives on until it fires.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    const signal = options?.signal
      ? AbortSignal.any([options.signal, timeout.signal])
      : timeout.signal;
    try {
      return await this.#attempts(spec, body, headers, signature, {
        signal,
        timeout: timeout.signal,
        timeoutMs,
        ...(options?.signal ? { caller: options.signal } : {}),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async #attempts(
    spec: CallSpec,
    body: Uint8Array | FormData,
    headers: Record<string, string>,
    signature: string,
    abort: { signal: AbortSignal; timeout: AbortSignal; timeoutMs: number; caller?: AbortSignal },
  ): Promise<ResponseMessage | PlugNmeetApiError> {
    const config = this.#config;
    const url = `${config.baseUrl}/auth/${spec.path}`;
    const path = `/auth/${spec.path}`;
    const { signal, timeout, timeoutMs } = abort;
    const attempts = spec.idempotent ? config.retry.limit + 1 : 1;
    const aborted = (cause: unknown) => {
      if (abort.caller?.aborted) return abort.caller.reason as unknown;
      if (timeout.aborted) {
        return new PlugNmeetTimeoutError({ path, timeoutMs }, { cause: timeout.reason ?? cause });
      }
      return undefined;
    };

    for (let attempt = 1; ; attempt++) {
      config.onRequest?.({ url, headers, body, signature, attempt });
      let response: Response;
      try {
        response = await config.fetch(url, {
          method: 'POST',
          headers,
          body: body as BodyInit,
          signal,
          redirect: 'manual',
        });
      } catch (cause) {
        const stop = aborted(cause);
        if (stop !== undefined) throw stop;
        if (attempt < attempts) {
          await sleep(config.retry.delayMs * attempt, signal).catch((c: unknown) => {
            throw aborted(c) ?? c;
          });
          continue;
        }
        throw new PlugNmeetNetworkError({ path, url, attempts: attempt }, { cause });
      }
      let text: string;
      try {
        text = decoder.decode(await response.arrayBuffer());
      } catch (cause) {
        // The response started but its body broke off: a network error, and never retried.
        throw (
          aborted(cause) ?? new PlugNmeetNetworkError({ path, url, attempts: attempt }, { cause })
        );
      }
      return interpret({
        path,
        httpStatus: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        body: text,
      });
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
