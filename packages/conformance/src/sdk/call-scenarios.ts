/**
 * How the emulator answers a call, per scenario, and what an SDK must make of it: a real
 * answer, one with protojson's quirks, `status:false` at HTTP 200, a 401 (the SDK is
 * handed a wrong secret), a non-JSON 502, a non-JSON page at HTTP 200, a connection closed
 * with no answer, and an answer that comes only after the SDK's own timeout.
 *
 * @module
 */
import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { AUTH_MESSAGES, commonResponse, messageSchema } from '@plugnmeet-signing/test-server';
import type { CallScenario } from '../cases.js';

/**
 * The timeout handed to the SDK for every call but the `timeout` scenario's: generous, and
 * below the runner's default per-case timeout (10 s), so that a hung server is the SDK's own
 * `timeout`, not the runner's.
 */
export const CALL_TIMEOUT_MS = 5000;

/**
 * The timeout handed to the SDK in the `timeout` scenario, unless its adapter says in hello
 * that it cannot be given less (`minTimeoutMs`: the PHP SDK takes whole seconds). Short, so
 * that the scenario costs a conforming SDK a tenth of a second; the emulator answers
 * {@link LATE_ANSWER_FACTOR} times later, so an SDK that ignores the timeout still gets its
 * answer, and is judged for it, well before the runner's own limit.
 */
export const TIMEOUT_SCENARIO_MS = 100;
const LATE_ANSWER_FACTOR = 2;

/**
 * The timeout `scenario` hands an SDK that cannot be given less than `minTimeoutMs`.
 *
 * @throws Never.
 * @example
 * ```ts
 * timeoutFor(timeoutScenario, 1000); // 1000: the PHP SDK's whole second
 * ```
 */
export function timeoutFor(scenario: CallScenario, minTimeoutMs = 0): number {
  return scenario.timeoutMs === undefined
    ? CALL_TIMEOUT_MS
    : Math.max(scenario.timeoutMs, minTimeoutMs);
}

/** Above 2^53: a double cannot hold it, so an SDK that parses JSON numbers into doubles loses it. */
export const LARGE_INT64 = '9007199254740993';
const LARGE_UINT64 = '18446744073709551615';

function quirkyScalar(scalar: number, name: string): unknown {
  switch (scalar) {
    case 3: // INT64
    case 16: // SFIXED64
    case 18: // SINT64
      return LARGE_INT64;
    case 4: // UINT64
    case 6: // FIXED64
      return LARGE_UINT64;
    case 8: // BOOL
      return true;
    case 9: // STRING
      return `Zoë «${name}» \u2028 ☃ "\\"`;
    case 12: // BYTES
      return 'AAEC/w==';
    case 1: // DOUBLE
    case 2: // FLOAT
      return 0.5;
    default:
      return 7;
  }
}

/**
 * A value of `schema` with every field set the way protojson is hardest to read: int64s
 * above 2^53 (as strings), enum names, non-ASCII and escaped text, one item per list, and
 * nested messages a few levels deep (deeper ones left unset, written as `null`).
 */
function quirkyMessage(schema: DescMessage, depth: number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of schema.fields) {
    if (field.oneof) continue;
    const one = quirkyField(field, depth);
    if (one !== undefined) value[field.name] = one;
  }
  return value;
}

function quirkyField(field: DescField, depth: number): unknown {
  const enumName = (values: readonly { name: string }[]) =>
    values[Math.min(1, values.length - 1)]?.name;
  switch (field.fieldKind) {
    case 'scalar':
      return quirkyScalar(field.scalar, field.name);
    case 'enum':
      return enumName(field.enum.values);
    case 'message':
      if (field.message.typeName.startsWith('google.protobuf.')) return undefined;
      return depth > 0 ? quirkyMessage(field.message, depth - 1) : undefined;
    case 'list':
      if (field.listKind === 'message') {
        if (depth === 0 || field.message.typeName.startsWith('google.protobuf.')) return undefined;
        return [quirkyMessage(field.message, depth - 1)];
      }
      if (field.listKind === 'enum') return [enumName(field.enum.values)];
      return [quirkyScalar(field.scalar, field.name)];
    case 'map':
      return undefined;
  }
}

/**
 * Whether `scenario` runs on `endpoint`.
 *
 * @throws Never.
 * @example
 * ```ts
 * runsOn(timeoutScenario, 'room/create'); // false: the timeout runs on one endpoint
 * ```
 */
export function runsOn(scenario: CallScenario, endpoint: string): boolean {
  return scenario.endpoints === undefined || scenario.endpoints.includes(endpoint);
}

/**
 * Every scenario a call runs in, the emulator's own answer first.
 *
 * @example
 * ```ts
 * for (const scenario of CALL_SCENARIOS) console.log(scenario.id, scenario.expect);
 * ```
 */
export const CALL_SCENARIOS: readonly CallScenario[] = [
  {
    id: 'answer',
    description: 'the emulator’s own answer, from its state',
    expect: 'result',
  },
  {
    id: 'quirks',
    description: 'every field set: int64 above 2^53, enum names, non-ASCII text, null messages',
    expect: 'result',
    script: (route) => ({
      json: { ...quirkyMessage(messageSchema(route.response), 3), status: true, msg: 'success' },
      message: route.response,
    }),
  },
  {
    id: 'status-false',
    description: 'HTTP 200 with status:false: the call failed',
    expect: 'api',
    httpStatus: 200,
    script: () => ({
      json: { status: false, msg: 'room not active', status_code: 'ROOM_NOT_ACTIVE' },
      message: 'plugnmeet.CommonResponse',
    }),
  },
  {
    id: 'unauthorized',
    description: 'the SDK holds a wrong secret: the server answers 401',
    expect: 'auth',
    httpStatus: 401,
    wrongSecret: true,
    // The server's own refusal, scripted: the emulator serves refused requests (so that other
    // scenarios judge an answer whatever the request), and this scenario is about the refusal.
    script: () => {
      const { msg, statusCode } = AUTH_MESSAGES.SIGNATURE_MISMATCH;
      return commonResponse(false, msg, statusCode, 401);
    },
  },
  {
    id: 'bad-gateway',
    description: 'a proxy in front answers 502 with an HTML page',
    expect: 'http',
    httpStatus: 502,
    script: () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    }),
  },
  {
    id: 'html-200',
    description: 'a proxy in front answers HTTP 200 with an HTML page: not an API answer',
    expect: 'http',
    httpStatus: 200,
    script: () => ({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body><h1>Please wait…</h1></body></html>',
    }),
  },
  {
    id: 'hang-up',
    description: 'the connection is closed with no answer',
    expect: 'network',
    script: () => ({ hangUp: true }),
  },
  {
    id: 'timeout',
    description: `the server answers only after the timeout handed to the SDK (${TIMEOUT_SCENARIO_MS} ms, or the least it can be given)`,
    expect: 'timeout',
    timeoutMs: TIMEOUT_SCENARIO_MS,
    endpoints: ['room/isRoomActive'],
    // A success, had the SDK waited: a result here means the timeout it was given was ignored.
    script: (route, timeoutMs) => ({
      json: { status: true, msg: 'success' },
      message: route.response,
      delayMs: timeoutMs * LATE_ANSWER_FACTOR,
    }),
  },
];
