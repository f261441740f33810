/**
 * `pnm --help` and `pnm --list`.
 *
 * @module
 */
import { ENDPOINTS } from '../endpoints.js';

/** The usage text. */
export const HELP = `pnm: call the plugNmeet server API, signing exactly the bytes sent

Usage:
  pnm <endpoint> [json-body | -] [--verbose] [--timeout ms] [--url url]
  pnm uploadWhiteboardFile --room-id <id> (--file <path> | --link <url>) [--verbose]
  pnm --list | --help | --version

<endpoint> is a method name (isRoomActive) or a path (room/isRoomActive, /auth/room/isRoomActive).
The body is JSON from the argument, or from stdin when it is "-" or omitted with piped input;
it is sent exactly as given (not re-serialized) and signed over those bytes. Default: {}.
getActiveRoomsInfo and getClientFiles always send {}. A list call that finds nothing
(status:false, NOT_FOUND) prints the answer and exits 0.

Environment:
  PLUGNMEET_URL          server base URL, e.g. https://demo.plugnmeet.com
  PLUGNMEET_API_KEY      API key
  PLUGNMEET_API_SECRET   API secret (never printed)

Options:
  -v, --verbose   print the request (URL, headers, exact body bytes, signature) to stderr
  --timeout ms    give up after this many milliseconds (default 30000)
  --url url       use this server instead of PLUGNMEET_URL

Exit codes:
  0 success · 1 API refused (status:false) · 2 usage or configuration error
  3 authentication refused (HTTP 401) · 4 unexpected response · 5 network error · 6 timeout
`;

/**
 * One line per endpoint: method name, path, and notes.
 *
 * @example
 * ```ts
 * process.stdout.write(endpointList());
 * ```
 */
export function endpointList(): string {
  return Object.entries(ENDPOINTS)
    .map(([name, info]) => {
      const notes = [
        info.readOnly ? 'read-only' : '',
        'deprecated' in info ? 'deprecated' : '',
        'multipart' in info ? 'multipart' : '',
      ].filter(Boolean);
      return `${name.padEnd(27)} /auth/${info.path.padEnd(28)} ${notes.join(', ')}`.trimEnd();
    })
    .join('\n')
    .concat('\n');
}
