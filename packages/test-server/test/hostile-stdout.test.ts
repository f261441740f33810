import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { boundedLineWriter, type QueuedSink } from '../src/cli/line-writer.js';
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

/** A sink whose reader is stuck: everything written stays queued until `drain()`. */
function stuckSink() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const written: string[] = [];
  let queued = 0;
  const sink: QueuedSink = {
    write(text) {
      written.push(text);
      queued += text.length;
      return false;
    },
    get writableLength() {
      return queued;
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return sink;
    },
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  return {
    sink,
    written,
    drain() {
      queued = 0;
      emit('drain');
    },
    break: () => emit('error', new Error('EPIPE')),
  };
}

describe('the bounded line writer', () => {
  it('drops log lines past the bound, counts them and says so once the reader catches up', () => {
    const stuck = stuckSink();
    const out = boundedLineWriter(stuck.sink, 100);
    out.keep('{"type":"listening"}\n');
    for (let i = 0; i < 10; i++)
      out.log(`${JSON.stringify({ type: 'request', pad: 'x'.repeat(60) })}\n`);
    expect(stuck.written).toHaveLength(2); // listening, then one line while under the bound
    expect(out.dropped).toBe(9);
    stuck.drain();
    expect(JSON.parse(stuck.written.at(-1) as string)).toEqual({
      type: 'dropped',
      lines: 9,
      reason: 'stdout was not read',
    });
    out.keep('{"type":"stopped"}\n');
    expect(stuck.written.at(-1)).toBe('{"type":"stopped"}\n');
  });

  it('writes the pending notice before a line that must be kept', () => {
    const stuck = stuckSink();
    const out = boundedLineWriter(stuck.sink, 0);
    out.log('a\n');
    out.log('b\n');
    out.keep('{"type":"stopped"}\n');
    expect(stuck.written.slice(-2)).toEqual([
      `${JSON.stringify({ type: 'dropped', lines: 1, reason: 'stdout was not read' })}\n`,
      '{"type":"stopped"}\n',
    ]);
  });

  it('stops writing once the pipe broke, without throwing', () => {
    const stuck = stuckSink();
    const out = boundedLineWriter(stuck.sink, 1000);
    stuck.break();
    out.log('a\n');
    out.keep('b\n');
    expect(stuck.written).toEqual([]);
    expect(out.dropped).toBe(1);
  });
});

describe('a harness that stops reading stdout', () => {
  it('50 requests of 10 MiB: memory stays bounded, the server keeps answering, drops are counted', {
    timeout: 300_000,
  }, async (ctx) => {
    requireProcStatus(ctx);
    const server = await startServerProcess([], { pauseAfterListening: true });
    try {
      const pad = 'x'.repeat(10 * 1024 * 1024);
      const body = Buffer.from(`{"room_id":"big","pad":"${pad}"}`);
      const headers = {
        'API-KEY': apiKey,
        'HASH-SIGNATURE': sign(body, secret),
        'Content-Type': 'application/json',
      };
      for (let i = 0; i < 50; i++) {
        const answer = await post(
          `${server.url}/auth/room/isRoomActive`,
          new Uint8Array(body),
          headers,
        );
        expect(answer.status).toBe(200);
      }
      expect(await stillAnswers(server.url)).toMatchObject({ status: 200 });
      expect(peakMemory(server.pid)).toBeLessThan(PEAK_BUDGET_BYTES);

      // Reading again: the lines that fit, one notice for the rest, and the stop.
      server.child.stdout?.resume();
      expect(CLEAN_EXITS).toContain(await stopServerProcess(server));
      const requests = server.lines.filter((l) => l.type === 'request').length;
      const dropped = server.lines
        .filter((l) => l.type === 'dropped')
        .reduce((sum, l) => sum + Number(l.lines), 0);
      expect(dropped).toBeGreaterThan(0);
      expect(requests + dropped).toBe(51);
      expect(server.lines.at(-1)).toEqual({ type: 'stopped', signal: 'SIGTERM' });
    } finally {
      server.child.kill('SIGKILL'); // a no-op once it exited
    }
  });
});
