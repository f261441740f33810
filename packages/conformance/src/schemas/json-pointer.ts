/**
 * JSON Pointers (RFC 6901), the paths ajv reports and the schemas' own `$ref` fragments use.
 *
 * @module
 */

/**
 * `key` as one segment of a pointer (`~` and `/` escaped).
 *
 * @example
 * ```ts
 * pointerSegment('a/b'); // 'a~1b'
 * ```
 */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The value `pointer` names inside `root`, or undefined where the path leaves the document.
 *
 * @throws Never.
 * @example
 * ```ts
 * valueAtPointer({ results: [{ outcome: 'pass' }] }, '/results/0/outcome'); // 'pass'
 * ```
 */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  return node;
}
