import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTH_ROUTES, messageSchema, UPSTREAM } from '../src/index.js';
import { describeSurface } from '../src/protocol/surface.js';

// upstream-surface.json is the reviewed surface. After a bump (upstream.json, then
// scripts/generate-plugnmeet-protocol.mjs) this test names every route and field that
// changed; `--accept-surface` records the new one once reviewed.
const accepted = JSON.parse(
  readFileSync(new URL('../upstream-surface.json', import.meta.url), 'utf8'),
) as ReturnType<typeof describeSurface>;
const pin = JSON.parse(readFileSync(new URL('../upstream.json', import.meta.url), 'utf8')) as {
  version: string;
};

function changes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = JSON.stringify(before[key]);
    const b = JSON.stringify(after[key]);
    if (a === b) continue;
    if (a === undefined) out.push(`added ${key}: ${b}`);
    else if (b === undefined) out.push(`removed ${key} (was ${a})`);
    else out.push(`changed ${key}: ${a} -> ${b}`);
  }
  return out;
}

describe('the bundled upstream definitions', () => {
  it('are the pinned version', () => {
    expect(UPSTREAM.version).toBe(pin.version);
  });

  it('name every message the route table pairs', () => {
    for (const route of AUTH_ROUTES) {
      if (route.request) expect(messageSchema(route.request).typeName).toBe(route.request);
      expect(messageSchema(route.response).typeName).toBe(route.response);
    }
  });

  it('define the accepted surface (on a bump: the list of what changed)', () => {
    const current = describeSurface();
    const diff = [
      ...(current.version === accepted.version
        ? []
        : [`version ${accepted.version} -> ${current.version}`]),
      ...changes(accepted.routes, current.routes),
      ...changes(accepted.fields, current.fields),
    ];
    expect(
      diff,
      'run node scripts/generate-plugnmeet-protocol.mjs --accept-surface once reviewed',
    ).toEqual([]);
  });
});
