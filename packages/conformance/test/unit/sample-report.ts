/**
 * A realistic report built in memory, the way a run builds one (findings by
 * `collectFindings`, staleness by `staleFromResults`, the verdict by `summarize`): passes,
 * new failures and errors, expected failures, a stale expectation, a cell of only
 * unrepresentable answers, an unavailable column, property counterexamples (one broken),
 * known property divergences, a corrected snippet, and a protocol v2 column with call and
 * webhook groups. Nothing here spawns or reads a file.
 */
import { columnKey } from '../../src/column-key.js';
import { correctionReasons } from '../../src/corrections/catalog.js';
import { FINDING_OUTCOMES, type Outcome } from '../../src/model.js';
import { bytesField } from '../../src/reports/bytes-field.js';
import { collectFindings } from '../../src/reports/findings.js';
import type { PropertyFinding, Report, ReportResult } from '../../src/reports/report.js';
import { staleFromResults } from '../../src/reports/verdict.js';
import { cell, column, expectation, properties, report } from './fixtures.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** The vectors the sample's cells name: ids, and bytes of every kind a finding shows. */
const VECTORS: Array<[id: string, body: Uint8Array, secret: Uint8Array]> = [
  ['plain', encode('{"roomId":"r1"}'), encode('s3cret')],
  ['newline', encode('{"a":1}\n'), encode('k')],
  ['newline-long', encode(`{"a":"${'x'.repeat(200)}"}\n`), encode('k')],
  ['binary', new Uint8Array([0xff, 0xfe, 0x00]), encode('k')],
  ['nbsp', encode('a\u00a0b'), encode('k\u200b')],
  ['empty-secret', encode('{}'), new Uint8Array()],
  ['rfc-1', encode('Hi There'), new Uint8Array(20).fill(0x0b)],
];

const vectorsById = new Map(VECTORS.map(([id, body, secret]) => [id, { body, secret }]));

/**
 * What the runner keeps in a cell that makes a finding (`runner/case-cell.ts`): the case's
 * input, and the expectations file's explanation of an expected failure.
 */
function asRun(result: ReportResult): ReportResult {
  if (!FINDING_OUTCOMES.has(result.outcome)) return result;
  const vector = vectorsById.get(result.vector);
  const expected = EXPECTATIONS.find(
    (e) => columnKey(e) === columnKey(result) && e.cause === result.cause,
  );
  return {
    ...result,
    explanation: result.outcome === 'xfail' && expected ? expected.explanation : result.detail,
    ...(vector && !result.minimal
      ? { minimal: { body: bytesField(vector.body), secret: bytesField(vector.secret) } }
      : {}),
  };
}

/** Cells of one column: `[vector, outcome, extra]`, the group taken from the vector id. */
function cells(
  id: string,
  list: Array<[vector: string, outcome: Outcome, extra?: Partial<ReportResult>]>,
): ReportResult[] {
  return list.map(([vector, outcome, extra]) =>
    cell(id, vector, outcome, {
      group: vector.startsWith('rfc') ? 'rfc4231' : 'edge-cases',
      expected: 'e0ab',
      actual: outcome === 'pass' ? 'e0ab' : 'e0ac',
      ...extra,
    }),
  );
}

const propertyFinding = (
  id: string,
  outcome: Outcome,
  cause: string,
  body: Uint8Array,
  extra: Partial<PropertyFinding> = {},
): PropertyFinding => {
  const [implementation = '', environment = ''] = id.split('/');
  return {
    implementation,
    environment,
    outcome,
    seed: 42,
    path: '3:1:0',
    runs: 17,
    body: bytesField(body),
    secret: bytesField(encode('k')),
    expected: 'e0ab',
    actual: outcome === 'error' ? 'broken' : 'e0ac',
    cause,
    explanation: `${cause}, as the search shrank it`,
    vector: { id: `property-${cause}`, body: { utf8: 'x' } },
    ...extra,
  };
};

const COLUMNS = [
  column('good/node', { runtimeVersion: 'node 22' }),
  column('bad/dash', { runtimeVersion: 'dash 0.5' }),
  column('known/bash', { runtimeVersion: 'bash 5.2' }),
  column('unrep/zsh', { runtimeVersion: 'zsh 5.9' }),
  column('gone/fish', {
    available: false,
    unavailableReason: 'fish not found',
    install: 'apt-get install fish',
  }),
  column('broken/py', { runtimeVersion: 'python 3.12' }),
  column('bad-corrected/dash', {
    runtimeVersion: 'dash 0.5',
    correctionOf: 'bad',
    correctionReason: 'printf instead of echo',
  }),
  column('sdk/js', { runtimeVersion: 'sdk 1.4', implementationKind: 'sdk' }),
];

const RESULTS: ReportResult[] = [
  ...cells('good/node', [
    ['plain', 'pass'],
    ['newline', 'pass'],
    ['binary', 'unrepresentable'],
    ['rfc-1', 'pass'],
  ]),
  ...cells('bad/dash', [
    ['plain', 'pass'],
    ['newline', 'fail', { cause: 'trailing-newlines-stripped' }],
    ['newline-long', 'fail', { cause: 'trailing-newlines-stripped' }],
    ['binary', 'error', { cause: 'broken', actual: 'broken' }],
    ['nbsp', 'xfail', { cause: 'unicode-spaces' }],
    ['rfc-1', 'pass'],
  ]),
  ...cells('known/bash', [
    ['plain', 'pass'],
    ['newline', 'xfail', { cause: 'trailing-newlines-stripped' }],
    ['newline-long', 'xfail', { cause: 'trailing-newlines-stripped' }],
    ['empty-secret', 'xpass'],
    ['rfc-1', 'xfail', { cause: 'long-key' }],
  ]),
  ...cells('unrep/zsh', [
    ['plain', 'unrepresentable'],
    ['binary', 'unrepresentable'],
  ]),
  ...cells('gone/fish', [
    ['plain', 'unavailable'],
    ['rfc-1', 'unavailable'],
  ]),
  ...cells('broken/py', [
    ['plain', 'error', { cause: 'broken', actual: 'broken' }],
    ['rfc-1', 'error', { cause: 'broken', actual: 'broken' }],
  ]),
  ...cells('bad-corrected/dash', [
    ['plain', 'pass'],
    ['newline', 'pass'],
  ]),
  cell('sdk/js', 'call-room-create-answer', 'pass', { group: 'calls' }),
  cell('sdk/js', 'call-room-create-hang-up', 'xfail', { group: 'calls', cause: 'no-timeout' }),
  cell('sdk/js', 'call-room-isRoomActive-answer', 'fail', {
    group: 'calls',
    cause: 'body-reencoded',
    minimal: { body: bytesField(encode('{"roomId": "r1"}')), secret: bytesField(encode('k')) },
  }),
  cell('sdk/js', 'call-room-isRoomActive-quirks', 'unrepresentable', { group: 'calls' }),
  cell('sdk/js', 'webhook-room-started', 'pass', { group: 'webhooks' }),
  cell('sdk/js', 'webhook-forged-alg-none', 'fail', {
    group: 'webhooks',
    cause: 'accepts-forgery',
    minimal: {
      body: bytesField(encode('{"event":"room_started"}')),
      secret: bytesField(encode('k')),
    },
  }),
  cell('sdk/js', 'call-property', 'pass', { group: 'calls', tags: ['property'] }),
  cell('sdk/js', 'webhook-property', 'error', { group: 'webhooks', tags: ['property'] }),
];

const PROPERTY_FINDINGS: PropertyFinding[] = [
  propertyFinding('bad/dash', 'fail', 'echo-escapes', encode('a\\nb')),
  propertyFinding('bad/dash', 'fail', 'unexplained', new Uint8Array([0xc3])),
  propertyFinding('broken/py', 'error', 'broken', encode('')),
];

const PROPERTIES = [
  properties('good/node'),
  { ...properties('bad/dash', ['unicode-spaces']), findings: 2, runs: 57 },
  properties('known/bash', ['trailing-newlines-stripped']),
  { ...properties('unrep/zsh'), unrepresentable: 10 },
  { ...properties('broken/py'), findings: 1, runs: 1 },
  properties('bad-corrected/dash'),
];

const EXPECTATIONS = [
  expectation('bad/dash', 'unicode-spaces', ['nbsp'], { property: true }),
  expectation('known/bash', 'trailing-newlines-stripped', ['newline', 'newline-long'], {
    property: true,
  }),
  expectation('known/bash', 'empty-secret-refused', ['empty-secret']),
  expectation('known/bash', 'long-key', ['rfc-1']),
  // Never met: the search ran and no cell of it failed, so the whole entry is stale.
  expectation('good/node', 'gone-quirk', ['plain']),
  expectation('sdk/js', 'no-timeout', ['call-room-create-hang-up']),
];

/**
 * The sample report, fresh on every call (renderers must not share mutations).
 *
 * @example
 * ```ts
 * const report = sampleReport();
 * ```
 */
export function sampleReport(): Report {
  const parts = {
    seed: 42,
    propertyRuns: 100,
    vectorFiles: [
      { name: 'edge-cases', path: 'edge-cases.json', formatVersion: 1, vectors: 6 },
      { name: 'rfc4231', path: 'rfc4231.json', formatVersion: 1, vectors: 1 },
    ],
    columns: structuredClone(COLUMNS),
    results: structuredClone(RESULTS).map(asRun),
    properties: structuredClone(PROPERTIES),
    propertyFindings: structuredClone(PROPERTY_FINDINGS),
    expectations: structuredClone(EXPECTATIONS),
  };
  return report({
    ...parts,
    findings: collectFindings(
      parts.columns,
      parts.results,
      parts.propertyFindings,
      correctionReasons(),
    ),
    staleExpectations: staleFromResults(parts, parts.expectations),
  });
}
