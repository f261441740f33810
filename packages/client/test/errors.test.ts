import { commonResponse, notFound, type TestServer } from '@plugnmeet-signing/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isPlugNmeetError,
  PlugNmeet,
  PlugNmeetApiError,
  PlugNmeetAuthError,
  type PlugNmeetError,
  PlugNmeetNetworkError,
  PlugNmeetResponseError,
  PlugNmeetTimeoutError,
} from '../src/index.js';
import { setup } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<PlugNmeetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPlugNmeetError(error)).toBe(true);
  return error as PlugNmeetError;
}

describe('401 from the auth middleware', () => {
  it.each([
    ['a wrong key', { apiKey: 'other' }, 'Invalid API key provided.', 'INVALID_API_KEY'],
    [
      'a wrong secret',
      { apiSecret: 'other' },
      'Failed to verify provided authentication details.',
      'INVALID_TOKEN_OR_SIGNATURE',
    ],
  ])(
    '%s gives PlugNmeetAuthError with the server msg and status_code',
    async (_n, override, msg, code) => {
      let client: PlugNmeet;
      ({ server, client } = await setup({}, override));
      const error = await failure(client.isRoomActive({ room_id: 'r' }));
      expect(error).toBeInstanceOf(PlugNmeetAuthError);
      expect(error).toMatchObject({
        code: 'ERR_PNM_AUTH',
        httpStatus: 401,
        msg,
        statusCode: code,
        path: '/auth/room/isRoomActive',
      });
      // Never a JSON string stuffed into msg.
      expect((error as PlugNmeetAuthError).msg.startsWith('{')).toBe(false);
    },
  );

  it('keeps the old servers’ messages without status_code', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    server.enqueue('*', { status: 401, body: '{"status":false,"msg":"invalid API key"}' });
    const error = await failure(client.getClientFiles());
    expect(error).toMatchObject({
      code: 'ERR_PNM_AUTH',
      msg: 'invalid API key',
      statusCode: undefined,
    });
  });
});

describe('status:false', () => {
  it('is PlugNmeetApiError with msg, status_code and the whole response', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    const error = await failure(client.endRoom({ room_id: 'none' }));
    expect(error).toBeInstanceOf(PlugNmeetApiError);
    expect(error).toMatchObject({
      code: 'ERR_PNM_API',
      httpStatus: 200,
      msg: 'room not found or not active',
      statusCode: 'ROOM_NOT_FOUND',
    });
    expect((error as PlugNmeetApiError).response.status).toBe(false);
  });

  it('tolerates unknown status codes and enum names', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    server.enqueue(
      'room/endRoom',
      commonResponse(false, 'quota', 'QUOTA_EXCEEDED_FROM_THE_FUTURE'),
    );
    expect(await failure(client.endRoom({ room_id: 'x' }))).toMatchObject({
      statusCode: 'QUOTA_EXCEEDED_FROM_THE_FUTURE',
    });
    server.enqueue('artifact/info', {
      json: {
        status: true,
        msg: 'ok',
        status_code: 'SUCCESS',
        artifact_info: { artifact_id: 'a', type: 'HOLOGRAM_RECORDING' },
      },
    });
    expect((await client.getArtifactInfo({ artifact_id: 'a' })).artifact_info?.type).toBe(
      'HOLOGRAM_RECORDING',
    );
  });

  it('reports validation failures from the server as INVALID_PARAMETERS', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    const error = await failure(client.request('room/isRoomActive', { roomid: 'typo' }));
    expect(error).toMatchObject({ statusCode: 'INVALID_PARAMETERS' });
    expect((error as PlugNmeetApiError).msg).toContain('room_id: value is required');
  });
});

describe('responses that are not the expected JSON', () => {
  it.each([
    ['404 not found text', notFound(), 404, 'not found'],
    [
      'an HTML proxy page',
      { status: 502, body: '<html><body>Bad gateway</body></html>' },
      502,
      '<html>',
    ],
    ['truncated JSON', { body: '{"status":true,"ms' }, 200, '{"status":true'],
    ['a JSON array', { body: '[1,2]' }, 200, '[1,2]'],
    ['JSON without status', { body: '{"ok":1}' }, 200, '{"ok":1}'],
    ['a 500 with status:true', { status: 500, body: '{"status":true}' }, 500, '{"status"'],
  ])(
    '%s gives PlugNmeetResponseError with status and body start',
    async (_n, reply, status, start) => {
      let client: PlugNmeet;
      ({ server, client } = await setup());
      server.enqueue('*', reply);
      const error = await failure(client.getClientFiles());
      expect(error).toBeInstanceOf(PlugNmeetResponseError);
      expect(error).toMatchObject({ code: 'ERR_PNM_BAD_RESPONSE', httpStatus: status });
      expect((error as PlugNmeetResponseError).bodyStart.startsWith(start)).toBe(true);
    },
  );

  it('a wrong path is a 404 response error, not a crash', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    const error = await failure(client.request('/auth/room/doesNotExist', {}));
    expect(error).toMatchObject({
      code: 'ERR_PNM_BAD_RESPONSE',
      httpStatus: 404,
      bodyStart: 'not found',
    });
  });

  it('keeps long bodies short in the error', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    server.enqueue('*', { status: 500, body: 'x'.repeat(10_000) });
    expect(
      ((await failure(client.getClientFiles())) as PlugNmeetResponseError).bodyStart,
    ).toHaveLength(200);
  });
});

describe('network failures, timeouts and retries', () => {
  it('a closed port is PlugNmeetNetworkError with the cause', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    const url = server.url;
    await server.close();
    server = undefined;
    const offline = new PlugNmeet({ serverUrl: url, apiKey: 'k', apiSecret: 's' });
    const error = await failure(offline.isRoomActive({ room_id: 'r' }));
    expect(error).toBeInstanceOf(PlugNmeetNetworkError);
    expect(error.cause).toBeDefined();
    expect(client).toBeDefined();
  });

  it('a slow server is PlugNmeetTimeoutError with the cause', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup({}, { timeoutMs: 100 }));
    server.enqueue('*', { delayMs: 400, json: { status: true } });
    const started = Date.now();
    const error = await failure(client.getClientFiles());
    expect(error).toBeInstanceOf(PlugNmeetTimeoutError);
    expect(error).toMatchObject({ code: 'ERR_PNM_TIMEOUT', timeoutMs: 100 });
    expect(error.cause).toBeDefined();
    expect(Date.now() - started).toBeLessThan(390);
    // Per-call override.
    server.enqueue('*', { delayMs: 150, json: { status: true, msg: '' } });
    expect(await client.getClientFiles({ timeoutMs: 2000 })).toMatchObject({ status: true });
  });

  it('a caller abort rethrows the caller’s reason', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    server.enqueue('*', { delayMs: 300, json: { status: true } });
    const controller = new AbortController();
    const reason = new Error('user gave up');
    setTimeout(() => controller.abort(reason), 30);
    await expect(client.getClientFiles({ signal: controller.signal })).rejects.toBe(reason);
  });

  it('does not retry by default', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    server.enqueue('*', { hangUp: true });
    expect(await failure(client.isRoomActive({ room_id: 'r' }))).toMatchObject({
      code: 'ERR_PNM_NETWORK',
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries read-only calls after a network error when asked, with the same bytes', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup({}, { retry: { limit: 2, delayMs: 1 } }));
    server.enqueue('*', { hangUp: true }, { hangUp: true });
    expect(await client.isRoomActive({ room_id: 'r' })).toMatchObject({ status: true });
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.text)).size).toBe(1);
    expect(server.requests.every((r) => r.auth?.ok)).toBe(true);
  });

  it('never retries calls that change state', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup({}, { retry: { limit: 3, delayMs: 1 } }));
    server.enqueue('*', { hangUp: true });
    expect(await failure(client.endRoom({ room_id: 'r' }))).toMatchObject({
      code: 'ERR_PNM_NETWORK',
      attempts: 1,
    });
    server.enqueue('*', { hangUp: true });
    await failure(client.request('room/isRoomActive', { room_id: 'r' }));
    expect(server.requests).toHaveLength(2);
  });

  it('never retries after a response, even a 5xx', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup({}, { retry: 3 }));
    server.enqueue('*', { status: 503, body: 'busy' });
    await failure(client.getClientFiles());
    expect(server.requests).toHaveLength(1);
  });
});

describe('arguments', () => {
  it.each([
    [{ serverUrl: 'not a url', apiKey: 'k', apiSecret: 's' }],
    [{ serverUrl: 'ftp://x', apiKey: 'k', apiSecret: 's' }],
    [{ serverUrl: 'http://x', apiKey: '', apiSecret: 's' }],
    [{ serverUrl: 'http://x', apiKey: 'k', apiSecret: '' }],
    [{ serverUrl: 'http://x', apiKey: 'k', apiSecret: 's', timeoutMs: 0 }],
    [{ serverUrl: 'http://x', apiKey: 'k', apiSecret: 's', retry: -1 }],
  ])('refuses %o with ERR_PNM_INVALID_ARGUMENT', (options) => {
    expect(() => new PlugNmeet(options)).toThrow(
      expect.objectContaining({ code: 'ERR_PNM_INVALID_ARGUMENT' }),
    );
  });

  it('refuses a body that cannot be serialized, before sending anything', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await failure(client.request('room/isRoomActive', cyclic))).toMatchObject({
      code: 'ERR_PNM_INVALID_ARGUMENT',
    });
    expect(await failure(client.request('room/isRoomActive', { n: 1n }))).toMatchObject({
      code: 'ERR_PNM_INVALID_ARGUMENT',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('keeps a path prefix and drops a trailing slash of serverUrl', async () => {
    let client: PlugNmeet;
    ({ server, client } = await setup());
    const prefixed = new PlugNmeet({
      serverUrl: `${server.url}/`,
      apiKey: server.apiKey,
      apiSecret: server.secret,
    });
    expect(prefixed.serverUrl).toBe(server.url);
    await prefixed.getClientFiles();
    expect(server.lastRequest?.path).toBe('/auth/getClientFiles');
    expect(client.serverUrl).toBe(server.url);
  });
});
