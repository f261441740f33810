/**
 * Issue 18, items 5, 6, 7 and 9: a protocol v2 adapter that makes real calls against the
 * runner's emulator, each with one hostile twist (test/fixtures/hostile/sdk-v2.mjs, which
 * makes its data at run time). Whatever it sends or answers, the run ends with the
 * documented exit code, in bounded time and memory, with every report written and bounded,
 * a readable terminal, and nothing left running.
 */
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { startTestServer } from '@plugnmeet-signing/test-server';
import { describe, expect, test } from 'vitest';
import {
  expectBoundedReports,
  expectNoSurvivors,
  impl,
  longestLine,
  PEAK_BOUND_BYTES,
  quick,
  reportArgs,
  runCliMeasured,
  trackedWorkDirs,
} from './hostile-helpers.js';

const work = trackedWorkDirs();
/** Every report of these runs stays under this (a normal one of 162 calls is about 100 KB). */
const REPORT_BOUND = 1_000_000;
/** The longest terminal line allowed: a finding's text, cut (SHOWN_CHARS), and its label. */
const LINE_BOUND = 1_200;

async function runSdk(mode: string, boundMs = 120_000) {
  const w = work();
  const result = await runCliMeasured(
    ['--impl', impl('sdk-v2', w.pids, mode), ...quick(w.expectations), ...reportArgs(w.dir)],
    boundMs,
    w.dir,
  );
  expect(result.elapsedMs).toBeLessThan(boundMs);
  expect(longestLine(result.stdout)).toBeLessThan(LINE_BOUND);
  await expectNoSurvivors(w.pids);
  return { w, result, reports: expectBoundedReports(w.dir, REPORT_BOUND) };
}

describe('a protocol v2 adapter', () => {
  test('whose bodies are valid JSON and 2 MiB of padding passes, and the reports keep no passing bytes', async () => {
    const { result, reports } = await runSdk(`pad=${2 * 1024 * 1024}`);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    expect(reports.json.summary.ok).toBe(true);
    expect(reports.json.results.filter((r) => r.group === 'calls').length).toBeGreaterThanOrEqual(
      138,
    );
    expect(reports.json.results.filter((r) => r.minimal !== undefined)).toEqual([]);
  });

  test('that sends every call twice fails every call at the request level', async () => {
    const { result, reports } = await runSdk('twice');
    expect(result.exitCode).toBe(1);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    const calls = reports.json.results.filter((r) => r.group === 'calls');
    expect(calls.length).toBeGreaterThanOrEqual(138);
    for (const cell of calls) {
      expect(cell).toMatchObject({ outcome: 'fail', cause: 'repeated-request' });
      // the scenario and what preceded the repeat: a blind double send after a success
      // reads differently from a retry after a failure
      expect(cell.detail).toMatch(
        /^scenario [\w-]+: the request reached the emulator 2 times; exactly one must \((sent again although the server had answered after a 2\d\d|retried after (a \d{3}( held back \d+ ms)?|the connection closed))\)$/,
      );
    }
    expect(result.stdout).toContain('repeated-request');
    const details = calls.map((cell) => cell.detail).join('\n');
    expect(details).toContain('sent again although the server had answered after a 200');
    expect(details).toMatch(/retried after a 5\d\d\)/);
    expect(details).toContain('retried after the connection closed');
  });

  test('that answers a number of 999,000 digits as status_code is shown cut, with its length', async () => {
    const { result, reports } = await runSdk('huge-number');
    expect(result.exitCode).toBe(1);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    const lost = reports.json.results.filter((r) => r.cause === 'lost-values');
    expect(lost.length).toBeGreaterThan(0);
    for (const cell of lost) expect(cell.detail).toContain('… (999000 characters)');
  });

  test('that accepts a delivery with a 1 MB event and refuses one with a 900 KB reason is shown cut', async () => {
    const { result, reports } = await runSdk('big-webhook');
    expect(result.exitCode).toBe(1);
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
    const webhooks = reports.json.results.filter((r) => r.group === 'webhooks');
    expect(webhooks.length).toBeGreaterThan(0);
    const lost = webhooks.filter((r) => r.cause === 'lost-values');
    expect(lost.length).toBeGreaterThan(0);
    for (const cell of lost) expect(cell.detail).toContain('… (999000 characters)');
    const refused = webhooks.filter(
      (r) => r.cause === 'rejected-genuine' || r.actual.startsWith('invalid'),
    );
    expect(refused.length).toBeGreaterThan(0);
    for (const cell of refused) expect(cell.actual).toMatch(/… \(\d+ characters in all\)$/);
  });

  // The runner's peak with a bomb is the emulator's inflation (the emulator runs in the
  // runner's process): bounded once the emulator limits what it inflates (issue 18, its
  // emulator part). The runner's own part, what it stores and prints, is checked either way.
  test('that sends a gzip bomb to the emulator: its body is shown cut, with its size', async (context) => {
    const limited = await emulatorLimitsInflation();
    const { result, reports } = await runSdk('gzip-bomb', 180_000);
    expect(result.exitCode).toBe(1);
    const finding = reports.json.findings.find((f) => (f.minimal.body.size ?? 0) > 1_000_000);
    expect(finding, 'a finding shows the bomb, cut').toBeDefined();
    expect(result.stdout).toMatch(/hex 1f8b[0-9a-f]+… \(\d{7,} bytes\)/);
    if (!limited) {
      const why =
        'the emulator inflates a body without an output limit (issue 18, emulator part): peak not checked';
      if (process.env.CI === 'true') throw new Error(why);
      context.skip(why);
    }
    expect(result.peakBytes).toBeLessThan(PEAK_BOUND_BYTES);
  });
});

/** Whether the emulator stops inflating at its body limit (a small probe). */
async function emulatorLimitsInflation(): Promise<boolean> {
  const limit = 1024 * 1024;
  const server = await startTestServer({ apiKey: 'k', secret: 's', bodyLimitBytes: limit });
  try {
    const inflated = Buffer.alloc(limit * 8, 0x20);
    const body = gzipSync(Buffer.concat([Buffer.from('{}'), inflated]));
    const response = await fetch(`${server.url}/auth/room/isRoomActive`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'API-KEY': 'k',
        'HASH-SIGNATURE': createHmac('sha256', 's')
          .update(Buffer.concat([Buffer.from('{}'), inflated]))
          .digest('hex'),
      },
      body,
    });
    await response.arrayBuffer();
    // Signed over the inflated bytes: without a limit they verify; with one, the server (as
    // Fiber does) signs its error text instead and refuses with 401.
    return response.status === 401;
  } finally {
    await server.close();
  }
}
