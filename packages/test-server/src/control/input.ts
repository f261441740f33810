/**
 * Readers for control API input: each takes an untrusted JSON value and either returns it
 * typed or throws a `BAD_CONTROL_INPUT` error naming the field and what it must be.
 *
 * @module
 */
import { TestServerError } from '../errors.js';

/** An untrusted JSON object, keys not yet checked. */
export type JsonObject = Record<string, unknown>;

/** How a value is shown in an error: short, never the whole of a large input. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : JSON.stringify(value);
  } catch {
    // Too deep or too large to serialize: the error must still be a 400, not a 500.
    return 'a value that cannot be shown';
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The nesting depth of a parsed JSON value (`1` for a scalar), counted without recursion so
 * that a hostile 20,000-deep array cannot overflow the stack while it is measured.
 *
 * @throws Never.
 * @example
 * ```ts
 * jsonDepth(JSON.parse('[[1]]')); // 3
 * ```
 */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (typeof item === 'object' && item !== null) {
      for (const child of Object.values(item)) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * The error every reader throws: `<where> must be <expected>; got <value>`.
 *
 * @throws Never (returns the error to throw).
 * @example
 * ```ts
 * throw badInput('answers[0].delay_ms', 'an integer from 0 to 600000', -1);
 * ```
 */
export function badInput(where: string, expected: string, got: unknown): TestServerError {
  return new TestServerError(
    'BAD_CONTROL_INPUT',
    `${where} must be ${expected}; got ${shown(got)}`,
  );
}

/**
 * `value` as a JSON object whose keys are all in `allowed`.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` for a non-object or an unknown key.
 * @example
 * ```ts
 * objectWith(JSON.parse(text), 'the body', ['path', 'answers']);
 * ```
 */
export function objectWith(value: unknown, where: string, allowed: readonly string[]): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput(where, `a JSON object with ${allowed.join(', ')}`, value);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const known = allowed.length ? `only the keys ${allowed.join(', ')}` : 'no keys';
      throw badInput(
        where,
        `a JSON object with ${known} (unknown key ${JSON.stringify(key)})`,
        value,
      );
    }
  }
  return value as JsonObject;
}

/**
 * `value` as a string (optionally non-empty and matching `pattern`).
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` otherwise.
 * @example
 * ```ts
 * text(body.path, 'path', 'a route such as room/create, or *');
 * ```
 */
export function text(value: unknown, where: string, expected: string, pattern?: RegExp): string {
  if (typeof value !== 'string' || value === '' || (pattern && !pattern.test(value))) {
    throw badInput(where, expected, value);
  }
  return value;
}

/**
 * `value` as an integer in `[min, max]`.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` otherwise.
 * @example
 * ```ts
 * integer(answer.status, 'status', 100, 599);
 * ```
 */
export function integer(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(where, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/**
 * `value` as an array, each item read by `item`.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` for a non-array, or what `item` throws.
 * @example
 * ```ts
 * list(body.urls, 'urls', 'an array of http(s) URLs', (u, at) => httpUrl(u, at));
 * ```
 */
export function list<T>(
  value: unknown,
  where: string,
  expected: string,
  item: (value: unknown, where: string) => T,
): T[] {
  if (!Array.isArray(value)) throw badInput(where, expected, value);
  return value.map((entry, index) => item(entry, `${where}[${index}]`));
}

/**
 * `value` as an absolute http(s) URL.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` otherwise.
 * @example
 * ```ts
 * httpUrl('http://127.0.0.1:9000/hook', 'urls[0]');
 * ```
 */
export function httpUrl(value: unknown, where: string): string {
  if (
    typeof value !== 'string' ||
    !URL.canParse(value) ||
    !/^https?:$/.test(new URL(value).protocol)
  ) {
    throw badInput(where, 'an absolute http:// or https:// URL', value);
  }
  return value;
}

/**
 * A route as the control API names it: `room/create`, `/auth/room/create`, or `*` where
 * `wildcard` allows any route. Anything outside `/auth/` is refused, so a control call
 * cannot script `/healthCheck` or its own prefix.
 *
 * @throws {TestServerError} `BAD_CONTROL_INPUT` otherwise.
 * @example
 * ```ts
 * authPath('room/create', 'path', true); // '/auth/room/create'
 * ```
 */
export function authPath(value: unknown, where: string, wildcard: boolean): string {
  const expected = `a route such as room/create or /auth/room/create${wildcard ? ', or * for any route' : ''}`;
  if (wildcard && value === '*') return '*';
  const route = text(value, where, expected, /^(\/auth\/)?[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/);
  return route.startsWith('/auth/') ? route : `/auth/${route}`;
}
