/**
 * The size budget of a report file, which the writer holds every format to and `merge` and
 * `render` hold the reports they read to.
 *
 * @module
 */

/**
 * The largest report file written, in bytes. Every shown value is cut (shown-value.ts), so
 * a report grows with its cells, not with what an implementation sent: about 300 bytes per
 * passing cell and at most about 6 KB per failing one. 128 MiB holds the full default matrix
 * many times over; a run past it (hundreds of thousands of cells) is told so instead of
 * being rendered into a file nobody can open.
 *
 * @example
 * ```ts
 * writeReports(report, targets, REPORT_BUDGET_BYTES);
 * ```
 */
export const REPORT_BUDGET_BYTES = 128 * 1024 * 1024;
