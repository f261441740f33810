/**
 * The exit codes of `pnm-conformance`, as `--help` documents them (an interrupted run exits
 * with 128 + the signal's number, see `interrupt.ts`).
 *
 * @module
 */

/**
 * 0 every result as expected; 1 a divergence, stale entry or failed gate; 2 a usage error or
 * malformed input file; 3 an internal error of the runner.
 *
 * @example
 * ```ts
 * return report.summary.ok ? EXIT.ok : EXIT.divergence;
 * ```
 */
export const EXIT = { ok: 0, divergence: 1, usage: 2, internal: 3 } as const;
