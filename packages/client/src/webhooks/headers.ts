/**
 * Finding the webhook token in whatever header container the framework hands over.
 *
 * @module
 */

/**
 * Request headers: a Fetch `Headers`, or a plain object such as Node's
 * `IncomingMessage.headers` (any name case; arrays allowed).
 */
export type HeadersLike =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() === name)
      return Array.isArray(value) ? value[0] : (value as string | undefined);
  }
  return undefined;
}

/**
 * The JWT from `Authorization`, falling back to `Hash-Token` (Apache often strips
 * `Authorization`, which is why the server sends both). A `Bearer ` prefix is stripped
 * defensively although plugNmeet sends none.
 *
 * @returns The token, or `undefined` when neither header carries one.
 * @example
 * ```ts
 * webhookToken(request.headers);
 * ```
 */
export function webhookToken(headers: HeadersLike): string | undefined {
  for (const name of ['authorization', 'hash-token']) {
    const value = header(headers, name)
      ?.trim()
      .replace(/^Bearer\s+/i, '');
    if (value) return value;
  }
  return undefined;
}
