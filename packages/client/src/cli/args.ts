/**
 * Parsing `pnm`'s command line.
 *
 * @module
 */

/** What the command line asked for. */
export interface CliArgs {
  help: boolean;
  version: boolean;
  list: boolean;
  verbose: boolean;
  /** Endpoint: a method name (`isRoomActive`) or a path (`room/isRoomActive`). */
  endpoint: string | undefined;
  /** The JSON body as given, `-` for stdin, or `undefined`. */
  body: string | undefined;
  url: string | undefined;
  timeoutMs: number | undefined;
  roomId: string | undefined;
  file: string | undefined;
  link: string | undefined;
}

/** A command line `pnm` cannot run; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const VALUE_FLAGS = {
  '--url': 'url',
  '--timeout': 'timeout',
  '--room-id': 'roomId',
  '--file': 'file',
  '--link': 'link',
} as const;

/**
 * Parses `argv` (without the node and script paths).
 *
 * @throws {UsageError} for unknown flags, missing flag values or extra arguments.
 * @example
 * ```ts
 * parseArgs(['isRoomActive', '{"room_id":"r"}', '--verbose']);
 * ```
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    help: false,
    version: false,
    list: false,
    verbose: false,
    endpoint: undefined,
    body: undefined,
    url: undefined,
    timeoutMs: undefined,
    roomId: undefined,
    file: undefined,
    link: undefined,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--version') args.version = true;
    else if (arg === '--list') args.list = true;
    else if (arg === '--verbose' || arg === '-v') args.verbose = true;
    else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) {
      const [flag, inline] = arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
      const key = VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS];
      if (!key) throw new UsageError(`unknown option ${flag}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      if (key === 'timeout') {
        const ms = Number(value);
        if (!Number.isFinite(ms) || ms <= 0)
          throw new UsageError(`--timeout expected milliseconds, got ${value}`);
        args.timeoutMs = ms;
      } else {
        args[key] = value;
      }
    } else positional.push(arg);
  }
  if (positional.length > 2)
    throw new UsageError(`too many arguments: ${positional.slice(2).join(' ')}`);
  [args.endpoint, args.body] = positional;
  return args;
}
