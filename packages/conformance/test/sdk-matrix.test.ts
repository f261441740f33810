/**
 * The protocol v2 matrices every renderer formats: endpoint × scenario from the cells'
 * own endpoint and scenario, webhooks and the property cells apart. Spawns nothing.
 */
import { describe, expect, test } from 'vitest';
import type { SdkCaseRef } from '../src/model.js';
import type { Report, ReportResult } from '../src/reports/report.js';
import { renderSdkMatrices, sdkMatrices } from '../src/reports/sdk-matrix.js';
import { CALL_SCENARIOS } from '../src/sdk/call-scenarios.js';
import { sdkCases } from '../src/sdk/run-sdk-cases.js';

const column = {
  id: 'some-sdk/js',
  implementation: 'some-sdk',
  environment: 'js',
  runtimeVersion: 'sdk 1.0',
};
const result = (ref: SdkCaseRef, outcome: ReportResult['outcome']): ReportResult => ({
  implementation: 'some-sdk',
  environment: 'js',
  vector: ref.id,
  group: ref.source === 'call' || ref.id === 'call-property' ? 'calls' : 'webhooks',
  tags: ref.source === 'property' ? ['property'] : [],
  source: ref.source,
  ...(ref.source === 'call' ? { endpoint: ref.endpoint, scenario: ref.scenario } : {}),
  outcome,
  expected: '',
  actual: '',
  detail: '',
});
// Every id the runner makes, each with an outcome derived from its position.
const outcomes = ['pass', 'fail', 'xfail', 'unrepresentable'] as const;
const results = sdkCases().map((ref, i) => result(ref, outcomes[i % outcomes.length] ?? 'pass'));
const report = { columns: [column], results } as unknown as Report;

describe('sdkMatrices', () => {
  const [matrix] = sdkMatrices(report);

  test('one row per endpoint, one cell per scenario, every call id placed exactly once', () => {
    expect(matrix?.scenarios).toEqual(CALL_SCENARIOS.map((s) => s.id));
    const placed =
      matrix?.calls.flatMap((row) => row.outcomes.filter((o) => o !== undefined)) ?? [];
    const calls = results.filter((r) => r.group === 'calls' && !r.tags.includes('property'));
    expect(placed).toHaveLength(calls.length);
    const row = matrix?.calls.find((r) => r.endpoint === 'room/isRoomActive');
    const index = CALL_SCENARIOS.findIndex((s) => s.id === 'hang-up');
    const id = 'call-room-isRoomActive-hang-up';
    expect(row?.outcomes[index]).toBe(results.find((r) => r.vector === id)?.outcome);
  });

  test('webhook cases and property cells are listed apart', () => {
    expect(matrix?.webhooks.map((w) => w.id)).toContain('forged-alg-none');
    expect(matrix?.properties.map((p) => p.vector)).toEqual(['call-property', 'webhook-property']);
  });

  test('text and Markdown show the same marks', () => {
    const marks = (text: string) => text.match(/[✓✗≈~]/g)?.join('') ?? '';
    expect(marks(renderSdkMatrices(report, 'markdown'))).toBe(
      marks(renderSdkMatrices(report, 'text')),
    );
    expect(renderSdkMatrices(report, 'markdown')).toMatch(/^\| room\/create \| /m);
  });
});
