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
 * The implementation and environment of a key; an implementation id holds no `/`.
 *
 * @throws Error when `key` has no `/`.
 * @example
 * ```ts
 * parseColumnKey('java/jdk17-c-locale'); // { implementation: 'java', environment: 'jdk17-c-locale' }
 * ```
 */
export function parseColumnKey(key: string): ColumnRef {
  const slash = key.indexOf('/');
  if (slash < 0) throw new Error(`not a column key: ${JSON.stringify(key)}`);
  return { implementation: key.slice(0, slash), environment: key.slice(slash + 1) };
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
