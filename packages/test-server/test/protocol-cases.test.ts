import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import {
  AUTH_ROUTES,
  deliverWebhook,
  messageSchema,
  SAMPLE_API_KEY,
  SAMPLE_SECRET,
  startTestServer,
  type TestServer,
} from '../src/index.js';
import { post, sign } from './helpers.js';
import { hasGo, runUpstream } from './upstream-go.js';

// One valid body per route that reads one (inputs, not shapes: the shapes are the
// upstream's), and whether the request message has a required field.
const valid: Record<string, [body: Record<string, unknown>, hasRequired: boolean]> = {
  'room/create': [{ room_id: 'r1', metadata: { room_title: 'T', room_features: {} } }, true],
  'room/getJoinToken': [{ room_id: 'r1', user_info: { name: 'Ana', user_id: 'ana' } }, true],
  'room/isRoomActive': [{ room_id: 'r1' }, true],
  'room/getActiveRoomInfo': [{ room_id: 'r1' }, true],
  'room/broadcastToRoom': [{ room_id: 'r1', chat_msg: { message: 'hi' } }, true],
  'room/endRoom': [{ room_id: 'r1' }, true],
  'room/fetchPastRooms': [{ room_ids: ['r1'], limit: 5 }, false],
  'recording/fetch': [{ room_ids: ['seeded-room'] }, false],
  'recording/info': [{ record_id: 'RM_seed01-1755684001' }, true],
  'recording/recordingInfo': [{ record_id: 'RM_seed01-1755684001' }, true],
  'recording/updateMetadata': [
    { record_id: 'RM_seed01-1755684001', metadata: { title: 'x' } },
    true,
  ],
  'recording/mergeRecordings': [
    {
      by_ids: {
        room_id: 'seeded-room',
        recording_ids: ['RM_seed01-1755684001', 'RM_seed01-1755684002'],
      },
    },
    true,
  ],
  'recording/getDownloadToken': [{ record_id: 'RM_seed01-1755684001' }, true],
  'recording/delete': [{ record_id: 'RM_nope' }, true],
  'analytics/fetch': [{ room_ids: ['seeded-room'] }, false],
  'analytics/getDownloadToken': [{ file_id: 'AN_seed01' }, true],
  'analytics/delete': [{ file_id: 'AN_nope' }, true],
  'artifact/fetch': [{ limit: 2 }, false],
  'artifact/info': [{ artifact_id: 'AR_summary01' }, true],
  'artifact/getDownloadToken': [{ artifact_id: 'AR_summary01' }, true],
  'artifact/delete': [{ artifact_id: 'AR_nope' }, true],
};

// A value of the wrong JSON type for the first field of the message, from its descriptor.
function wrongType(messageName: string): Record<string, unknown> {
  const field = messageSchema(messageName).fields[0];
  if (!field) throw new Error(`${messageName} has no field`);
  const scalarWrong = field.fieldKind === 'scalar' && field.scalar === 9 ? 5 : 'not-a-value';
  const value =
    field.fieldKind === 'list' || field.fieldKind === 'map'
      ? 'x'
      : field.fieldKind === 'message'
        ? 5
        : scalarWrong;
  return { [field.name]: value };
}

type Kind = 'valid' | 'unknown field' | 'missing required' | 'wrong type';
interface Case {
  path: string;
  kind: Kind;
  body: string;
  expected: { verdict: 'ok' | 'invalid' | 'parse error'; dropped: string[] };
}

const cases: Case[] = [];
for (const route of AUTH_ROUTES) {
  if (!route.request) continue;
  const path = route.path.replace('/auth/', '');
  const entry = valid[path];
  if (!entry) throw new Error(`no valid body for ${path}`);
  const [body, hasRequired] = entry;
  cases.push({
    path,
    kind: 'valid',
    body: JSON.stringify(body),
    expected: { verdict: 'ok', dropped: [] },
  });
  cases.push({
    path,
    kind: 'unknown field',
    body: JSON.stringify({ ...body, x_unknown_field: 1 }),
    expected: { verdict: 'ok', dropped: ['x_unknown_field'] },
  });
  if (hasRequired) {
    cases.push({
      path,
      kind: 'missing required',
      body: '{}',
      expected: { verdict: 'invalid', dropped: [] },
    });
  }
  cases.push({
    path,
    kind: 'wrong type',
    body: JSON.stringify(wrongType(route.request)),
    expected: { verdict: 'parse error', dropped: [] },
  });
}

let server: TestServer;
const seen = new Map<Case, { protocol: unknown; answer: Record<string, unknown>; text: string }>();
beforeAll(async () => {
  server = await startTestServer({ commaSpace: 'random' });
  // A creation time above 2^53 must survive as an exact string.
  const big = server.state.recordings.get('RM_seed01-1755684001');
  if (big) big.creation_time = '9007199254740993';
});
afterAll(() => server.close());

describe('every request case against the upstream definitions', () => {
  it.each(cases.map((c) => [`${c.path}: ${c.kind}`, c] as const))('%s', async (_name, c) => {
    const res = await post(`${server.url}/auth/${c.path}`, c.body, {
      'API-KEY': SAMPLE_API_KEY,
      'HASH-SIGNATURE': sign(c.body, SAMPLE_SECRET),
    });
    expect(res.status).toBe(200);
    const protocol = server.lastRequest?.protocol;
    expect(protocol).toMatchObject({
      verdict: c.expected.verdict,
      dropped_fields: c.expected.dropped,
    });
    const answer = res.json as Record<string, unknown>;
    if (c.expected.verdict !== 'ok') {
      // The server's own answer to a refused body: HTTP 200 CommonResponse, the error as msg.
      expect(answer).toEqual({
        status: false,
        msg: protocol?.error,
        status_code: 'INVALID_PARAMETERS',
      });
    }
    seen.set(c, { protocol, answer, text: res.text });
  });

  it('keeps int64 above 2^53 exact in answers', async () => {
    const body = '{"record_id":"RM_seed01-1755684001"}';
    const res = await post(`${server.url}/auth/recording/info`, body, {
      'API-KEY': SAMPLE_API_KEY,
      'HASH-SIGNATURE': sign(body, SAMPLE_SECRET),
    });
    expect(res.text).toContain('"creation_time":"9007199254740993"');
  });
});

describe('the same cases through the upstream Go module', () => {
  it('parses and validates every request body the same way', { timeout: 600_000 }, async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const inputs = cases.map((c) => ({
      op: 'parse',
      message: AUTH_ROUTES.find((r) => r.path === `/auth/${c.path}`)?.request,
      body: c.body,
    }));
    const upstream = await runUpstream(inputs);
    cases.forEach((c, i) => {
      const ours = seen.get(c)?.protocol as { verdict: string; error?: string } | undefined;
      const theirs = upstream[i] as { verdict: string; error?: string };
      expect([c.path, c.kind, theirs.verdict]).toEqual([c.path, c.kind, ours?.verdict]);
      // Validation messages are protovalidate's own text; parse messages differ in wording.
      if (theirs.verdict === 'invalid') expect(ours?.error).toBe(theirs.error);
    });
  });

  it('decodes every answer strictly into its upstream response message', {
    timeout: 600_000,
  }, async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const inputs = [...seen.entries()].map(([c, { answer, text }]) => {
      const route = AUTH_ROUTES.find((r) => r.path === `/auth/${c.path}`);
      const keys = Object.keys(answer);
      const common = keys.length === 3 && answer.status === false;
      return {
        op: 'decode',
        message: common ? 'plugnmeet.CommonResponse' : route?.response,
        body: text,
      };
    });
    const upstream = await runUpstream(inputs);
    expect(upstream).toHaveLength(inputs.length);
    for (const [i, result] of upstream.entries()) {
      expect([i, result.verdict, result.error]).toEqual([i, 'ok', undefined]);
    }
  });

  it('accepts the emulator webhook deliveries, and they parse like the upstream notifier', {
    timeout: 600_000,
  }, async () => {
    const secret = 'hook-secret-0123456789abcdefghijklmnopqrstuvwxyz';
    const got: { body: string; token: string }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        got.push({
          body: Buffer.concat(chunks).toString('utf8'),
          token: String(request.headers['hash-token']),
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    try {
      const event = {
        event: 'ROOM_CREATED',
        room: { sid: 'RM_1', room_id: 'r1', creation_time: '1755684000' },
        id: 'ev-1',
        created_at: '1755684000',
      };
      const ours = await deliverWebhook(url, event, { apiKey: 'K', secret, spaceAfterComma: true });
      expect(ours.status).toBe(200);
      const [notified] = await runUpstream([
        { op: 'notify', event: JSON.stringify(event), api_key: 'K', secret, url },
      ]);
      expect(notified?.verdict).toBe('ok');
      expect(got).toHaveLength(2);
      const verdicts = await runUpstream(
        got.map((g) => ({ op: 'verify', body: g.body, token: g.token, api_key: 'K', secret })),
      );
      expect(verdicts.map((v) => v.verdict)).toEqual(['ok', 'ok']);
      const decoded = await runUpstream(
        got.map((g) => ({ op: 'decode', message: 'plugnmeet.CommonNotifyEvent', body: g.body })),
      );
      expect(decoded[0]?.normalized).toEqual(decoded[1]?.normalized);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
