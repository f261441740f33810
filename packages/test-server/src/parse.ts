/**
 * Reading request bodies the way the server does: protojson (`DiscardUnknown`), then
 * protovalidate.
 *
 * @module
 */
import { fail } from './replies.js';
import type { HandlerRequest, TestResponse } from './types.js';

/** A parsed request message; read fields with {@link field}. */
export type Message = Record<string, unknown>;

/** The parse outcome: the message, or the HTTP 200 `INVALID_PARAMETERS` answer to send. */
export type Parsed = { ok: true; message: Message } | { ok: false; response: TestResponse };

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Reads a field by its proto name or its lowerCamelCase JSON name; `null` counts as unset.
 *
 * @example
 * ```ts
 * field({ roomId: 'a' }, 'room_id'); // 'a'
 * ```
 */
export function field(message: Message | undefined, name: string): unknown {
  if (!message) return undefined;
  const value = message[name] ?? message[camel(name)];
  return value === null ? undefined : value;
}

/**
 * Reads a nested message field.
 *
 * @example
 * ```ts
 * sub(message, 'user_info');
 * ```
 */
export function sub(message: Message | undefined, name: string): Message | undefined {
  const value = field(message, name);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Message)
    : undefined;
}

/**
 * A protovalidate failure in the server's format.
 *
 * @example
 * ```ts
 * invalid('room_id', 'value is required [required]');
 * ```
 */
export function invalid(path: string, rule: string): TestResponse {
  return fail(`validation error:\n - ${path}: ${rule}`, 'INVALID_PARAMETERS');
}

/**
 * Parses the body as a JSON object and checks that `required` string fields are non-empty.
 *
 * @example
 * ```ts
 * const parsed = parseRequest(request, ['room_id']);
 * if (!parsed.ok) return parsed.response;
 * ```
 */
export function parseRequest(request: HandlerRequest, required: readonly string[] = []): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(request.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, response: fail(`proto: syntax error: ${reason}`, 'INVALID_PARAMETERS') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      response: fail('proto: syntax error: unexpected token, expected {', 'INVALID_PARAMETERS'),
    };
  }
  const message = value as Message;
  for (const name of required) {
    const present = field(message, name);
    if (present === undefined || present === '') {
      return { ok: false, response: invalid(name, 'value is required [required]') };
    }
  }
  return { ok: true, message };
}

/** The `from`/`limit`/`order_by` of list requests, with the server's defaults and cap. */
export interface Page {
  from: number;
  limit: number;
  orderBy: string;
}

/**
 * Reads pagination: limit defaults to 20 and is capped at 100; only exactly `ASC` sorts
 * ascending.
 *
 * @example
 * ```ts
 * page({ limit: 500 }).limit; // 100
 * ```
 */
export function page(message: Message): Page {
  const from = Number(field(message, 'from') ?? 0) || 0;
  const asked = Number(field(message, 'limit') ?? 0) || 0;
  const limit = asked <= 0 ? 20 : Math.min(asked, 100);
  return { from, limit, orderBy: field(message, 'order_by') === 'ASC' ? 'ASC' : 'DESC' };
}

/**
 * The string-array field, or `[]`.
 *
 * @example
 * ```ts
 * strings(message, 'room_ids');
 * ```
 */
export function strings(message: Message | undefined, name: string): string[] {
  const value = field(message, name);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
