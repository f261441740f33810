/**
 * Serializing values the way Go's protojson prints them on one line.
 *
 * @module
 */

/** Whether a space follows each comma: Go picks one per process to make output unstable. */
export type CommaSpace = 'always' | 'never' | 'random';

/**
 * A tiny seeded PRNG (mulberry32), so a run that found a bug can be replayed with its seed.
 *
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // 0 ≤ x < 1
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Serializes `value` like protojson's single-line encoder: no space after `:`, and a space
 * after every comma when `spaceAfterComma` is set (Go's `detrand`). `undefined` members are
 * left out, as protojson leaves out unset `optional` scalars; a `bigint` is written as a
 * string, as protojson writes int64.
 *
 * @throws {TypeError} for values JSON cannot represent (functions, symbols).
 * @example
 * ```ts
 * encodeProtoJson({ status: true, msg: 'ok' }, true); // '{"status":true, "msg":"ok"}'
 * ```
 */
export function encodeProtoJson(value: unknown, spaceAfterComma: boolean): string {
  const comma = spaceAfterComma ? ', ' : ',';
  const write = (item: unknown): string => {
    if (item === null || item === undefined) return 'null';
    switch (typeof item) {
      case 'string':
      case 'boolean':
        return JSON.stringify(item);
      case 'number':
        return Number.isFinite(item) ? JSON.stringify(item) : JSON.stringify(String(item));
      case 'bigint':
        return JSON.stringify(item.toString());
      case 'object': {
        if (Array.isArray(item)) return `[${item.map(write).join(comma)}]`;
        const members: string[] = [];
        for (const [key, member] of Object.entries(item)) {
          if (member !== undefined) members.push(`${JSON.stringify(key)}:${write(member)}`);
        }
        return `{${members.join(comma)}}`;
      }
      default:
        throw new TypeError(`cannot encode a ${typeof item} as protojson`);
    }
  };
  return write(value);
}
