/**
 * A response that is not the JSON a plugNmeet endpoint answers with.
 *
 * @module
 */
import { PlugNmeetError } from './base.js';

/** How many characters of an unexpected body are kept (enough to recognise an HTML page). */
export const BODY_START_LENGTH = 200;

/**
 * Thrown when the response is not the expected JSON object: a 404 `not found` for a wrong
 * path or an old server, an HTML page from a proxy, truncated JSON… It carries the HTTP
 * status and the start of the body, so the cause is visible without a debugger.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof PlugNmeetResponseError) console.error(error.httpStatus, error.bodyStart);
 * }
 * ```
 */
export class PlugNmeetResponseError extends PlugNmeetError {
  override name = 'PlugNmeetResponseError' as const;
  readonly path: string;
  readonly httpStatus: number;
  readonly contentType: string | undefined;
  /** The first {@link BODY_START_LENGTH} characters of the body. */
  readonly bodyStart: string;

  constructor(
    init: {
      path: string;
      httpStatus: number;
      contentType: string | undefined;
      body: string;
      reason: string;
    },
    options?: { cause?: unknown },
  ) {
    const bodyStart = init.body.slice(0, BODY_START_LENGTH);
    super(
      'ERR_PNM_BAD_RESPONSE',
      `unexpected response from ${init.path} (HTTP ${init.httpStatus}): ${init.reason}; body starts ${JSON.stringify(bodyStart)}`,
      options,
    );
    this.path = init.path;
    this.httpStatus = init.httpStatus;
    this.contentType = init.contentType;
    this.bodyStart = bodyStart;
  }
}
