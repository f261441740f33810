import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { startTestServer } from '@plugnmeet-signing/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlugNmeet } from '../src/index.js';
import { verifyWebhook } from '../src/webhooks/index.js';
import { roomRequest, runtime } from './helpers.js';

// The emulator's deliveries, checked by this package's own verifier at a real receiver.
// 32+ byte secret: the upstream verifier (go-jose) refuses shorter HS256 keys (§7.3).
const apiKey = 'hook-key';
const apiSecret = 'hook-secret-0123456789abcdefghijklmnopqrstuvwxyz';

interface Received {
  verdict: 'accepted' | string;
  event?: unknown;
  headers: Record<string, string | string[] | undefined>;
}
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
const waiters: (() => void)[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
      ) as Record<string, string>;
      try {
        const event = await verifyWebhook({ apiKey, apiSecret }, body, headers);
        received.push({ verdict: 'accepted', event, headers: request.headers });
        response.writeHead(200, { connection: 'close' }).end();
      } catch (error) {
        received.push({ verdict: String(error), headers: request.headers });
        response.writeHead(401, { connection: 'close' }).end();
      }
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  if (address === null || typeof address === 'string') throw new Error('no receiver address');
  receiverUrl = `http://127.0.0.1:${address.port}/hook`;
});
// Keep-alive sockets would hold close() open (Deno's server waits for them).
afterAll(
  () =>
    new Promise<void>((resolve) => {
      receiver.close(() => resolve());
      receiver.closeAllConnections?.();
    }),
);

async function nextDelivery(count: number): Promise<Received> {
  while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  return received[count - 1] as Received;
}

describe(`webhook deliveries the client's verifier accepts, on ${runtime}`, () => {
  it('from the suite API: a room_created delivery on room/create, and sendWebhook', async () => {
    const server = await startTestServer({ apiKey, secret: apiSecret, webhookUrls: [receiverUrl] });
    try {
      const client = new PlugNmeet({ serverUrl: server.url, apiKey, apiSecret });
      const before = received.length;
      await client.createRoom(roomRequest('hooked'));
      const created = await nextDelivery(before + 1);
      expect(created.verdict).toBe('accepted');
      expect(created.event).toMatchObject({ event: 'room_created', room: { room_id: 'hooked' } });
      expect(created.headers.authorization).toBe(created.headers['hash-token']);
      const [sent] = await server.sendWebhook({ event: 'ARTIFACT_CREATED', id: 'ev-1' });
      expect(sent?.status).toBe(200);
      expect(await nextDelivery(before + 2)).toMatchObject({
        verdict: 'accepted',
        event: { event: 'artifact_created', id: 'ev-1' },
      });
    } finally {
      await server.close();
    }
  });

  it('from pnm-test-server --webhook URL', async () => {
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve('@plugnmeet-signing/test-server/package.json'));
    const child = spawn(
      'node',
      [
        join(pkg, 'bin', 'pnm-test-server.js'),
        '--port',
        '0',
        '--api-key',
        apiKey,
        '--secret',
        apiSecret,
        '--webhook',
        receiverUrl,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines: Record<string, unknown>[] = [];
    const wakeLines: (() => void)[] = [];
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of wakeLines.splice(0)) wake();
    });
    const lineOf = async (type: string) => {
      for (;;) {
        const found = lines.find((l) => l.type === type);
        if (found) return found;
        await new Promise<void>((resolve) => wakeLines.push(resolve));
      }
    };
    try {
      const url = String((await lineOf('listening')).url);
      const before = received.length;
      await new PlugNmeet({ serverUrl: url, apiKey, apiSecret }).createRoom(
        roomRequest('bin-hook'),
      );
      const delivery = await nextDelivery(before + 1);
      expect(delivery.verdict).toBe('accepted');
      expect(delivery.event).toMatchObject({
        event: 'room_created',
        room: { room_id: 'bin-hook' },
      });
      expect(await lineOf('webhook')).toMatchObject({ url: receiverUrl, status: 200 });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
