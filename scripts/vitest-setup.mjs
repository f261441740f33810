// Loaded before every test file of every package (vitest.shared.mjs): a test that asserts
// nothing fails instead of passing. A test that is skipped (ctx.skip) is not checked.
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
