/**
 * The control API's bounds and refusals, in-process against a real server on 127.0.0.1: a
 * control call that waits at most its wait, input that cannot hang, overflow or bloat the
 * server, statuses it can really send, headers and seeds that do what they say.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { badInput } from '../src/control/input.js';
import { DEFAULT_CONTROL_LIMITS } from '../src/control/limits.js';
import {
  type ControlJournal,
  createControlJournal,
  createFakeState,
  DEFAULT_JOURNAL_LIMIT,
  mountControlApi,
  SAMPLE_API_KEY,
  SAMPLE_SECRET,
  startTestServer,
  type TestServer,
} from '../src/index.js';
import { control } from './control-helpers.js';
import { post, sign } from './helpers.js';

let server: TestServer | undefined;
let receiver: Server | undefined;
// Destroyed after each test: a receiver that never answers keeps its connections open.
const receiverSockets: Socket[] = [];
afterEach(async () => {
  await server?.close();
  for (const socket of receiverSockets.splice(0)) socket.destroy();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  server = undefined;
  receiver = undefined;
});

async function started(
  options: { token?: string; journal?: ControlJournal; keepRequests?: boolean } = {},
): Promise<TestServer> {
  const journal = options.journal ?? createControlJournal();
  server = await startTestServer({
    commaSpace: 'never',
    onRequest: journal.recordRequest,
    onWebhook: journal.recordWebhook,
    ...(options.keepRequests === undefined ? {} : { keepRequests: options.keepRequests }),
  });
  mountControlApi(server, {
    journal,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  return server;
}

const isActive = (s: TestServer) => {
  const body = JSON.stringify({ room_id: 'room01' });
  return post(`${s.url}/auth/room/isRoomActive`, body, {
    'API-KEY': SAMPLE_API_KEY,
    'HASH-SIGNATURE': sign(body, SAMPLE_SECRET),
    'Content-Type': 'application/json',
  });
};

/** A receiver on 127.0.0.1 that reads each delivery and then never answers. */
async function silentReceiver(): Promise<{ url: string; arrived: () => number }> {
  let count = 0;
  receiver = createServer((request: IncomingMessage) => {
    request.resume();
    request.on('end', () => count++);
  });
  receiver.on('connection', (socket: Socket) => receiverSockets.push(socket));
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  const address = receiver.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/hook`, arrived: () => count };
}

/** A receiver on 127.0.0.1 that answers 200. */
async function answeringReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('ok'));
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
}

/**
 * Sends headers (and `body`, when given) over a plain socket and resolves with the status
 * line's code as soon as the answer's head arrives, or 0 when the socket closed without one.
 */
function headThenStatus(url: string, head: string, body?: Buffer): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(target.port), target.hostname);
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', () => resolve(0));
    socket.on('close', () => resolve(0));
    socket.write(head);
    if (body) socket.write(body);
  });
}

describe('POST /webhooks to a receiver that never answers', () => {
  it('answers within its wait (202 with the delivery pending, or the delivery failed) instead of hanging', async () => {
    const s = await started();
    const silent = await silentReceiver();
    // The client gives up at 30 s: without a bound of its own the call never answers.
    const response = await fetch(`${s.url}/__control/webhooks`, {
      method: 'POST',
      body: JSON.stringify({ event: { event: 'room_started' }, urls: [silent.url] }),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json()) as {
      deliveries: { url: string; status: number; error?: string }[];
      pending: { url: string }[];
    };
    expect(silent.arrived()).toBe(1);
    // Either still out after the wait (202) or given up by the delivery's own timeout (200).
    if (response.status === 202) {
      expect(json).toEqual({ deliveries: [], pending: [{ url: silent.url }] });
    } else {
      expect(response.status).toBe(200);
      expect(json.pending).toEqual([]);
      expect(json.deliveries).toMatchObject([{ url: silent.url, status: 0 }]);
      expect(json.deliveries[0]?.error).toEqual(expect.any(String));
    }
  }, 40_000);

  it('wait_ms sets the wait, and an answering receiver is reported at once', async () => {
    const s = await started();
    const url = await answeringReceiver();
    const quick = await control(s.url, 'POST', '/webhooks', {
      event: { event: 'room_started' },
      urls: [url],
      wait_ms: 10_000,
    });
    expect(quick.status).toBe(200);
    expect(quick.json).toMatchObject({ deliveries: [{ url, status: 200 }], pending: [] });
    const bad = await control(s.url, 'POST', '/webhooks', {
      event: { event: 'room_started' },
      urls: [url],
      wait_ms: 600_001,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: { message: expect.stringMatching(/wait_ms must be an integer from 0 to 60000/) },
    });
  });
});

describe('the control body limit, read after the token', () => {
  it('a call without the token is refused from its headers, its declared 40 MB body never awaited', async () => {
    const s = await started({ token: 'bounds-token' });
    const head = [
      'POST /__control/answers HTTP/1.1',
      `Host: 127.0.0.1:${s.port}`,
      'Content-Type: application/json',
      `Content-Length: ${40 * 1024 * 1024}`,
      '',
      '',
    ].join('\r\n');
    // Nothing of the body is sent: a server that reads it before the token check waits forever.
    const status = await Promise.race([
      headThenStatus(s.url, head),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 10 s'), 10_000)),
    ]);
    expect(status).toBe(401);
  }, 20_000);

  it('with the token, a declared body over 1 MiB is a 413 that states the limit, unread', async () => {
    const s = await started({ token: 'bounds-token' });
    const headers = [
      'POST /__control/answers HTTP/1.1',
      `Host: 127.0.0.1:${s.port}`,
      'Authorization: Bearer bounds-token',
      `Content-Length: ${40 * 1024 * 1024}`,
      '',
      '',
    ].join('\r\n');
    const status = await Promise.race([
      headThenStatus(s.url, headers),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 10 s'), 10_000)),
    ]);
    expect(status).toBe(413);
    const big = JSON.stringify({ answers: [{ body_text: 'x'.repeat(1024 * 1024) }] });
    const refused = await control(s.url, 'POST', '/answers', big, {
      authorization: 'Bearer bounds-token',
    });
    expect(refused.status).toBe(413);
    expect(refused.json).toMatchObject({
      error: {
        code: 'CONTROL_BODY_TOO_LARGE',
        message: expect.stringContaining('1 MiB (1048576 bytes)'),
      },
    });
    expect(
      (
        await control(s.url, 'GET', '/answers', undefined, {
          authorization: 'Bearer bounds-token',
        })
      ).json,
    ).toEqual({ queued: {} });
  }, 20_000);

  it('a chunked body is cut off once it passes the limit (413), without reading it to its end', async () => {
    const s = await started();
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const head = [
      'POST /__control/answers HTTP/1.1',
      `Host: 127.0.0.1:${s.port}`,
      'Transfer-Encoding: chunked',
      '',
      '',
    ].join('\r\n');
    // 2 MiB in chunks and no terminating chunk: only a server that stops at the limit answers.
    const chunks = Array.from({ length: 8 }, () =>
      Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
    );
    const status = await Promise.race([
      headThenStatus(s.url, head, Buffer.concat(chunks)),
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 10 s'), 10_000)),
    ]);
    expect(status).toBe(413);
  }, 20_000);
});

describe('queues, replaced routes and state are bounded', () => {
  it('queued answers: at most 1000 at once, then 409 CONTROL_LIMIT_REACHED saying so', async () => {
    const s = await started();
    const answers = Array.from({ length: 500 }, () => ({ status: 503 }));
    expect((await control(s.url, 'POST', '/answers', { answers })).status).toBe(200);
    expect((await control(s.url, 'POST', '/answers', { answers })).status).toBe(200);
    const full = await control(s.url, 'POST', '/answers', { answers: [{ status: 503 }] });
    expect(full.status).toBe(409);
    expect(full.json).toMatchObject({
      error: {
        code: 'CONTROL_LIMIT_REACHED',
        message: expect.stringContaining('at most 1000 answers may be queued'),
      },
    });
    // Taken answers make room again.
    expect((await isActive(s)).status).toBe(503);
    expect((await control(s.url, 'POST', '/answers', { answers: [{ status: 503 }] })).status).toBe(
      200,
    );
  });

  it('queued answers: at most 16 MiB together', async () => {
    const s = await started();
    const answer = { body_text: 'q'.repeat(1000 * 1000) };
    const statuses: number[] = [];
    for (let i = 0; i < 17; i++) {
      statuses.push((await control(s.url, 'POST', '/answers', { answers: [answer] })).status);
    }
    expect(statuses).toEqual([...Array(16).fill(200), 409]);
    const queued = (await control(s.url, 'GET', '/answers')).json.queued as Record<string, []>;
    expect(queued['*']).toHaveLength(16);
  }, 30_000);

  it('replaced routes: at most 256 at once; replacing one again is no new route', async () => {
    const s = await started();
    for (let i = 0; i < 256; i++) {
      const put = await control(s.url, 'PUT', `/routes/made-up/route${i}`, { status: 418 });
      expect(put.status).toBe(200);
    }
    expect((await control(s.url, 'PUT', '/routes/made-up/route0', { status: 500 })).status).toBe(
      200,
    );
    const over = await control(s.url, 'PUT', '/routes/made-up/one-more', { status: 418 });
    expect(over.status).toBe(409);
    expect(over.json).toMatchObject({
      error: { message: expect.stringContaining('at most 256 routes may be replaced') },
    });
    expect((await control(s.url, 'DELETE', '/routes')).status).toBe(200);
    expect((await control(s.url, 'PUT', '/routes/made-up/one-more', { status: 418 })).status).toBe(
      200,
    );
  });

  it('state: at most 1000 rooms after a seed; a refused seed changes nothing', async () => {
    const s = await started();
    const rooms = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ room_id: `${prefix}${i}` }));
    expect((await control(s.url, 'POST', '/state', { rooms: rooms(1000, 'a') })).status).toBe(200);
    const over = await control(s.url, 'POST', '/state', { rooms: rooms(1, 'b') });
    expect(over.status).toBe(409);
    expect(over.json).toMatchObject({
      error: { message: expect.stringContaining('at most 1000 rooms') },
    });
    expect(s.state.rooms.size).toBe(1000);
    // Replacing a seeded room by its id is no new record.
    expect((await control(s.url, 'POST', '/state', { rooms: rooms(1, 'a') })).status).toBe(200);
  });
});

describe('the journal and server.webhooks', () => {
  it('GET /requests pages with ?limit= and next_since', async () => {
    const s = await started();
    for (let i = 0; i < 5; i++) await isActive(s);
    const first = await control(s.url, 'GET', '/requests?limit=2');
    expect(first.status).toBe(200);
    expect((first.json.requests as { index: number }[]).map((r) => r.index)).toEqual([0, 1]);
    expect(first.json.next_since).toBe(2);
    const rest = await control(s.url, 'GET', '/requests?since=4&limit=2');
    expect((rest.json.requests as { index: number }[]).map((r) => r.index)).toEqual([4]);
    expect(rest.json.next_since).toBeNull();
    const bad = await control(s.url, 'GET', '/requests?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      error: { message: expect.stringContaining('limit must be an integer from 1 to 1000') },
    });
  });

  it('POST /reset zeroes the dropped counters', async () => {
    const s = await started({ journal: createControlJournal(2) });
    for (let i = 0; i < 3; i++) await isActive(s);
    expect((await control(s.url, 'GET', '/requests')).json.dropped).toBe(1);
    expect((await control(s.url, 'POST', '/reset')).status).toBe(200);
    expect((await control(s.url, 'GET', '/requests')).json.dropped).toBe(0);
    expect((await control(s.url, 'GET', '/webhooks')).json.dropped).toBe(0);
  });

  it('keepRequests: false keeps no webhook deliveries in server.webhooks either', async () => {
    const url = await answeringReceiver();
    const s = await started({ keepRequests: false });
    const sent = await s.sendWebhook({ event: 'room_started' }, [url]);
    expect(sent.map((d) => d.status)).toEqual([200]);
    expect(s.webhooks).toEqual([]);
  });
});

describe('answers the server can really send', () => {
  // Built as text: 20,000 nested arrays, ~40 KB.
  const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

  it('deeply nested JSON is a 400 for POST /answers and PUT /routes, and nothing changes', async () => {
    const s = await started();
    const queued = await control(s.url, 'POST', '/answers', `{"answers":[{"json":${deep}}]}`);
    expect(queued.status).toBe(400);
    expect(queued.json).toMatchObject({
      error: {
        code: 'BAD_CONTROL_INPUT',
        message: expect.stringContaining('nested at most 64 levels deep'),
      },
    });
    expect((await control(s.url, 'GET', '/answers')).json).toEqual({ queued: {} });
    const put = await control(s.url, 'PUT', '/routes/room/isRoomActive', `{"json":${deep}}`);
    expect(put.status).toBe(400);
    expect(await isActive(s)).toMatchObject({ status: 200, json: { is_active: false } });
  });

  it('statuses are 200 to 599; 204 and 304 take no body', async () => {
    const s = await started();
    for (const status of [100, 101, 199, 600]) {
      const refused = await control(s.url, 'POST', '/answers', { answers: [{ status }] });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        error: { message: expect.stringContaining('an integer from 200 to 599') },
      });
    }
    for (const answer of [
      { status: 204, body_text: 'never sent' },
      { status: 304, json: { status: true } },
      { status: 204, body_base64: 'eA==' },
    ]) {
      const refused = await control(s.url, 'POST', '/answers', { answers: [answer] });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({
        error: { message: expect.stringContaining('HTTP sends no body with it') },
      });
    }
    expect((await control(s.url, 'GET', '/answers')).json).toEqual({ queued: {} });
    expect((await control(s.url, 'POST', '/answers', { answers: [{ status: 204 }] })).status).toBe(
      200,
    );
    expect(await isActive(s)).toMatchObject({ status: 204, text: '' });
  });

  it('a header named __proto__ is kept and sent like any other', async () => {
    const s = await started();
    // As text: a JS object literal would turn "__proto__" into a prototype.
    const queued = await control(
      s.url,
      'POST',
      '/answers',
      '{"answers":[{"status":200,"headers":{"__proto__":"kept","x-b":"y"},"body_text":"ok"}]}',
    );
    expect(queued.status).toBe(200);
    const listed = (queued.json.queued as Record<string, { headers: object }[]>)['*'];
    expect(Object.entries(listed?.[0]?.headers ?? {})).toEqual([
      ['__proto__', 'kept'],
      ['x-b', 'y'],
    ]);
    const body = JSON.stringify({ room_id: 'room01' });
    const response = await fetch(`${s.url}/auth/room/isRoomActive`, {
      method: 'POST',
      body,
      headers: { 'API-KEY': SAMPLE_API_KEY, 'HASH-SIGNATURE': sign(body, SAMPLE_SECRET) },
    });
    expect([response.headers.get('__proto__'), response.headers.get('x-b')]).toEqual(['kept', 'y']);
  });

  it('PUT /routes/{route} takes the route percent-encoded, as a generated client sends it', async () => {
    const s = await started();
    const put = await control(s.url, 'PUT', '/routes/room%2FisRoomActive', { status: 503 });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ route: '/auth/room/isRoomActive', replaced: true });
    expect((await isActive(s)).status).toBe(503);
    const restored = await control(s.url, 'DELETE', '/routes/room%2FisRoomActive');
    expect(restored.json).toEqual({ route: '/auth/room/isRoomActive', restored: true });
    const broken = await control(s.url, 'PUT', '/routes/room%E0%A4%A', { status: 503 });
    expect(broken.status).toBe(400);
  });
});

describe('error messages', () => {
  it('show a value too deep to serialize as such, instead of throwing', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const error = badInput('answers[0].json', 'something shallower', deep);
    expect(error.message).toBe(
      'answers[0].json must be something shallower; got a value that cannot be shown',
    );
  });
});

describe('seeds and webhook events', () => {
  it('a refused seed hands out no sid', async () => {
    const s = await started();
    const refused = await control(s.url, 'POST', '/state', {
      rooms: [{ room_id: 'fine' }, { room_id: 'not fine!' }],
    });
    expect(refused.status).toBe(400);
    const seeded = await control(s.url, 'POST', '/state', { rooms: [{ room_id: 'next' }] });
    const first = `RM_${createFakeState().nextId.toString(36).padStart(6, '0')}`;
    expect(seeded.json.rooms).toMatchObject([{ room_id: 'next', sid: first }]);
  });

  it('an event name the upstream server never sends is a 400 listing the names, unless allowed', async () => {
    const s = await started();
    const url = await answeringReceiver();
    const typo = await control(s.url, 'POST', '/webhooks', {
      event: { event: 'room_stared' },
      urls: [url],
    });
    expect(typo.status).toBe(400);
    expect(typo.json).toMatchObject({
      error: {
        message: expect.stringMatching(
          /^event\.event must be an event the upstream server sends: room_created, .*artifact_created/,
        ),
      },
    });
    const allowed = await control(s.url, 'POST', '/webhooks', {
      event: { event: 'room_from_the_future' },
      urls: [url],
      allow_unknown_event: true,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.json).toMatchObject({ deliveries: [{ status: 200 }] });
  });
});

describe('the shipped OpenAPI document declares the refusals and the limits', () => {
  const document = JSON.parse(
    readFileSync(new URL('../control-api.openapi.json', import.meta.url), 'utf8'),
  ) as {
    info: { description: string; 'x-limits': Record<string, number> };
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };

  it('every operation declares 400, 401, 404, 405, 413 and 500; the bounded ones 409', () => {
    const limited = [
      'POST /__control/answers',
      'PUT /__control/routes/{route}',
      'POST /__control/state',
    ];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        const declared = Object.keys(operation.responses);
        expect(declared, name).toEqual(
          expect.arrayContaining(['400', '401', '404', '405', '413', '500']),
        );
        expect(declared.includes('409'), name).toBe(limited.includes(name));
      }
    }
    expect(Object.keys(document.paths['/__control/webhooks']?.post?.responses ?? {})).toContain(
      '202',
    );
  });

  it('states the limits the server keeps', () => {
    const limits = DEFAULT_CONTROL_LIMITS;
    expect(document.info['x-limits']).toEqual({
      control_body_bytes: limits.bodyBytes,
      json_depth: limits.jsonDepth,
      queued_answers: limits.queuedAnswers,
      queued_bytes: limits.queuedBytes,
      replaced_routes: limits.replacedRoutes,
      replaced_bytes: limits.replacedBytes,
      state_records_per_kind: limits.stateRecords,
      state_bytes: limits.stateBytes,
      journal_records_per_kind: DEFAULT_JOURNAL_LIMIT,
      journal_bytes_per_kind: limits.journalBytes,
      journal_body_bytes: limits.journalBodyBytes,
      requests_page_records: limits.pageRecords,
      webhook_wait_ms_default: limits.webhookWaitMs,
      webhook_wait_ms_max: limits.webhookMaxWaitMs,
    });
    expect(document.info.description).toContain('1 MiB (1048576 bytes)');
  });
});
