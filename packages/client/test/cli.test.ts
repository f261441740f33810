import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '@plugnmeet-signing/test-server';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../src/index.js';
import { runtime } from './helpers.js';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

// The built CLI runs on the runtime under test: node, `deno run -A` or bun.
const launch: Record<string, [string, string[]]> = {
  node: ['node', []],
  deno: [join(root, 'node_modules/.bin/deno'), ['run', '-A']],
  bun: [join(root, 'node_modules/.bin/bun'), []],
};

let server: TestServer;
beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`build the client first: ${cli} is missing`);
  server = await startTestServer();
});
afterAll(() => server.close());

function pnm(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string } = {},
) {
  const [command, prefix] = launch[runtime] ?? (launch.node as [string, string[]]);
  return execa(command, [...prefix, cli, ...args], {
    reject: false,
    input: options.input ?? '',
    env: {
      PLUGNMEET_URL: server.url,
      PLUGNMEET_API_KEY: server.apiKey,
      PLUGNMEET_API_SECRET: server.secret,
      NO_COLOR: '1',
      ...options.env,
    },
    extendEnv: true,
    timeout: 20_000,
  });
}

describe(`pnm on ${runtime}`, () => {
  it('prints help, version and the endpoint list', async () => {
    const help = await pnm(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('PLUGNMEET_API_SECRET');
    const list = await pnm(['--list']);
    for (const [name, info] of Object.entries(ENDPOINTS)) {
      expect(list.stdout).toContain(name);
      expect(list.stdout).toContain(`/auth/${info.path}`);
    }
    expect((await pnm(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('calls an endpoint with a JSON argument and prints the response', async () => {
    server.clear();
    const result = await pnm(['isRoomActive', '{"room_id":"cli-room"}']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: true, is_active: false });
    expect(server.lastRequest).toMatchObject({
      path: '/auth/room/isRoomActive',
      text: '{"room_id":"cli-room"}',
    });
    expect(server.lastRequest?.auth?.ok).toBe(true);
  });

  it('sends stdin exactly as given, CRLF and spaces included, and signs those bytes', async () => {
    server.clear();
    const input = '{ "room_id" :\r\n  "cli-room" }\n';
    const result = await pnm(['/auth/room/isRoomActive'], { input });
    expect(result.exitCode).toBe(0);
    expect(server.lastRequest?.text).toBe(input);
    expect(server.lastRequest?.auth?.ok).toBe(true);
  });

  it('--verbose shows the exact bytes sent and the signature, never the secret', async () => {
    server.clear();
    const body = '{"room_id":"room01"}';
    const result = await pnm(['room/isRoomActive', body, '--verbose']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`\n${body}\n> end of body`);
    expect(result.stderr).toContain(
      '> HASH-SIGNATURE: 4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
    );
    expect(result.stderr).toContain(
      '> signature: 4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
    );
    expect(result.stderr).not.toContain(server.secret);
    const auth = server.lastRequest?.auth;
    expect(auth?.ok && auth.expectedSignature).toBe(
      '4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5',
    );
  });

  it('exit 1 with the response on status:false', async () => {
    const result = await pnm(['endRoom', '{"room_id":"nope"}']);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: false,
      status_code: 'ROOM_NOT_FOUND',
    });
    expect(result.stderr).toContain('room not found or not active (ROOM_NOT_FOUND, HTTP 200)');
  });

  it('list calls that find nothing print the answer and exit 0; body-less calls never read stdin', async () => {
    const list = await pnm(['fetchRecordings', '{"room_ids":["nothing-here"]}']);
    expect(list.exitCode).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ status: false, status_code: 'NOT_FOUND' });
    const rooms = await pnm(['/auth/room/getActiveRoomsInfo'], { input: 'ignored' });
    expect(rooms.exitCode).toBe(0);
    expect(server.lastRequest?.text).toBe('{}');
  });

  it('exit 2 for bad JSON, unknown options and missing credentials, sending nothing', async () => {
    server.clear();
    const bad = await pnm(['isRoomActive', '{room_id:1}']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('not valid JSON');
    expect((await pnm(['isRoomActive', '--nope'])).exitCode).toBe(2);
    const missing = await pnm(['isRoomActive', '{}'], {
      env: { PLUGNMEET_API_SECRET: '', PLUGNMEET_URL: '' },
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('PLUGNMEET_URL (or --url), PLUGNMEET_API_SECRET');
    expect(server.requests).toHaveLength(0);
  });

  it('exit 3 with the server message on 401', async () => {
    const result = await pnm(['isRoomActive', '{"room_id":"r"}'], {
      env: { PLUGNMEET_API_SECRET: 'wrong' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(
      'Failed to verify provided authentication details. (INVALID_TOKEN_OR_SIGNATURE)',
    );
  });

  it('exit 4 for a response that is not plugNmeet JSON (unknown path)', async () => {
    const result = await pnm(['room/noSuchThing', '{}']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('HTTP 404');
  });

  it('exit 5 when the server is unreachable, 6 on timeout', async () => {
    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    expect((await pnm(['getClientFiles'], { env: { PLUGNMEET_URL: url } })).exitCode).toBe(5);
    server.enqueue('*', { delayMs: 1500, json: { status: true } });
    expect((await pnm(['getClientFiles', '--timeout', '200'])).exitCode).toBe(6);
  });

  it('uploads a whiteboard file or link', async () => {
    await pnm([
      'createRoom',
      '{"room_id":"cli-wb","metadata":{"room_title":"T","room_features":{}}}',
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'pnm-'));
    const file = join(dir, 'slides.pdf');
    await writeFile(file, '%PDF-1.4\n');
    server.clear();
    const upload = await pnm(['uploadWhiteboardFile', '--room-id', 'cli-wb', '--file', file, '-v']);
    expect(upload.exitCode).toBe(0);
    expect(upload.stderr).toContain('the signature covers the Room-Id header value only');
    // By path, not lastRequest: the previous test's delayed answer may be recorded late.
    const sent = server.requests.find((r) => r.path === '/auth/room/uploadWhiteboardFile');
    expect(sent?.auth).toMatchObject({ ok: true, mode: 'room-id' });
    expect(sent?.text).toContain('filename="slides.pdf"');
    const link = await pnm([
      'uploadWhiteboardFile',
      '--room-id=cli-wb',
      '--link',
      'https://example.com/a.pdf',
    ]);
    expect(link.exitCode).toBe(0);
    expect((await pnm(['uploadWhiteboardFile', '--room-id', 'cli-wb'])).exitCode).toBe(2);
  });
});
