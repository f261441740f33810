/**
 * What plugnmeet-sdk-js 1.4.1 returned, in the protocol's terms.
 *
 * Every method resolves (never rejects) to an object with `status` and `msg`:
 * - the server's JSON answer, reduced to the fields the method picks, whatever the HTTP
 *   status (the SDK never looks at it): a 401 and a handler's status:false look alike;
 * - `{status: false, msg: <SyntaxError>}` when the body is not JSON;
 * - `{status: false, msg: <error.message>}` when the connection fails.
 * The adapter reports only what can be told from that, so the SDK's own blind spots show.
 */

function failure(kind, message) {
  return { kind, httpStatus: null, statusCode: null, message };
}

/** `{result}` or `{failure}` for one SDK return value. */
export function outcome(returned) {
  if (returned?.status === true) return { result: returned };
  const msg = returned?.msg;
  if (msg instanceof Error) {
    return { failure: failure('http', `the SDK could not parse the answer: ${msg.message}`) };
  }
  // status:false from the server, a 401 and a refused connection all end up here: the SDK
  // hands back the same shape for each, without the HTTP status or the status_code.
  return { failure: failure('api', typeof msg === 'string' ? msg : JSON.stringify(msg ?? null)) };
}

export function unsupported(endpoint) {
  return {
    failure: failure('unsupported', `plugnmeet-sdk-js 1.4.1 has no method for ${endpoint}`),
  };
}
