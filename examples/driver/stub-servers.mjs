/**
 * The answers `pnm-test-server` cannot be asked for from its command line: a non-JSON
 * 502, a connection closed with no answer, a refused connection, and an answer with bare
 * int64 numbers above 2^53. They are the driver's own stand-ins, not the emulator: they
 * check no signature and log nothing. The runner's v2 builds these scenarios into the
 * emulator itself.
 */
import { createServer } from 'node:http';

/** An int64 that a float64 cannot hold: 2^53 + 1. */
export const UNSAFE_INT64 = '9007199254740993';
/** What a float64 makes of it. */
export const ROUNDED_INT64 = '9007199254740992';

const answers = {
  /** A proxy in front of the server failing: HTML, not JSON. */
  'bad-gateway': (_request, response) => {
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
  },
  /** The server dies mid-request: the socket closes before any answer. */
  'hang-up': (request) => {
    request.socket.destroy();
  },
  /**
   * A success whose int64 values are bare JSON numbers (Go's encoding/json writes them so;
   * protojson writes strings): every digit must survive.
   */
  'big-int64': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      `{"status":true,"msg":"success","result":{"total_recordings":${UNSAFE_INT64},"from":0,"limit":20,"order_by":"DESC","recordings_list":[{"record_id":"REC_big","room_id":"drive-room","room_sid":"RM_big","file_path":"big.mp4","file_size":${UNSAFE_INT64},"creation_time":${UNSAFE_INT64},"room_creation_time":"${UNSAFE_INT64}"}]},"status_code":"SUCCESS"}`,
    );
  },
};

/** Starts one stub per kind of answer, on 127.0.0.1; returns their URLs and `close()`. */
export async function startStubServers() {
  const servers = [];
  const urls = {};
  for (const [name, answer] of Object.entries(answers)) {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => answer(request, response));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${server.address().port}`;
  }
  // A port that was free a moment ago: nothing listens there, so connecting is refused.
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  urls.refused = `http://127.0.0.1:${probe.address().port}`;
  await new Promise((resolve) => probe.close(resolve));
  return {
    urls,
    close: () => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))),
  };
}
