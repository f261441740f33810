import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../src/server.js';
import { deliverWebhook } from '../src/webhooks/deliver.js';
import { post, sign } from './helpers.js';
import {
  apiKey,
  CLEAN_EXITS,
  PEAK_BUDGET_BYTES,
  peakMemory,
  requireProcStatus,
  secret,
  startServerProcess,
  stillAnswers,
  stopServerProcess,
} from './server-process.js';

/** Receivers that misbehave: one never answers, one streams an answer that never ends. */
async function hostileReceivers() {
  const open = new Set<ServerResponse>();
  let endlessClosed = false;
  let endlessBytes = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server: Server = createServer((request, response) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    if (request.url === '/never') return; // read nothing, answer nothing
    response.writeHead(200, { 'content-type': 'text/plain' });
    const pump = () => {
      while (!response.destroyed && response.write(chunk)) endlessBytes += chunk.length;
      if (!response.destroyed) response.once('drain', pump);
    };
    response.on('close', () => {
      endlessClosed = true;
    });
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    never: `${base}/never`,
    endless: `${base}/endless`,
    endlessClosed: () => endlessClosed,
    endlessBytes: () => endlessBytes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.close(() => resolve());
      }),
  };
}

const signed = (body: string) => ({
  'API-KEY': apiKey,
  'HASH-SIGNATURE': sign(body, secret),
  'Content-Type': 'application/json',
});

describe('webhook deliveries are bounded in time and in what they read', () => {
  let receivers: Awaited<ReturnType<typeof hostileReceivers>>;
  beforeAll(async () => {
    receivers = await hostileReceivers();
  });
  afterAll(() => receivers.close());

  const signing = { apiKey, secret, spaceAfterComma: false };
  const event = { event: 'room_created', room: { room_id: 'r1' } };

  it('gives up on a receiver that never answers after its timeout', {
    timeout: 30_000,
  }, async () => {
    const delivery = await deliverWebhook(receivers.never, event, signing, { timeoutMs: 300 });
    expect(delivery).toMatchObject({ status: 0, error: 'timed out after 300 ms' });
  });

  it('reads a bounded part of an endless answer and cancels the rest', {
    timeout: 30_000,
  }, async () => {
    const delivery = await deliverWebhook(receivers.endless, event, signing, { timeoutMs: 20_000 });
    expect(delivery.status).toBe(200);
    expect(delivery.error).toBeUndefined();
    await expect.poll(receivers.endlessClosed, { timeout: 10_000 }).toBe(true);
  });

  it('close() cancels a delivery in flight and reports it', { timeout: 30_000 }, async () => {
    const server = await startTestServer({ apiKey, secret, webhookUrls: [receivers.never] });
    const sent = server.sendWebhook(event);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.close();
    const [delivery] = await sent;
    expect(delivery).toMatchObject({ status: 0, error: 'cancelled: the server stopped' });
    expect(server.webhooks).toHaveLength(1);
  });
});

describe('the bin with --webhook at hostile receivers', () => {
  it('keeps serving, bounds memory, and stops within its grace on SIGTERM', {
    timeout: 60_000,
  }, async (ctx) => {
    requireProcStatus(ctx);
    const receivers = await hostileReceivers();
    const server = await startServerProcess([
      '--webhook',
      receivers.never,
      '--webhook',
      receivers.endless,
    ]);
    try {
      const body = '{"room_id":"hooked","metadata":{"room_title":"T","room_features":{}}}';
      const created = await post(`${server.url}/auth/room/create`, body, signed(body));
      expect(created.json).toMatchObject({ status: true });
      const endless = await server.waitFor(
        (l) => l.type === 'webhook' && l.url === receivers.endless,
      );
      expect(endless.status).toBe(200);
      await expect.poll(receivers.endlessClosed, { timeout: 10_000 }).toBe(true);
      expect(await stillAnswers(server.url)).toMatchObject({ status: 200 });
      expect(peakMemory(server.pid)).toBeLessThan(PEAK_BUDGET_BYTES);

      // The delivery to the silent receiver is still in flight: the stop cancels it.
      expect(CLEAN_EXITS).toContain(await stopServerProcess(server));
      const never = server.lines.find((l) => l.type === 'webhook' && l.url === receivers.never);
      expect(never).toMatchObject({ status: 0, error: 'cancelled: the server stopped' });
      expect(server.lines.at(-1)).toEqual({ type: 'stopped', signal: 'SIGTERM' });
    } finally {
      server.child.kill('SIGKILL'); // a no-op once it exited
      await receivers.close();
    }
  });
});
