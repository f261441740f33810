import type { DescMessage } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { parseRequestBody } from '../src/protocol/parse-request.js';
import { messageSchema } from '../src/protocol/registry.js';
import { AUTH_ROUTES } from '../src/protocol/routes.js';
import { hasGo, runUpstream } from './upstream-go.js';

// Bodies made at test time from a seeded generator: fields of each request message by both
// names (so duplicates), unknown keys, values of every JSON type in every place, nesting.
// The emulator's strict scan refuses on the raw bytes before JSON.parse: it must never refuse
// what Go accepts, nor let through what Go refuses.

const SEED = 20261207;
const COUNT = 3000;

function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const strings = ['"a"', '"é"', '"\\u00e9"', '"\\ud83d\\ude00"', '""', '"1"', '"-5"', '"1.5"'];
  const literals = ['0', '1', '-1', '1.5', '1e2', 'true', 'false', 'null', '4294967295'];
  const scalar = () => pick(next() < 0.5 ? strings : literals);
  const value = (depth: number): string => {
    const roll = next();
    if (depth > 3 || roll < 0.45) return scalar();
    if (roll < 0.6) {
      return `[${Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1)).join(',')}]`;
    }
    return object(undefined, depth + 1);
  };
  const object = (schema: DescMessage | undefined, depth: number): string => {
    const names = schema ? schema.fields.flatMap((f) => [f.name, f.name, f.jsonName]) : [];
    const count = Math.floor(next() * 4) + (schema ? 1 : 0);
    const members = Array.from({ length: count }, () => {
      const key = schema && next() < 0.6 ? pick(names) : pick(['x', 'k', 'y']);
      const field = schema?.fields.find((f) => f.name === key || f.jsonName === key);
      let text: string;
      if (field?.fieldKind === 'message' && next() < 0.7) text = object(field.message, depth + 1);
      else if (field?.fieldKind === 'list' && next() < 0.7) {
        const item = () =>
          field.listKind === 'message' ? object(field.message, depth + 1) : value(9);
        text = `[${Array.from({ length: Math.floor(next() * 3) }, item).join(',')}]`;
      } else text = value(depth);
      return `${JSON.stringify(key)}:${text}`;
    });
    return `{${members.join(',')}}`;
  };
  return { pick, object };
}

describe('the strict scan against the pinned Go module, on generated bodies', () => {
  it(`refuses exactly the ${COUNT} bodies Go refuses`, { timeout: 600_000 }, async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const { pick, object } = generator(SEED);
    const routes = AUTH_ROUTES.filter((r) => r.request !== undefined);
    const cases = Array.from({ length: COUNT }, () => {
      const message = pick(routes).request as string;
      return { message, body: object(messageSchema(message), 0) };
    });
    const upstream = await runUpstream(cases.map((c) => ({ op: 'parse', ...c })));
    const disagreements = cases.flatMap((c, i) => {
      const ours = parseRequestBody(c.message, c.body).verdict;
      const theirs = upstream[i] as { verdict: string; error?: string };
      const refused = (verdict: string) => verdict === 'parse error';
      return refused(ours.verdict) === refused(theirs.verdict)
        ? []
        : [{ ...c, go: theirs, ours: { verdict: ours.verdict, error: ours.error } }];
    });
    expect(disagreements).toEqual([]);
    // The generator is not trivial: both verdicts occur, and the scan finds duplicates.
    const verdicts = new Set(upstream.map((r) => r.verdict));
    expect(verdicts).toContain('parse error');
    expect(verdicts.size).toBeGreaterThan(1);
    expect(upstream.some((r) => String(r.error).includes('duplicate field'))).toBe(true);
  });
});
