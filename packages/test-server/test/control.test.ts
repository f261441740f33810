/**
 * The control API served in-process: every endpoint against a real server on 127.0.0.1,
 * the answers checked through real signed /auth calls, webhooks through a real receiver.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_ENDPOINTS } from '../src/control/routes.js';
import {
  CONTROL_PREFIX,
  type ControlJournal,
  createControlJournal,
  createFakeState,
  mountControlApi,
  refuseControlApi,
  requestLogRecord,
  SAMPLE_API_KEY,
  SAMPLE_SECRET,
  startTestServer,
  type TestServer,
  TestServerError,
} from '../src/index.js';
import { callOnce, control } from './control-helpers.js';
import { post, sign } from './helpers.js';

let server: TestServer | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await server?.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  server = undefined;
  receiver = undefined;
});

const signed = (body: string) => ({
  'API-KEY': SAMPLE_API_KEY,
  'HASH-SIGNATURE': sign(body, SAMPLE_SECRET),
  'Content-Type': 'application/json',
});

async function started(token?: string): Promise<{ server: TestServer; journal: ControlJournal }> {
  const journal = createControlJournal();
  server = await startTestServer({
    commaSpace: 'never',
    onRequest: journal.recordRequest,
    onWebhook: journal.recordWebhook,
  });
  mountControlApi(server, { journal, ...(token === undefined ? {} : { token }) });
  return { server, journal };
}

const isActive = (s: TestServer, roomId = 'room01') => {
  const body = JSON.stringify({ room_id: roomId });
  return post(`${s.url}/auth/room/isRoomActive`, body, signed(body));
};

describe('queued one-shot answers', () => {
  it('answer signed /auth calls in order (401, 502, a delay), each once, then the handlers again', async () => {
    const { server: s } = await started();
    const queued = await control(s.url, 'POST', '/answers', {
      path: 'room/isRoomActive',
      answers: [
        { status: 401, json: { status: false, msg: 'scripted', status_code: 'INVALID_API_KEY' } },
        { status: 502, headers: { 'x-upstream': 'proxy' }, body_text: '<html>bad gateway</html>' },
        { delay_ms: 50, body_base64: Buffer.from('late').toString('base64') },
      ],
    });
    expect(queued.status).toBe(200);
    expect(queued.json).toEqual({
      queued: {
        '/auth/room/isRoomActive': [
          { status: 401, json: { status: false, msg: 'scripted', status_code: 'INVALID_API_KEY' } },
          {
            status: 502,
            headers: { 'x-upstream': 'proxy' },
            body_text: '<html>bad gateway</html>',
          },
          { delay_ms: 50, body_base64: Buffer.from('late').toString('base64') },
        ],
      },
    });
    // A request that fails auth takes none of them: queued answers are for authenticated calls.
    const unsigned = await post(`${s.url}/auth/room/isRoomActive`, '{}', { 'API-KEY': 'other' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.json).toMatchObject({
      status_code: 'INVALID_API_KEY',
      msg: 'Invalid API key provided.',
    });

    expect(await isActive(s)).toMatchObject({ status: 401, json: { msg: 'scripted' } });
    const bad = await fetch(`${s.url}/auth/room/isRoomActive`, {
      method: 'POST',
      body: '{"room_id":"room01"}',
      headers: signed('{"room_id":"room01"}'),
    });
    expect([bad.status, bad.headers.get('x-upstream'), await bad.text()]).toEqual([
      502,
      'proxy',
      '<html>bad gateway</html>',
    ]);
    expect(await isActive(s)).toMatchObject({ status: 200, text: 'late' });
    // The queue is empty again: the default handler answers (no room is active).
    expect(await isActive(s)).toMatchObject({ status: 200, json: { is_active: false } });
    expect((await control(s.url, 'GET', '/answers')).json).toEqual({ queued: {} });
  });

  it('a hang-up for any route closes the connection without an answer', async () => {
    const { server: s, journal } = await started();
    await control(s.url, 'POST', '/answers', { answers: [{ hang_up: true }] });
    const body = JSON.stringify({ room_id: 'room01' });
    await expect(
      callOnce(`${s.url}/auth/room/isRoomActive`, 'POST', body, signed(body)),
    ).rejects.toThrow();
    expect(journal.requests()).toHaveLength(1);
    const [record] = journal.requests();
    expect(record?.response).toEqual({ status: 0, hung_up: true, body_text: '' });
  });

  it('DELETE /answers drops them, for one route or all', async () => {
    const { server: s } = await started();
    await control(s.url, 'POST', '/answers', { path: 'room/create', answers: [{ status: 500 }] });
    await control(s.url, 'POST', '/answers', { answers: [{ status: 501 }] });
    const one = await control(s.url, 'DELETE', '/answers?path=room/create');
    expect(one.json).toEqual({ queued: { '*': [{ status: 501 }] } });
    expect((await control(s.url, 'DELETE', '/answers')).json).toEqual({ queued: {} });
    expect(await isActive(s)).toMatchObject({ status: 200 });
  });
});

describe('replaced routes', () => {
  it('PUT replaces the answer until DELETE restores the default handler', async () => {
    const { server: s } = await started();
    const original = await isActive(s);
    const replaced = await control(s.url, 'PUT', '/routes/room/isRoomActive', {
      message: 'plugnmeet.IsRoomActiveRes',
      json: { status: true, msg: 'replaced', status_code: 'SUCCESS', is_active: true },
    });
    expect(replaced.json).toEqual({ route: '/auth/room/isRoomActive', replaced: true });
    for (let i = 0; i < 2; i++) {
      expect(await isActive(s)).toMatchObject({
        status: 200,
        json: { msg: 'replaced', is_active: true },
      });
    }
    expect((await control(s.url, 'DELETE', '/routes/room/isRoomActive')).json).toEqual({
      route: '/auth/room/isRoomActive',
      restored: true,
    });
    expect(await isActive(s)).toMatchObject({ status: original.status, json: original.json });
  });

  it('DELETE /routes restores every route', async () => {
    const { server: s } = await started();
    await control(s.url, 'PUT', '/routes/room/isRoomActive', { status: 503 });
    await control(s.url, 'PUT', '/routes/made/up', { body_text: 'now it exists' });
    const made = await post(`${s.url}/auth/made/up`, '{}', signed('{}'));
    expect(made).toMatchObject({ status: 200, text: 'now it exists' });
    await control(s.url, 'DELETE', '/routes');
    expect(await isActive(s)).toMatchObject({ status: 200 });
    expect(await post(`${s.url}/auth/made/up`, '{}', signed('{}'))).toMatchObject({ status: 404 });
  });
});

describe('state', () => {
  it('reads, seeds (the default handlers then see it) and resets', async () => {
    const { server: s } = await started();
    const fresh = createFakeState();
    const initial = await control(s.url, 'GET', '/state');
    expect(initial.json).toEqual({
      rooms: [],
      past_rooms: fresh.pastRooms,
      recordings: [...fresh.recordings.values()],
      artifacts: [...fresh.artifacts.values()],
      upload_locks: [],
    });
    const recording = {
      record_id: 'RM_added-1',
      room_id: 'room01',
      room_sid: 'RM_added',
      file_path: 'room01/RM_added-1.mp4',
      file_size: 1.5,
      creation_time: '1755690000',
      room_creation_time: '1755689000',
    };
    const seeded = await control(s.url, 'POST', '/state', {
      rooms: [{ room_id: 'room01', room_title: 'Seeded', metadata: { room_features: {} } }],
      recordings: [recording],
    });
    expect(seeded.status).toBe(200);
    expect(seeded.json.rooms).toMatchObject([
      { room_id: 'room01', room_title: 'Seeded', metadata: '{"room_features":{}}' },
    ]);
    expect(await isActive(s)).toMatchObject({ json: { status: true, is_active: true } });
    const body = JSON.stringify({ record_id: 'RM_added-1' });
    const info = await post(`${s.url}/auth/recording/info`, body, signed(body));
    expect(info.json).toMatchObject({
      status: true,
      recording_info: { record_id: 'RM_added-1', file_size: 1.5 },
    });

    expect((await control(s.url, 'DELETE', '/state')).json).toEqual(initial.json);
    const empty = await control(s.url, 'DELETE', '/state?empty=true');
    expect(empty.json).toEqual({
      rooms: [],
      past_rooms: [],
      recordings: [],
      artifacts: [],
      upload_locks: [],
    });
    expect(await isActive(s)).toMatchObject({ json: { is_active: false } });
  });

  it('refuses a seed that is not the upstream message, changing nothing', async () => {
    const { server: s } = await started();
    const before = await control(s.url, 'GET', '/state');
    const refused = await control(s.url, 'POST', '/state', {
      rooms: [{ room_id: 'ok-room' }],
      recordings: [{ record_id: 'RM_x', file_size: 'big' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: { code: 'BAD_CONTROL_INPUT' } });
    expect(String((refused.json.error as { message: string }).message)).toMatch(
      /^recordings\[0\] must be a plugnmeet\.RecordingInfo/,
    );
    expect(await control(s.url, 'GET', '/state')).toMatchObject({ json: before.json });
  });
});

/** A webhook receiver that keeps what it got and answers `status`. */
async function hook(status: number) {
  const got: { headers: IncomingMessage['headers']; body: Buffer }[] = [];
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    got.push({ headers: request.headers, body: Buffer.concat(chunks) });
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/hook`, got };
}

describe('webhooks', () => {
  it('sends any CommonNotifyEvent to a given URL and answers the delivery the receiver got', async () => {
    const { server: s } = await started();
    const { url, got } = await hook(202);
    const sent = await control(s.url, 'POST', '/webhooks', {
      event: {
        event: 'PARTICIPANT_JOINED',
        room: { room_id: 'room01' },
        participant: { identity: 'u1' },
      },
      urls: [url],
    });
    expect(sent.status).toBe(200);
    const [delivery] = sent.json.deliveries as Record<string, unknown>[];
    expect(got).toHaveLength(1);
    const received = got[0] as (typeof got)[number];
    expect(delivery).toMatchObject({ type: 'webhook', url, status: 202 });
    expect(delivery?.body_base64).toBe(received.body.toString('base64'));
    expect(delivery?.token).toBe(received.headers.authorization);
    expect(received.headers['hash-token']).toBe(received.headers.authorization);
    expect(JSON.parse(received.body.toString())).toMatchObject({
      event: 'participant_joined',
      room: { room_id: 'room01' },
      participant: { identity: 'u1' },
    });
    // The token: HS256 over header.claims with the secret, its sha256 claim over the body.
    const [head, claims, mac] = String(delivery?.token).split('.');
    expect(
      createHmac('sha256', SAMPLE_SECRET).update(`${head}.${claims}`).digest('base64url'),
    ).toBe(mac);
    expect(JSON.parse(Buffer.from(String(claims), 'base64url').toString()).sha256).toBe(
      createHash('sha256').update(received.body).digest('base64'),
    );
    expect((await control(s.url, 'GET', '/webhooks')).json).toEqual({
      webhooks: [delivery],
      dropped: 0,
    });
  });

  it('says so when there is no receiver, and refuses an event that is not a CommonNotifyEvent', async () => {
    const { server: s } = await started();
    const none = await control(s.url, 'POST', '/webhooks', { event: { event: 'room_started' } });
    expect(none).toMatchObject({ status: 400, json: { error: { code: 'BAD_CONTROL_INPUT' } } });
    expect(JSON.stringify(none.json)).toMatch(/--webhook/);
    const bad = await control(s.url, 'POST', '/webhooks', {
      event: { event: 'room_started', roomz: {} },
      urls: ['http://127.0.0.1:9/'],
    });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'BAD_CONTROL_INPUT' } } });
    expect(JSON.stringify(bad.json)).toMatch(/CommonNotifyEvent.*roomz/);
  });
});

describe('recorded requests', () => {
  it('lists the log-line JSON of /auth requests only, filtered by path, prefix and index; clears them', async () => {
    const { server: s } = await started();
    await isActive(s);
    const body = JSON.stringify({ record_id: 'nope' });
    await post(`${s.url}/auth/recording/info`, body, signed(body));
    await fetch(`${s.url}/healthCheck`);
    await control(s.url, 'GET', '/state');
    const all = await control(s.url, 'GET', '/requests');
    const records = all.json.requests as Record<string, unknown>[];
    // No control call among them: three requests, in arrival order.
    expect(records.map((r) => [r.index, r.url])).toEqual([
      [0, '/auth/room/isRoomActive'],
      [1, '/auth/recording/info'],
      [2, '/healthCheck'],
    ]);
    // The same JSON the log line carries, computed from the library's own record.
    expect(records).toEqual(JSON.parse(JSON.stringify(s.requests.map(requestLogRecord))));
    expect(
      ((await control(s.url, 'GET', '/requests?path=recording/info')).json.requests as []).length,
    ).toBe(1);
    const prefixed = await control(s.url, 'GET', '/requests?prefix=/auth/');
    expect((prefixed.json.requests as { index: number }[]).map((r) => r.index)).toEqual([0, 1]);
    const since = await control(s.url, 'GET', '/requests?since=2');
    expect((since.json.requests as { index: number }[]).map((r) => r.index)).toEqual([2]);
    expect((await control(s.url, 'DELETE', '/requests?prefix=/auth/')).json).toEqual({
      cleared: 2,
    });
    expect(((await control(s.url, 'GET', '/requests')).json.requests as []).length).toBe(1);
  });

  it('POST /reset puts answers, routes, state, requests and webhooks back as at start', async () => {
    const { server: s } = await started();
    await control(s.url, 'POST', '/answers', { answers: [{ status: 500 }] });
    await control(s.url, 'PUT', '/routes/room/isRoomActive', { status: 503 });
    await control(s.url, 'POST', '/state', { rooms: [{ room_id: 'room01' }] });
    await isActive(s);
    expect((await control(s.url, 'POST', '/reset')).json).toEqual({ reset: true });
    expect((await control(s.url, 'GET', '/requests')).json).toEqual({
      requests: [],
      dropped: 0,
      next_since: null,
    });
    expect((await control(s.url, 'GET', '/state')).json.rooms).toEqual([]);
    expect(await isActive(s)).toMatchObject({ status: 200, json: { is_active: false } });
  });
});

describe('bad control input gets a 400 saying what was expected', () => {
  const cases: [string, string, string, unknown, RegExp][] = [
    ['not JSON', 'POST', '/answers', '{"answers":', /body must be UTF-8 JSON/],
    ['no answers', 'POST', '/answers', { path: '*' }, /answers must be a non-empty array/],
    ['empty answers', 'POST', '/answers', { answers: [] }, /answers must be a non-empty array/],
    [
      'unknown key',
      'POST',
      '/answers',
      { answers: [{ stauts: 500 }] },
      /only the keys status, headers.*"stauts"/,
    ],
    [
      'status out of range',
      'POST',
      '/answers',
      { answers: [{ status: 99 }] },
      /status must be an integer from 200 to 599/,
    ],
    [
      'negative delay',
      'POST',
      '/answers',
      { answers: [{ delay_ms: -1 }] },
      /delay_ms must be an integer from 0 to 600000/,
    ],
    [
      'two bodies',
      'POST',
      '/answers',
      { answers: [{ json: {}, body_text: '' }] },
      /at most one of json, body_text, body_base64/,
    ],
    [
      'bad base64',
      'POST',
      '/answers',
      { answers: [{ body_base64: 'a b' }] },
      /standard padded base64/,
    ],
    [
      'header with CRLF',
      'POST',
      '/answers',
      { answers: [{ headers: { x: 'a\r\nb' } }] },
      /without CR, LF or NUL/,
    ],
    [
      'Content-Length',
      'POST',
      '/answers',
      { answers: [{ headers: { 'Content-Length': '1' } }] },
      /not Content-Length/,
    ],
    [
      'json not the message',
      'POST',
      '/answers',
      { answers: [{ message: 'plugnmeet.CommonResponse', json: { nope: 1 } }] },
      /an instance of plugnmeet\.CommonResponse/,
    ],
    [
      'route outside /auth',
      'POST',
      '/answers',
      { path: '/healthCheck', answers: [{}] },
      /path must be a route such as room\/create/,
    ],
    [
      'hang_up not boolean',
      'PUT',
      '/routes/room/create',
      { hang_up: 'yes' },
      /hang_up must be true or false/,
    ],
    ['bad route in path', 'PUT', '/routes/room%20x', {}, /route in the path must be/],
    ['seed not an array', 'POST', '/state', { rooms: {} }, /rooms must be an array/],
    [
      'room id',
      'POST',
      '/state',
      { rooms: [{ room_id: 'a b' }] },
      /rooms\[0\]\.room_id must be a non-empty id/,
    ],
    [
      'unknown query',
      'GET',
      '/requests?pth=x',
      undefined,
      /query parameter pth is not known here; expected path, prefix, since/,
    ],
    ['since', 'GET', '/requests?since=-1', undefined, /since must be an integer from 0/],
    ['empty flag', 'DELETE', '/state?empty=yes', undefined, /empty must be true or false/],
    [
      'webhook URL',
      'POST',
      '/webhooks',
      { event: { event: 'room_started' }, urls: ['file:///etc/passwd'] },
      /urls\[0\] must be an absolute http/,
    ],
    [
      'webhook event name',
      'POST',
      '/webhooks',
      { event: {} },
      /event\.event must be a CommonNotifyEvent name/,
    ],
  ];
  it.each(cases)('%s', async (_name, method, path, body, message) => {
    const { server: s } = await started();
    const answer = await control(s.url, method, path, body);
    expect(answer.status).toBe(400);
    expect((answer.json.error as { code: string }).code).toBe('BAD_CONTROL_INPUT');
    expect((answer.json.error as { message: string }).message).toMatch(message);
    // Nothing was queued, and the server still answers.
    expect((await control(s.url, 'GET', '/answers')).json).toEqual({ queued: {} });
    expect(await isActive(s)).toMatchObject({ status: 200 });
  });

  it('an unknown endpoint is a 404 listing the endpoints; a wrong method a 405 with Allow', async () => {
    const { server: s } = await started();
    const missing = await control(s.url, 'GET', '/nope');
    expect(missing).toMatchObject({ status: 404, json: { error: { code: 'CONTROL_NOT_FOUND' } } });
    expect(String((missing.json.error as { expected: string }).expected)).toContain(
      'POST /__control/answers',
    );
    const wrong = await control(s.url, 'PATCH', '/state');
    expect(wrong).toMatchObject({
      status: 405,
      json: { error: { code: 'CONTROL_METHOD_NOT_ALLOWED' } },
    });
    expect(wrong.headers.get('allow')).toBe('GET, POST, DELETE');
  });
});

describe('the control token', () => {
  it('is required when set, and never changes how /auth is authenticated', async () => {
    const { server: s } = await started('let-me-in');
    for (const authorization of [
      undefined,
      'Bearer let-me-i',
      'Bearer let-me-inn',
      'let-me-in',
      'Basic bGV0',
    ]) {
      const refused = await control(
        s.url,
        'POST',
        '/answers',
        { answers: [{ status: 500 }] },
        authorization ? { authorization } : {},
      );
      expect(refused.status).toBe(401);
      expect(refused.json).toMatchObject({
        error: {
          code: 'CONTROL_UNAUTHORIZED',
          expected: 'Authorization: Bearer <the --control-token value>',
        },
      });
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    expect(
      (await control(s.url, 'GET', '/answers', undefined, { authorization: 'Bearer let-me-in' }))
        .json,
    ).toEqual({ queued: {} });
    // The control token is no /auth credential, and /auth credentials are no control token.
    const body = '{"room_id":"room01"}';
    const withToken = await post(`${s.url}/auth/room/isRoomActive`, body, {
      authorization: 'Bearer let-me-in',
    });
    expect(withToken).toMatchObject({
      status: 401,
      json: { status_code: 'MISSING_REQUIRED_PARAMETER' },
    });
    const wrongSignature = await post(`${s.url}/auth/room/isRoomActive`, body, {
      ...signed(body),
      'HASH-SIGNATURE': sign(`${body} `, SAMPLE_SECRET),
    });
    expect(wrongSignature).toMatchObject({
      status: 401,
      json: { status_code: 'INVALID_TOKEN_OR_SIGNATURE' },
    });
    expect(await isActive(s)).toMatchObject({ status: 200 });
    expect((await control(s.url, 'GET', '/state', undefined, signed('{}'))).status).toBe(401);
  });

  it('may not be empty', async () => {
    const journal = createControlJournal();
    server = await startTestServer();
    expect(() => mountControlApi(server as TestServer, { journal, token: '' })).toThrow(
      TestServerError,
    );
  });
});

describe('off unless asked for', () => {
  it('a server without the control API answers its paths like any unknown path', async () => {
    server = await startTestServer();
    const answer = await fetch(`${server.url}/__control/answers`, {
      method: 'POST',
      body: '{"answers":[{"status":500}]}',
    });
    expect([answer.status, await answer.text()]).toEqual([404, 'not found']);
    expect(await isActive(server)).toMatchObject({ status: 200 });
  });

  it('refuseControlApi says the control API is off (and the refusal is not logged)', async () => {
    server = await startTestServer();
    refuseControlApi(server);
    const refused = await control(server.url, 'POST', '/answers', { answers: [{ status: 500 }] });
    expect(refused).toMatchObject({ status: 404, json: { error: { code: 'CONTROL_OFF' } } });
    expect(server.requests).toEqual([]);
    expect(await isActive(server)).toMatchObject({ status: 200 });
  });

  it('a mount can never shadow /auth or /healthCheck', async () => {
    server = await startTestServer();
    for (const prefix of [
      '/auth',
      '/auth/room',
      '/healthCheck',
      '/healthCheck/x',
      '/',
      'x',
      '/__control/',
    ]) {
      expect(() => server?.mount(prefix, () => ({})), prefix).toThrow(TestServerError);
    }
    expect(CONTROL_PREFIX).toBe('/__control');
  });
});

describe('the shipped OpenAPI document', () => {
  const document = JSON.parse(
    readFileSync(new URL('../control-api.openapi.json', import.meta.url), 'utf8'),
  ) as { openapi: string; paths: Record<string, Record<string, unknown>> };

  it('describes exactly the served endpoints', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map(
        (method) => `${method.toUpperCase()} ${path.replace('{route}', '*')}`,
      ),
    );
    const served = CONTROL_ENDPOINTS.map((e) => `${e.method} ${CONTROL_PREFIX}${e.path}`);
    expect(documented.sort()).toEqual(served.sort());
    expect(document.openapi).toBe('3.1.0');
  });

  it('is what GET /__control/openapi.json serves', async () => {
    const { server: s } = await started();
    expect((await control(s.url, 'GET', '/openapi.json')).json).toEqual(document);
  });
});
