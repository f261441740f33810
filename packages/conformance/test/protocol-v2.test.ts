/**
 * Protocol v2 end to end: the Python example makes every call and verifies every webhook
 * right; the deliberately broken copy fails at each level for its own reason; the runner's
 * sample requests and quirky answers are valid under the upstream definitions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTH_ROUTES, answerMessage, parseRequestBody } from '@plugnmeet-signing/test-server';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { CALL_SCENARIOS, LARGE_INT64, runsOn, timeoutFor } from '../src/sdk/call-scenarios.js';
import { sdkCaseIds } from '../src/sdk/run-sdk-cases.js';
import { SAMPLE_REQUESTS } from '../src/sdk/sample-requests.js';
import { cli, emptyExpectations, example, realPython } from './helpers.js';

const brokenV2 = new URL('./fixtures/broken_v2.py', import.meta.url).pathname;
/** Every endpoint × the scenarios that run on it. */
const CALL_CASES = SAMPLE_REQUESTS.flatMap((s) =>
  CALL_SCENARIOS.filter((c) => runsOn(c, s.endpoint)),
).length;
/** Every fixed webhook case: genuine, blanked Authorization, clock skew, forgeries. */
const WEBHOOK_CASES = sdkCaseIds().filter(
  (id) => id.startsWith('webhook-') && id !== 'webhook-property',
).length;
const dir = mkdtempSync(join(tmpdir(), 'pnm-v2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  vector: string;
  tags: string[];
  detail?: string;
  group: string;
  outcome: string;
  cause?: string;
  level?: string;
  judgements?: Array<{ level: string; outcome: string; cause: string; detail: string }>;
}

async function runImpl(
  file: string,
  name: string,
  command = `${realPython()} ${file}`,
  extra: string[] = [],
) {
  const report = join(dir, `${name}.json`);
  const run = await execa(
    process.execPath,
    [
      cli,
      '--impl',
      command,
      '--runs',
      '20',
      '--quiet',
      '--expectations',
      emptyExpectations(dir),
      '--report',
      `json=${report}`,
      // Last, so that they override the defaults above (the last --runs wins).
      ...extra,
    ],
    { reject: false },
  );
  const written = JSON.parse(readFileSync(report, 'utf8')) as {
    results: Result[];
    findings: Array<{ cause: string; vectors: string[] }>;
  };
  return { run, results: written.results, findings: written.findings };
}

describe('protocol v2', () => {
  test('per-case mode runs every call and webhook case too, each in its own process', async () => {
    const worker = await runImpl(example, 'example-worker', undefined, ['--runs', '0']);
    const perCase = await runImpl(example, 'example-per-case', undefined, [
      '--runs',
      '0',
      '--mode',
      'per-case',
    ]);
    expect(perCase.run.exitCode, perCase.run.stdout).toBe(0);
    const cells = (results: Result[]) =>
      results.map((r) => `${r.group} ${r.vector} ${r.outcome}`).sort();
    expect(cells(perCase.results)).toEqual(cells(worker.results));
    const calls = perCase.results.filter(
      (r) => r.group === 'calls' && r.vector !== 'call-property',
    );
    expect(calls.length).toBe(CALL_CASES);
  });

  test('the Python example passes every call scenario and every webhook case', async () => {
    const { run, results } = await runImpl(example, 'example');
    expect(run.exitCode, run.stdout).toBe(0);
    const calls = results.filter((r) => r.group === 'calls' && r.vector !== 'call-property');
    const webhooks = results.filter((r) => r.group === 'webhooks');
    expect(calls).toHaveLength(CALL_CASES);
    expect(webhooks.length).toBeGreaterThan(20);
    expect([...calls, ...webhooks].filter((r) => r.outcome !== 'pass')).toEqual([]);
    // Every id the run produced is one an expectations file may name.
    const ids = new Set(sdkCaseIds());
    for (const r of [...calls, ...webhooks]) expect(ids.has(r.vector), r.vector).toBe(true);
  });

  test('this project’s client passes every call through its typed methods and every webhook', async () => {
    const adapter = new URL('../../../examples/client-js/adapter.mjs', import.meta.url).pathname;
    const { run, results } = await runImpl(adapter, 'client', `${process.execPath} ${adapter}`);
    expect(run.exitCode, run.stdout).toBe(0);
    const sdk = results.filter((r) => r.group === 'calls' || r.group === 'webhooks');
    // Every fixed case, plus one property cell each for calls and webhooks.
    expect(sdk.length).toBe(CALL_CASES + WEBHOOK_CASES + 2);
    expect(sdk.filter((r) => r.outcome !== 'pass')).toEqual([]);
  });

  test('the broken copy fails each level for its own reason', async () => {
    const { run, results } = await runImpl(brokenV2, 'broken');
    expect(run.exitCode).toBe(1);
    const cause = (id: string) => results.find((r) => r.vector === id)?.cause;
    // Signs a compact body, sends an indented one.
    expect(cause('call-room-create-answer')).toBe('signature-mismatch');
    // Go-style field name the server drops.
    expect(cause('call-room-endRoom-answer')).toBe('dropped-fields');
    // status:false taken for success.
    expect(cause('call-room-isRoomActive-status-false')).toBe('wrong-answer-kind');
    // It hashes a re-serialized body: the forgery made that way gets through, and whether a
    // genuine body survives re-serialization depends on Go's spacing (seeded by --seed),
    // so the same bug shows as refused genuine deliveries or as accepted forgeries.
    const genuineRefused = results.some(
      (r) => r.tags.includes('webhook-genuine') && r.cause === 'rejected-genuine',
    );
    const forgeryAccepted = cause('webhook-forged-reserialized-body') === 'accepted-forgery';
    expect({ genuineRefused, forgeryAccepted }).not.toEqual({
      genuineRefused: false,
      forgeryAccepted: false,
    });
    // The property search finds the signing bug on a generated request and shrinks it.
    const property = results.find((r) => r.vector === 'call-property') as Result & {
      detail: string;
    };
    expect(property.cause).toBe('signature-mismatch');
    expect(property.detail).toMatch(/minimal: \["room\/create",/);
    // What it does right stays green.
    expect(results.find((r) => r.vector === 'webhook-forged-expired')?.outcome).toBe('pass');
    expect(results.find((r) => r.vector === 'call-room-isRoomActive-answer')?.outcome).toBe('pass');
  });

  test('a case with two independent bugs reports both, each at its level, in one run', async () => {
    const { results, findings } = await runImpl(brokenV2, 'broken-twice', undefined, [
      '--runs',
      '0',
    ]);
    // room/create answered status:false at HTTP 200: the copy signs a compact body and sends
    // an indented one (bug 2, the request), and takes status:false for success (bug 5, the
    // answer). The real server would answer 401; the emulator serves the scenario's answer
    // anyway, so the answer handling is judged too.
    const id = 'call-room-create-status-false';
    const both = results.find((r) => r.vector === id);
    expect(both).toMatchObject({ outcome: 'fail', level: 'request', cause: 'signature-mismatch' });
    expect(both?.judgements?.map((j) => [j.level, j.cause])).toEqual([
      ['request', 'signature-mismatch'],
      ['answer', 'wrong-answer-kind'],
    ]);
    expect(both?.judgements?.[1]?.detail).toMatch(/would have refused this request with 401/);
    // Each is its own finding, and the case counts once.
    const showing = (cause: string) =>
      findings.find((f) => f.cause === cause && f.vectors.includes(id));
    expect(showing('signature-mismatch')).toBeDefined();
    expect(showing('wrong-answer-kind')).toBeDefined();
    expect(results.filter((r) => r.vector === id)).toHaveLength(1);
    // Where only the request is wrong, the answer level passes: one finding, no list.
    const answer = results.find((r) => r.vector === 'call-room-create-answer');
    expect(answer).toMatchObject({ outcome: 'fail', cause: 'signature-mismatch' });
    expect(answer?.judgements).toBeUndefined();
  });

  test('every sample request parses under the upstream definitions with nothing dropped', () => {
    for (const sample of SAMPLE_REQUESTS) {
      const route = AUTH_ROUTES.find((r) => r.path === `/auth/${sample.endpoint}`);
      expect(route, sample.endpoint).toBeDefined();
      if (!route?.request) continue;
      const { verdict } = parseRequestBody(route.request, JSON.stringify(sample.request));
      expect(verdict, sample.endpoint).toMatchObject({ verdict: 'ok', dropped_fields: [] });
    }
    const covered = new Set(SAMPLE_REQUESTS.map((s) => `/auth/${s.endpoint}`));
    expect(AUTH_ROUTES.filter((r) => !covered.has(r.path)).map((r) => r.path)).toEqual([
      '/auth/room/uploadWhiteboardFile',
    ]);
  });

  test('every scripted answer is a valid upstream response message, int64s above 2^53 included', () => {
    let withLargeInt = 0;
    for (const route of AUTH_ROUTES) {
      for (const scenario of CALL_SCENARIOS) {
        const script = scenario.script?.(route, timeoutFor(scenario));
        if (!script?.message) continue;
        const json = answerMessage(script.message, script.json);
        if (JSON.stringify(json).includes(`"${LARGE_INT64}"`)) withLargeInt++;
      }
    }
    expect(withLargeInt).toBeGreaterThan(5);
  });
});

/**
 * The failures real SDKs trip on, each scenario against the Python example with one fault
 * (test/fixtures/sdk_faults.py): exactly that scenario's cases fail, for its reason.
 */
describe('the failures real SDKs trip on', () => {
  const faults = new URL('./fixtures/sdk_faults.py', import.meta.url).pathname;
  test.each<[string, RegExp, string, number]>([
    ['ignore-timeout', /^call-room-isRoomActive-timeout$/, 'wrong-answer-kind', 1],
    ['html-200-as-success', /^call-.*-html-200$/, 'wrong-answer-kind', SAMPLE_REQUESTS.length],
    ['no-leeway', /^webhook-clock-(ahead|behind)-45s$/, 'rejected-genuine', 2],
    ['lax-leeway', /^webhook-clock-(ahead|behind)-90s$/, 'accepted-forgery', 2],
    ['authorization-first', /^webhook-room-started-empty-authorization$/, 'rejected-genuine', 1],
    // Not by luck: the forgery's body is picked so that only the padding differs.
    ['lenient-hash-decoding', /^webhook-forged-sha256-base64url-unpadded$/, 'accepted-forgery', 1],
  ])('%s fails exactly its own cases', async (fault, failing, cause, count) => {
    const { run, results } = await runImpl(
      faults,
      `fault-${fault}`,
      `${realPython()} ${faults} ${fault}`,
      ['--runs', '0'],
    );
    expect(run.exitCode, run.stdout).toBe(1);
    const failed = results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'unrepresentable');
    expect(failed.map((r) => r.vector).filter((id) => !failing.test(id))).toEqual([]);
    expect(failed).toHaveLength(count);
    for (const result of failed)
      expect({ id: result.vector, cause: result.cause }).toEqual({ id: result.vector, cause });
  });

  test('the property search draws senders whose clock is off within the leeway, and finds no-leeway', async () => {
    const { results } = await runImpl(
      faults,
      'fault-no-leeway-search',
      `${realPython()} ${faults} no-leeway`,
      ['--runs', '100'],
    );
    const property = results.find((r) => r.vector === 'webhook-property');
    expect(property?.cause).toBe('rejected-genuine');
    expect(property?.detail).toMatch(/ahead \(within the upstream leeway\)/);
  });
});
