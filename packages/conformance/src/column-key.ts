/**
 * A column's identity: an implementation in an environment. Every map, set and lookup of
 * columns goes through {@link columnKey}, so the key's shape is decided here only (it is
 * `<implementation>/<environment>`, the column id users type into `--only`).
 *
 * @module
 */

declare const columnKeyBrand: unique symbol;

/** `<implementation>/<environment>`, made only by {@link columnKey}. */
export type ColumnKey = string & { readonly [columnKeyBrand]: true };

/** Anything that names a column: a report column, a result, an expectation, a finding. */
export interface ColumnRef {
  implementation: string;
  environment: string;
}

/**
 * The key of the column `ref` names.
 *
 * @example
 * ```ts
 * columnKey({ implementation: 'shell', environment: 'dash' }); // 'shell/dash'
 * ```
 */
export function columnKey(ref: ColumnRef): ColumnKey {
  return `${ref.implementation}/${ref.environment}` as ColumnKey;
}

/**
 * Whether `a` and `b` name the same column.
 *
 * @example
 * ```ts
 * report.results.filter((r) => sameColumn(r, column));
 * ```
 */
export function sameColumn(a: ColumnRef, b: ColumnRef): boolean {
  return a.implementation === b.implementation && a.environment === b.environment;
}

/**
 * A key for something within a column (a cell, a cause): the column's key and `parts`,
 * joined by NUL, which no id holds.
 *
 * @example
 * ```ts
 * cellKey(result, result.vector); // 'shell/dash\u0000empty-body'
 * ```
 */
export function cellKey(ref: ColumnRef, ...parts: string[]): string {
  return [columnKey(ref), ...parts].join('\u0000');
}
