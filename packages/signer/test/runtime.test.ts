/**
 * Records which runtime really executed the suite: scripts/run-vitest.mjs runs the same files
 * under Node, Deno and Bun and sets PNM_TEST_RUNTIME; this test fails if the launcher said one
 * runtime and another one ran. The detected runtime and version are in the test name, so
 * they land in every vitest-report*.json.
 */
import { expect, test } from 'vitest';

interface RuntimeGlobals {
  Deno?: { version: { deno: string; v8: string } };
  Bun?: { version: string };
}

function detect(): { runtime: 'node' | 'deno' | 'bun'; version: string } {
  const globals = globalThis as RuntimeGlobals;
  if (globals.Deno) return { runtime: 'deno', version: globals.Deno.version.deno };
  if (globals.Bun) return { runtime: 'bun', version: globals.Bun.version };
  return { runtime: 'node', version: process.versions.node };
}

const { runtime, version } = detect();
const expected = process.env.PNM_TEST_RUNTIME ?? 'node';

test(`runs on ${runtime} ${version} (launcher asked for ${expected})`, () => {
  expect(runtime).toBe(expected);
  // Both signing paths exist on every runtime the suite claims.
  expect(typeof globalThis.crypto?.subtle?.sign).toBe('function');
  console.info(`[signer tests] runtime ${runtime} ${version}`);
});
