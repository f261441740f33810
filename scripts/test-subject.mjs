// What a test does when its subject (a toolchain, the emulator, a browser) is missing. It
// must never pass having checked nothing: under CI=true, where every toolchain is required,
// it fails and names what is missing; elsewhere it is reported as skipped, with that reason.
// Every package's tests use this one rule (scripts/vitest-setup.mjs makes the other half,
// "every test asserts", hold for all of them).

/**
 * Stops the test when `missing` names a missing subject: fails under CI=true, skips with the
 * reason otherwise. Does nothing when `missing` is undefined.
 *
 * @param {{ skip(note?: string): never }} context the vitest test context
 * @param {string | undefined} missing what is missing, e.g. `zsh is not on PATH`
 * @throws {Error} under CI=true when something is missing, naming it (this fails the test)
 * @example
 * test('zsh echo', (ctx) => { requireSubject(ctx, has('zsh') ? undefined : 'zsh is not on PATH'); … });
 */
export function requireSubject(context, missing) {
  if (missing === undefined) return;
  if (process.env.CI === 'true') {
    throw new Error(
      `the subject of this test is missing: ${missing} (CI requires every toolchain)`,
    );
  }
  context.skip(`subject missing: ${missing}`);
}
