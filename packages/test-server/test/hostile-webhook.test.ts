import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOP_GRACE_MS } from '../src/cli/main.js';
import { TestServerError } from '../src/errors.js';
import { startTestServer } from '../src/server.js';
import { deliverWebhook, WEBHOOK_ANSWER_READ_BYTES } from '../src/webhooks/deliver.js';
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

/**
 * A generous bound on what an endless answer gets to send before the delivery stops reading:
 * 64 KiB read, plus what the kernel's socket buffers on both ends take without being read.
 */
const ENDLESS_BYTES_BOUND = 8 * 1024 * 1024;

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
    // What left this side of the socket, counted by the kernel's acceptance (bytesWritten),
    // not by write() calls: the delivery's reader stopped whatever the client buffered.
    const socket = request.socket;
    socket.on('close', () => {
      endlessBytes += socket.bytesWritten;
    });
    response.writeHead(200, { 'content-type': 'text/plain' });
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
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
    // Near the 64 KiB read limit (socket buffers on both sides add some): not the ~20 s of
    // an endless answer that an unbounded read would have taken in before its timeout.
    expect(receivers.endlessBytes()).toBeGreaterThan(WEBHOOK_ANSWER_READ_BYTES);
    expect(receivers.endlessBytes()).toBeLessThan(ENDLESS_BYTES_BOUND);
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

describe('a webhook timeout is a whole number of milliseconds from 1 to 2^31 - 1', () => {
  const bad: unknown[] = [
    -1,
    0,
    Number.NaN,
    1.5,
    1e12,
    2 ** 31,
    Number.POSITIVE_INFINITY,
    'abc',
    '2000',
  ];
  const expected = {
    code: 'USAGE',
    message: expect.stringContaining('an integer number of milliseconds from 1 to 2147483647'),
  };

  it.each(bad)('startTestServer refuses webhookTimeoutMs %s at start, coded', async (value) => {
    const started = startTestServer({ apiKey, secret, webhookTimeoutMs: value as number });
    await expect(started).rejects.toBeInstanceOf(TestServerError);
    await expect(started).rejects.toMatchObject(expected);
  });

  it.each(bad)('deliverWebhook refuses timeoutMs %s before sending, coded', async (value) => {
    const signing = { apiKey, secret, spaceAfterComma: false };
    const event = { event: 'room_created', room: { room_id: 'r1' } };
    const sent = deliverWebhook('http://127.0.0.1:9/unused', event, signing, {
      timeoutMs: value as number,
    });
    await expect(sent).rejects.toBeInstanceOf(TestServerError);
    await expect(sent).rejects.toMatchObject(expected);
  });

  it.each([1, 2 ** 31 - 1])('takes %s', async (timeoutMs) => {
    const server = await startTestServer({ apiKey, secret, webhookTimeoutMs: timeoutMs });
    await server.close();
    expect(server.webhookUrls).toEqual([]);
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

      expect(receivers.endlessBytes()).toBeGreaterThan(WEBHOOK_ANSWER_READ_BYTES);
      expect(receivers.endlessBytes()).toBeLessThan(ENDLESS_BYTES_BOUND);

      // The delivery to the silent receiver is still in flight: the stop cancels it after the
      // grace. A did-not-hang bound (grace + 1 s), not a performance figure.
      const began = performance.now();
      expect(CLEAN_EXITS).toContain(await stopServerProcess(server));
      expect(performance.now() - began).toBeLessThan(STOP_GRACE_MS + 1000);
      const never = server.lines.find((l) => l.type === 'webhook' && l.url === receivers.never);
      expect(never).toMatchObject({ status: 0, error: 'cancelled: the server stopped' });
      expect(server.lines.at(-1)).toEqual({ type: 'stopped', signal: 'SIGTERM' });
    } finally {
      server.child.kill('SIGKILL'); // a no-op once it exited
      await receivers.close();
    }
  });
});
