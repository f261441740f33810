/**
 * What `pnm` does, with its input and output injected so it can be tested in-process too.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PlugNmeet } from '../client.js';
import { ENDPOINTS, type EndpointInfo, endpointPath } from '../endpoints.js';
import { PlugNmeetApiError } from '../errors/api-error.js';
import { PlugNmeetAuthError } from '../errors/auth-error.js';
import { isPlugNmeetError } from '../errors/base.js';
import type { OutgoingRequest } from '../transport.js';
import { parseArgs, UsageError } from './args.js';
import { endpointList, HELP } from './help.js';

/** The outside world of one `pnm` run. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string | Uint8Array) => void;
  stderr: (text: string | Uint8Array) => void;
  /** Reads all of stdin, or returns `undefined` when stdin is a terminal. */
  readStdin: () => Promise<string | undefined>;
  version: string;
}

/** Exit codes, documented in `pnm --help`. */
export const EXIT = {
  ok: 0,
  api: 1,
  usage: 2,
  auth: 3,
  response: 4,
  network: 5,
  timeout: 6,
} as const;

function describeRequest(request: OutgoingRequest, io: CliIo): void {
  const lines = [
    `> POST ${request.url}${request.attempt > 1 ? ` (attempt ${request.attempt})` : ''}`,
  ];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`> ${name}: ${value}`);
  if (request.body instanceof Uint8Array) {
    lines.push(
      `> body: ${request.body.length} bytes, signed as they are (HMAC-SHA256, lowercase hex):`,
    );
    io.stderr(`${lines.join('\n')}\n`);
    io.stderr(request.body);
    io.stderr('\n> end of body\n');
  } else {
    lines.push('> body: multipart/form-data; the signature covers the Room-Id header value only');
    io.stderr(`${lines.join('\n')}\n`);
  }
  io.stderr(`> signature: ${request.signature}\n`);
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Runs `pnm` with `argv` (without node and script) and returns the exit code.
 *
 * @throws Never: every failure is reported on stderr with an exit code.
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), io);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    const info = args.help
      ? HELP
      : args.version
        ? `${io.version}\n`
        : args.list
          ? endpointList()
          : '';
    if (info) {
      io.stdout(info);
      return EXIT.ok;
    }
    if (!args.endpoint) throw new UsageError('missing <endpoint>; try pnm --help');

    const serverUrl = args.url ?? io.env.PLUGNMEET_URL;
    const apiKey = io.env.PLUGNMEET_API_KEY;
    const apiSecret = io.env.PLUGNMEET_API_SECRET;
    const missing = [
      serverUrl ? '' : 'PLUGNMEET_URL (or --url)',
      apiKey ? '' : 'PLUGNMEET_API_KEY',
      apiSecret ? '' : 'PLUGNMEET_API_SECRET',
    ].filter(Boolean);
    if (missing.length > 0) throw new UsageError(`not set: ${missing.join(', ')}`);

    const client = new PlugNmeet({
      serverUrl: serverUrl as string,
      apiKey: apiKey as string,
      apiSecret: apiSecret as string,
      ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
      ...(args.verbose
        ? { onRequest: (request: OutgoingRequest) => describeRequest(request, io) }
        : {}),
    });
    const byPath = endpointPath(args.endpoint);
    const known: EndpointInfo | undefined =
      (ENDPOINTS as Record<string, EndpointInfo>)[args.endpoint] ??
      Object.values(ENDPOINTS).find((endpoint) => endpoint.path === byPath);
    const path = known ? known.path : byPath;

    let response: unknown;
    if (path === ENDPOINTS.uploadWhiteboardFile.path) {
      response = await upload(client, args.roomId, args.file, args.link);
    } else {
      // Endpoints whose body the server ignores never wait for stdin.
      const fromStdin = args.body === '-' || (args.body === undefined && !known?.emptyBody);
      let text = fromStdin ? await io.readStdin() : args.body;
      if (text === undefined || (args.body === undefined && text.trim() === '')) text = '{}';
      try {
        JSON.parse(text);
      } catch (error) {
        throw new UsageError(`the body is not valid JSON: ${(error as Error).message}`);
      }
      // Sent exactly as typed: the signature covers these bytes, nothing is re-serialized.
      try {
        response = await client.request(path, text, { idempotent: known?.readOnly === true });
      } catch (error) {
        // As in the client's list methods: nothing found is an answer, not a failure.
        if (
          !(known?.list && error instanceof PlugNmeetApiError && error.statusCode === 'NOT_FOUND')
        ) {
          throw error;
        }
        response = error.response;
      }
    }
    io.stdout(pretty(response));
    return EXIT.ok;
  } catch (error) {
    return report(error, io);
  }
}

async function upload(client: PlugNmeet, roomId?: string, file?: string, link?: string) {
  if (!roomId) throw new UsageError('uploadWhiteboardFile needs --room-id');
  if ((file === undefined) === (link === undefined)) {
    throw new UsageError('uploadWhiteboardFile needs exactly one of --file and --link');
  }
  if (link !== undefined)
    return client.uploadWhiteboardFile({ room_id: roomId, document_link: link });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file as string);
  } catch (error) {
    throw new UsageError(`cannot read --file: ${(error as Error).message}`);
  }
  return client.uploadWhiteboardFile({
    room_id: roomId,
    file: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    filename: basename(file as string),
  });
}

function report(error: unknown, io: CliIo): number {
  const say = (text: string) => io.stderr(`pnm: ${text}\n`);
  if (error instanceof UsageError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof PlugNmeetAuthError) {
    say(
      `authentication refused (HTTP 401): ${error.msg} (${error.statusCode ?? 'no status_code'})`,
    );
    say('check PLUGNMEET_API_KEY and PLUGNMEET_API_SECRET');
    return EXIT.auth;
  }
  if (error instanceof PlugNmeetApiError) {
    io.stdout(pretty(error.response));
    say(
      `${error.path} refused: ${error.msg} (${error.statusCode ?? 'no status_code'}, HTTP ${error.httpStatus})`,
    );
    return EXIT.api;
  }
  if (isPlugNmeetError(error)) {
    say(error.message);
    switch (error.code) {
      case 'ERR_PNM_BAD_RESPONSE':
        return EXIT.response;
      case 'ERR_PNM_NETWORK':
        return EXIT.network;
      case 'ERR_PNM_TIMEOUT':
        return EXIT.timeout;
      default:
        return EXIT.usage;
    }
  }
  say(
    `unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return EXIT.response;
}
