/**
 * Reading the request message a handler gets: the server parsed and validated the body
 * with the upstream definitions before the handler runs (see `protocol/parse-request.ts`).
 *
 * @module
 */
import { fail } from './replies.js';
import type { HandlerRequest, TestResponse } from './types.js';

/** A parsed request message (protojson, proto names, set fields only); read with {@link field}. */
export type Message = Record<string, unknown>;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The request message of a default handler's request, `{}` when the route reads no body.
 *
 * @example
 * ```ts
 * field(requestMessage(request), 'room_id');
 * ```
 */
export function requestMessage(request: HandlerRequest): Message {
  return request.message ?? {};
}

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
 * A handler-level `INVALID_PARAMETERS` failure.
 *
 * @example
 * ```ts
 * invalid('room_id', 'value is required');
 * ```
 */
export function invalid(path: string, rule: string): TestResponse {
  return fail(`validation error: ${path}: ${rule}`, 'INVALID_PARAMETERS');
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
