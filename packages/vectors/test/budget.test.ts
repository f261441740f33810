/**
 * The total budgets of one load (issue 18): bytes all the vectors expand to, and how many
 * vectors there are, both checked before anything large is made; and byte strings kept in
 * shared slabs read back exactly.
 */
import { describe, expect, test } from 'vitest';
import {
  ExpansionBudget,
  expandBytes,
  isVectorError,
  MAX_TOTAL_EXPANDED_BYTES,
  MAX_TOTAL_VECTORS,
  parseVectorText,
} from '../src/index.js';

const MiB = 1024 * 1024;

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isVectorError(error)) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('ExpansionBudget', () => {
  test('a repeat past what is left is refused before it is expanded, naming where', () => {
    const budget = new ExpansionBudget(10 * MiB);
    const spec = (count: number) => ({ repeat: { unit: { hex: 'ff' }, count } });
    expect(expandBytes(spec(8 * MiB), '/vectors/0/body', 'x.json', budget)).toHaveLength(8 * MiB);
    expect(budget.left).toBe(2 * MiB);
    const error = refusal(() => expandBytes(spec(4 * MiB), '/vectors/1/body', 'x.json', budget));
    expect(error.code).toBe('ERR_VECTOR_SCHEMA');
    expect(error.jsonPath).toBe('/vectors/1/body/repeat');
    expect(error.message).toContain(
      `expands to ${4 * MiB} bytes, more than the ${2 * MiB} bytes left of the total budget of ${10 * MiB} bytes`,
    );
    expect(budget.left).toBe(2 * MiB);
  });

  test('the defaults: 128 MiB and 100,000 vectors', () => {
    expect(MAX_TOTAL_EXPANDED_BYTES).toBe(128 * MiB);
    expect(MAX_TOTAL_VECTORS).toBe(100_000);
    const budget = new ExpansionBudget();
    expect(budget.left).toBe(MAX_TOTAL_EXPANDED_BYTES);
  });

  test('a file with more vectors than are left is refused at /vectors before validation', () => {
    const budget = new ExpansionBudget(MiB, 2);
    // Not even valid vectors: the count comes first.
    const text = JSON.stringify({ vectors: [1, 2, 3] });
    const error = refusal(() => parseVectorText(text, 'many.json', budget));
    expect(error.jsonPath).toBe('/vectors');
    expect(error.message).toContain('has 3 vectors, more than the 2 left');
    expect(error.message).toContain('MAX_TOTAL_VECTORS');
  });
});

describe('small byte strings in shared slabs', () => {
  test('read back exactly, each its own length', () => {
    const vectors = Array.from({ length: 300 }, (_, i) => ({
      id: `v-${i}`,
      description: 'd',
      tags: ['short-secret'],
      kind: 'sign',
      body: { utf8: `{"n":${i}}` },
      secret: { hex: 'ff'.repeat((i % 5) + 1) },
      signature: '0'.repeat(64),
    }));
    const text = JSON.stringify({
      $schema: './schema.json',
      formatVersion: 1,
      name: 'slabs',
      description: 'd',
      source: 's',
      vectors,
    });
    const file = parseVectorText(text, 'slabs.json');
    file.vectors.forEach((vector, i) => {
      expect(new TextDecoder().decode(vector.body)).toBe(`{"n":${i}}`);
      expect(vector.secret).toEqual(new Uint8Array((i % 5) + 1).fill(0xff));
    });
    // The views share buffers, and the tag lists are one frozen list.
    expect(file.vectors[0]?.body.buffer).toBe(file.vectors[1]?.body.buffer);
    expect(file.vectors[0]?.tags).toBe(file.vectors[299]?.tags);
    expect(Object.isFrozen(file.vectors[0]?.tags)).toBe(true);
  });
});
