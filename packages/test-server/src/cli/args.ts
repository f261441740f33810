/**
 * The command line of `pnm-test-server`.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { TestServerError } from '../errors.js';
import type { CommaSpace } from '../protojson.js';

/** What the command line asked for. */
export interface CliOptions {
  readonly help: boolean;
  readonly port: number;
  readonly host: string;
  readonly apiKey: string | undefined;
  readonly secret: string | undefined;
  /** Where to send webhook deliveries of room events (repeatable). */
  readonly webhooks: readonly string[];
  readonly commaSpace: CommaSpace;
  readonly seed: number | undefined;
  /** Serve the control API under /__control (`--control`, implied by `--control-token`). */
  readonly control: boolean;
  /** The bearer token every control call must carry, when set. */
  readonly controlToken: string | undefined;
}

/** The text of `pnm-test-server --help`. */
export const USAGE = `Usage: pnm-test-server [options]

A local plugNmeet /auth emulator: checks every request like the server, answers like it,
and logs each request's exact bytes and verdicts as one JSON line on stdout. Read stdout as
it comes: while more than 8 MiB waits unread, lines are dropped and then counted in a
{"type":"dropped"} line, so that serving never waits for the reader.

Options:
  --port N          port to listen on (default 8080; 0 picks a free one)
  --host H          address to listen on (default 127.0.0.1)
  --api-key K       the server's client.api_key (default: plugnmeet)
  --secret S        the server's client.secret (default: the sample secret)
  --webhook URL     deliver room events (room_created, session_ended) to URL as real
                    plugNmeet webhooks (repeatable)
  --comma-space M   space after commas in answers: always | never | random (default random)
  --seed N          seed for the random choices, to replay a run
  --control         serve the control API under /__control (off unless given): queue
                    answers, replace routes, seed state, send webhooks, list requests
  --control-token T every control call must send "Authorization: Bearer T" (implies
                    --control; compared in constant time)
  -h, --help        show this text

Control API (JSON in and out; GET /__control lists every endpoint, GET
/__control/openapi.json describes them; control calls are never logged):
  C=http://127.0.0.1:8080/__control
  curl -X POST $C/answers -d '{"answers":[{"status":502,"body_text":"bad gateway"}]}'
  curl -X POST $C/answers -d '{"path":"room/create","answers":[{"hang_up":true}]}'
  curl -X POST $C/answers -d '{"answers":[{"delay_ms":2000,"json":{"status":true}}]}'
  curl -X PUT  $C/routes/room/isRoomActive -d '{"json":{"status":true,"msg":"ok","is_active":true}}'
  curl -X DELETE $C/routes/room/isRoomActive        # its start-up answer again
  curl -X POST $C/state -d '{"rooms":[{"room_id":"room01"}]}'
  curl $C/state ; curl -X DELETE $C/state
  curl -X POST $C/webhooks -d '{"event":{"event":"room_started","room":{"room_id":"room01"}},"urls":["http://127.0.0.1:9000/hook"]}'
  curl "$C/requests?path=room/create" ; curl -X DELETE $C/requests
  curl -X POST $C/reset                             # everything back to start
Limits: a control body of 1 MiB (413 past it); 1000 queued answers and 16 MiB of them, 256
replaced routes, 1000 records of each kind of state (409 past them); requests listed 1000 at a
time (?limit=, next_since); POST /webhooks waits wait_ms (default 5000) then answers 202 with
the pending receivers. Without --control-token, listen on loopback only (a warning says so).

Stops cleanly on SIGINT or SIGTERM (webhook deliveries in flight get 2 s, then are
cancelled; each has a 10 s timeout anyway).
`;

function integer(name: string, text: string | undefined, min: number, max: number) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new TestServerError('USAGE', `--${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * Parses `pnm-test-server` arguments.
 *
 * @throws {TestServerError} `USAGE` for unknown options or bad values.
 * @example
 * ```ts
 * parseCliArgs(['--port', '8080', '--api-key', 'K', '--secret', 'S']).port; // 8080
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new TestServerError('USAGE', (error as Error).message, { cause: error });
  }
  const commaSpace = values['comma-space'] ?? 'random';
  if (commaSpace !== 'always' && commaSpace !== 'never' && commaSpace !== 'random') {
    throw new TestServerError('USAGE', '--comma-space must be always, never or random');
  }
  for (const url of values.webhook ?? []) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new TestServerError('USAGE', `--webhook needs an http(s) URL, got ${url}`);
    }
  }
  const controlToken = values['control-token'];
  if (controlToken === '') throw new TestServerError('USAGE', '--control-token must not be empty');
  return {
    control: values.control === true || controlToken !== undefined,
    controlToken,
    help: values.help ?? false,
    port: integer('port', values.port, 0, 65535) ?? 8080,
    host: values.host ?? '127.0.0.1',
    apiKey: values['api-key'],
    secret: values.secret,
    webhooks: values.webhook ?? [],
    commaSpace,
    seed: integer('seed', values.seed, 0, 2 ** 32 - 1),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      secret: { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'comma-space': { type: 'string' },
      seed: { type: 'string' },
      control: { type: 'boolean' },
      'control-token': { type: 'string' },
    },
  });
}
