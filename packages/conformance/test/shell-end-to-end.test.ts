/**
 * One end-to-end run of the shell snippet informs both levels: the signing level's answer,
 * read from that run, must be exactly what the snippet's signing worker answers for the same
 * case, in every shell that shows a wire level, for the documented snippet and its correction.
 */
import { loadVectors } from '@plugnmeet-signing/vectors';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { correctionInfo } from '../src/corrections/catalog.js';
import { correctedProgram } from '../src/corrections/columns.js';
import { SHELLS } from '../src/environments/shells.js';
import { shellWorkerColumn } from '../src/implementations/languages/shell.js';
import { programColumns } from '../src/implementations/snippet-columns.js';
import { documentedProgram, type SnippetProgram } from '../src/implementations/snippet-program.js';
import type { CaseInput, Column, SignAnswer } from '../src/model.js';
import { generatedCase } from '../src/properties/arbitraries.js';
import { runCase } from '../src/runner/run-case.js';

const utf8 = new TextEncoder();
const TRICKY: CaseInput[] = [
  { id: 'empty-secret', body: utf8.encode('{"a":1}'), secret: new Uint8Array() },
  { id: 'non-utf8-secret', body: utf8.encode('{}'), secret: new Uint8Array([0xff, 0x41]) },
  { id: 'nul', body: new Uint8Array([0x7b, 0, 0x7d]), secret: utf8.encode('k') },
  { id: 'backslash', body: utf8.encode('{"a":"\\n\\u00e9\\c"}'), secret: utf8.encode('k') },
  { id: 'dash-n', body: utf8.encode('-n'), secret: utf8.encode('k') },
  { id: 'at', body: utf8.encode('@x'), secret: utf8.encode('k') },
  { id: 'big', body: new Uint8Array(200 * 1024).fill(0x61), secret: utf8.encode('k') },
];

async function cases(): Promise<CaseInput[]> {
  const vectors = (await loadVectors()).filter((v) => v.kind === 'sign');
  const generated = fc
    .sample(generatedCase, { seed: 7, numRuns: 20 })
    .map((c, i) => ({ id: `g${i}`, ...c }));
  return [
    ...TRICKY,
    ...vectors.map((v) => ({ id: v.id, body: v.body, secret: v.secret })),
    ...generated,
  ];
}

/**
 * OpenSSL's error lines start with its thread's id (`80ABC180597F0000:error:…`), which
 * differs from one process to the next: the only part of an answer no two runs share.
 */
function stable(answer: SignAnswer | undefined): SignAnswer | undefined {
  return answer?.kind === 'refused'
    ? { ...answer, message: answer.message.replace(/\b[0-9A-F]{8,16}(?=:error:)/g, '<thread>') }
    : answer;
}

const programs = (): SnippetProgram[] => [
  documentedProgram('shell'),
  correctedProgram(correctionInfo('shell-corrected')),
];

const shellColumns = (): Array<{ column: Column; worker: Column }> =>
  programs()
    .flatMap((program) =>
      SHELLS.map((shell) => ({
        column: programColumns(program).find((c) => c.environment.id === shell.id) as Column,
        worker: shellWorkerColumn(program, shell),
      })),
    )
    .filter(({ column }) => column.wireLevel !== undefined);

describe('the signing level read from the end-to-end run', () => {
  test('every UTF-8 shell column of both snippets is informed by an end-to-end run', async () => {
    const columns = shellColumns().map(({ column }) => column);
    expect(columns.map((c) => c.id).sort()).toEqual(
      ['bash', 'bash-posix-xpg-echo', 'busybox-ash', 'dash', 'mksh', 'zsh']
        .flatMap((shell) => [`shell/${shell}`, `shell-corrected/${shell}`])
        .sort(),
    );
    expect(columns.every((c) => c.wireLevel?.implementation.id.startsWith('wire-shell'))).toBe(
      true,
    );
  });

  test('answers exactly as the signing worker does, case for case', {
    timeout: 600_000,
  }, async (ctx) => {
    const inputs = await cases();
    const missing: string[] = [];
    let compared = 0;
    for (const { column, worker: own } of shellColumns()) {
      const availability = await column.probe();
      if (!availability.available) {
        missing.push(`${column.id}: ${availability.reason}`);
        continue;
      }
      const informed = await column.open('per-case');
      const worker = await own.open('worker');
      try {
        for (const input of inputs) {
          const shared = (await runCase(informed, input)).signed;
          const own = (await runCase(worker, input)).signed;
          expect({ column: column.id, case: input.id, answer: stable(shared) }).toEqual({
            column: column.id,
            case: input.id,
            answer: stable(own),
          });
          compared += 1;
        }
      } finally {
        await informed.close();
        await worker.close();
      }
    }
    // A shell that is missing was not compared: that fails under CI, and is a skip with its
    // reason elsewhere, never a pass.
    requireSubject(ctx, missing.length > 0 ? missing.join('; ') : undefined);
    expect(compared).toBeGreaterThan(0);
  });
});
