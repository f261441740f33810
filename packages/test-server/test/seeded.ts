/**
 * A seeded pseudo-random source for the differential tests: the same seed draws the same
 * cases on every run and runtime, so a divergence found once can be found again.
 */

/**
 * `next()` in [0, 1) and `pick(items)`, from a linear congruential generator seeded with
 * `seed` (glibc's constants).
 *
 * @example
 * ```ts
 * const { pick } = seeded(20261207);
 * pick(['gzip', 'br']); // the same choice on every run
 * ```
 */
export function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}
