import type { DescMessage } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { parseRequestBody } from '../src/protocol/parse-request.js';
import { messageSchema } from '../src/protocol/registry.js';
import { AUTH_ROUTES } from '../src/protocol/routes.js';
import { seeded } from './seeded.js';
import { hasGo, runUpstream } from './upstream-go.js';

// Bodies made at test time from a seeded generator: fields of each request message by both
// names (so duplicates), unknown keys, values of every JSON type in every place, nesting.
// The emulator's strict scan refuses on the raw bytes before JSON.parse: it must never refuse
// what Go accepts, nor let through what Go refuses.

const SEED = 20261207;
const COUNT = 3000;
const ONEOF_COUNT = 300;

function generator(seed: number) {
  const { next, pick } = seeded(seed);
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
    // Oneof members twice more: two of one oneof in a body, one of them often null (Go skips
    // a null before its oneof check), are cases of their own.
    const oneofNames = schema
      ? schema.oneofs.flatMap((o) => o.fields.flatMap((f) => [f.name, f.jsonName]))
      : [];
    const names = schema
      ? [
          ...schema.fields.flatMap((f) => [f.name, f.name, f.jsonName]),
          ...oneofNames,
          ...oneofNames,
        ]
      : [];
    const count = Math.floor(next() * 4) + (schema ? 1 : 0);
    const members = Array.from({ length: count }, () => {
      const key = schema && next() < 0.6 ? pick(names) : pick(['x', 'k', 'y']);
      const field = schema?.fields.find((f) => f.name === key || f.jsonName === key);
      let text: string;
      if (field?.oneof !== undefined && next() < 0.4) text = 'null';
      else if (field?.fieldKind === 'message' && next() < 0.7)
        text = object(field.message, depth + 1);
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
  it(`refuses exactly the ${COUNT + ONEOF_COUNT} bodies Go refuses`, {
    timeout: 600_000,
  }, async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const { pick, object } = generator(SEED);
    const routes = AUTH_ROUTES.filter((r) => r.request !== undefined);
    const cases = Array.from({ length: COUNT }, () => {
      const message = pick(routes).request as string;
      return { message, body: object(messageSchema(message), 0) };
    });
    // Few requests have a oneof: a batch of their own, so that members meet (set twice, null).
    const withOneof = routes.filter((r) => messageSchema(r.request as string).oneofs.length > 0);
    for (let k = 0; k < ONEOF_COUNT; k++) {
      const message = pick(withOneof).request as string;
      cases.push({ message, body: object(messageSchema(message), 0) });
    }
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
    // …and oneofs: set twice (refused), and with a null member beside a set one (not refused).
    expect(upstream.some((r) => String(r.error).includes('is already set'))).toBe(true);
    const nullBesideSet = cases.filter((c, i) => {
      const schema = messageSchema(c.message);
      const json = JSON.parse(c.body) as Record<string, unknown>;
      return (
        upstream[i]?.verdict !== 'parse error' &&
        schema.oneofs.some((o) => {
          const present = o.fields.filter((f) => f.name in json || f.jsonName in json);
          return present.length > 1 && present.some((f) => json[f.name] === null);
        })
      );
    });
    expect(nullBesideSet.length).toBeGreaterThan(0);
  });

  it.for([
    [
      'plugnmeet.BroadcastToRoomReq',
      '{"room_id":"r","chat_msg":null,"notification_msg":{"message":"b"}}',
    ],
    [
      'plugnmeet.BroadcastToRoomReq',
      '{"room_id":"r","notification_msg":{"message":"b"},"chatMsg":null}',
    ],
    ['plugnmeet.BroadcastToRoomReq', '{"room_id":"r","chat_msg":null,"notification_msg":null}'],
    ['plugnmeet.BroadcastToRoomReq', '{"room_id":"r","chat_msg":{},"notification_msg":{}}'],
  ] as const)("%s %s: the verdict and error are Go's", async ([message, body], ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const [theirs] = (await runUpstream([{ op: 'parse', message, body }])) as {
      verdict: string;
      error?: string;
    }[];
    const ours = parseRequestBody(message, body).verdict;
    expect(ours.verdict).toBe(theirs?.verdict);
    if (theirs?.verdict === 'invalid') expect(ours.error).toBe(theirs.error);
  });
});
