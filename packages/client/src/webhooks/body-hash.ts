/**
 * The `sha256` claim: base64 (standard, padded) of SHA-256 over the raw body.
 *
 * @module
 */

/**
 * base64(SHA-256(body)), as the server puts it in the webhook token's `sha256` claim.
 *
 * @throws {TypeError} without Web Crypto.
 * @example
 * ```ts
 * await bodyHash(new Uint8Array()); // '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
 * ```
 */
export async function bodyHash(body: Uint8Array): Promise<string> {
  const view =
    body.buffer instanceof ArrayBuffer ? (body as Uint8Array<ArrayBuffer>) : new Uint8Array(body);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const utf8 = new TextEncoder();

/**
 * Compares two strings without an early exit, so the time taken does not reveal how much
 * of a forged hash was right. Different lengths are unequal at once: the length of a
 * base64 SHA-256 is public.
 *
 * @example
 * ```ts
 * constantTimeEqual(expected, claim);
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  if (x.length !== y.length) return false;
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= (x[i] as number) ^ (y[i] as number);
  return difference === 0;
}
