import { describe, expect, it } from 'vitest';

const runtime = process.env.PNM_TEST_RUNTIME ?? 'node';

describe('runtime', () => {
  it('is really the runtime PNM_TEST_RUNTIME names', () => {
    const actual =
      'Deno' in globalThis
        ? 'deno'
        : 'Bun' in globalThis
          ? 'bun'
          : typeof process.versions.node === 'string'
            ? 'node'
            : 'unknown';
    expect(actual).toBe(runtime);
  });
});
