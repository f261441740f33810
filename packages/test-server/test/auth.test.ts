import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_API_KEY, SAMPLE_SECRET, startTestServer, type TestServer } from '../src/index.js';
import { post, sign } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ commaSpace: 'never' });
});
afterAll(() => server.close());

const url = () => `${server.url}/auth/room/isRoomActive`;
const body = '{"room_id":"room01"}';

describe('the /auth check, in the order of §1.2', () => {
  it('uses the documented sample vector', () => {
    expect(sign(body, SAMPLE_SECRET)).toBe(
      '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
    );
  });

  it.each([
    ['no API-KEY', {}, 'Missing API-KEY header.', 'MISSING_REQUIRED_PARAMETER'],
    [
      'an empty API-KEY',
      { 'API-KEY': '' },
      'Missing API-KEY header.',
      'MISSING_REQUIRED_PARAMETER',
    ],
    [
      'a wrong API-KEY',
      { 'API-KEY': 'nope', 'HASH-SIGNATURE': 'x' },
      'Invalid API key provided.',
      'INVALID_API_KEY',
    ],
    [
      'no HASH-SIGNATURE',
      { 'API-KEY': SAMPLE_API_KEY },
      'Missing HASH-SIGNATURE header.',
      'MISSING_REQUIRED_PARAMETER',
    ],
    [
      'a wrong signature',
      { 'API-KEY': SAMPLE_API_KEY, 'HASH-SIGNATURE': '0'.repeat(64) },
      'Failed to verify provided authentication details.',
      'INVALID_TOKEN_OR_SIGNATURE',
    ],
    [
      'an uppercase signature',
      { 'API-KEY': SAMPLE_API_KEY, 'HASH-SIGNATURE': sign(body, SAMPLE_SECRET).toUpperCase() },
      'Failed to verify provided authentication details.',
      'INVALID_TOKEN_OR_SIGNATURE',
    ],
    [
      'multipart without Room-Id',
      {
        'API-KEY': SAMPLE_API_KEY,
        'HASH-SIGNATURE': 'x',
        'Content-Type': 'multipart/form-data; boundary=b',
      },
      'Missing Room-Id header for multipart request.',
      'MISSING_REQUIRED_PARAMETER',
    ],
  ])('refuses %s with 401 and the exact body', async (_name, headers, msg, code) => {
    const res = await post(url(), body, headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect(res.text).toBe(`{"status":false,"msg":${JSON.stringify(msg)},"status_code":"${code}"}`);
    expect(server.lastRequest?.auth).toMatchObject({ ok: false, msg, statusCode: code });
  });

  it('checks the API key before the signature is even present', async () => {
    const res = await post(url(), body, { 'API-KEY': 'wrong' });
    expect((res.json as { status_code: string }).status_code).toBe('INVALID_API_KEY');
  });

  it('accepts the lowercase hex MAC of the exact body, with any header-name case', async () => {
    const res = await post(url(), body, {
      'api-key': SAMPLE_API_KEY,
      'Hash-Signature': sign(body, SAMPLE_SECRET),
    });
    expect(res.status).toBe(200);
    expect(server.lastRequest?.auth).toMatchObject({ ok: true, mode: 'body' });
  });

  it('refuses a body re-serialized after signing', async () => {
    const res = await post(url(), '{"room_id": "room01"}', {
      'API-KEY': SAMPLE_API_KEY,
      'HASH-SIGNATURE': sign(body, SAMPLE_SECRET),
    });
    expect(res.status).toBe(401);
  });

  it('signs the Room-Id header in multipart mode, not the body', async () => {
    const form = new FormData();
    form.set('document_link', 'https://example.com/a.pdf');
    const response = await fetch(`${server.url}/auth/room/uploadWhiteboardFile`, {
      method: 'POST',
      body: form,
      headers: {
        'API-KEY': SAMPLE_API_KEY,
        'HASH-SIGNATURE': sign('room01', SAMPLE_SECRET),
        'Room-Id': 'room01',
      },
    });
    await response.arrayBuffer();
    expect(response.status).not.toBe(401);
    const verdict = server.lastRequest?.auth;
    expect(verdict?.ok).toBe(true);
    expect(verdict?.mode).toBe('room-id');
    expect(verdict?.expectedSignature).toBe(
      'aef1a8b4b83362eff743c6a33d8767c80530ce9043e54659ed1042cb19a58709',
    );
  });

  it('runs auth on every /auth path, even unknown ones and the bare group', async () => {
    for (const path of ['/auth', '/auth/nope']) {
      const res = await post(`${server.url}${path}`, '{}', {});
      expect(res.status).toBe(401);
    }
    const signed = await post(`${server.url}/auth/nope`, '{}', {
      'API-KEY': SAMPLE_API_KEY,
      'HASH-SIGNATURE': sign('{}', SAMPLE_SECRET),
    });
    expect([signed.status, signed.text]).toEqual([404, 'not found']);
  });

  it('answers 404 "not found" outside /auth, and Healthy on /healthCheck', async () => {
    const missing = await fetch(`${server.url}/nothing`);
    expect([missing.status, await missing.text()]).toEqual([404, 'not found']);
    const health = await fetch(`${server.url}/healthCheck`);
    expect([health.status, await health.text()]).toEqual([200, 'Healthy']);
  });

  it('only routes POST under /auth', async () => {
    const response = await fetch(url(), {
      method: 'PUT',
      body,
      headers: { 'API-KEY': SAMPLE_API_KEY, 'HASH-SIGNATURE': sign(body, SAMPLE_SECRET) },
    });
    expect([response.status, await response.text()]).toEqual([404, 'not found']);
  });
});
