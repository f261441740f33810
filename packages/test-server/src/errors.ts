/**
 * The one error class of this package: every failure it raises carries a stable `code`.
 *
 * @module
 */

/** What went wrong, stable across releases so callers can branch on it. */
export type TestServerErrorCode =
  /** The command line could not be understood. */
  | 'USAGE'
  /** The server could not listen on the requested address. */
  | 'LISTEN_FAILED'
  /** The bundled upstream definitions do not know a message or an endpoint. */
  | 'UNKNOWN_DEFINITION'
  /** A handler built an answer that is not a valid response message. */
  | 'INVALID_ANSWER'
  /** A webhook delivery could not be sent. */
  | 'WEBHOOK_FAILED'
  /** A control API call's body, query or path is not what the endpoint expects. */
  | 'BAD_CONTROL_INPUT'
  /** A control API call would take a queue, the replaced routes or the state past a bound. */
  | 'CONTROL_LIMIT';

/**
 * Raised by the test server, its CLI and its protocol helpers.
 *
 * @example
 * ```ts
 * try {
 *   await startTestServer({ port: 80 });
 * } catch (error) {
 *   if (error instanceof TestServerError && error.code === 'LISTEN_FAILED') console.error(error.message);
 * }
 * ```
 */
export class TestServerError extends Error {
  override readonly name = 'TestServerError';
  readonly code: TestServerErrorCode;

  constructor(code: TestServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
