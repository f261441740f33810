/**
 * The control API's optional bearer token, checked in constant time.
 *
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the `Authorization` header carries `Bearer <expected>`. Both sides are hashed
 * first so the comparison takes the same time whatever the lengths, and
 * `timingSafeEqual` compares the digests: the time taken says nothing about the token.
 *
 * @throws Never.
 * @example
 * ```ts
 * bearerMatches('Bearer s3cret', 's3cret'); // true
 * bearerMatches(undefined, 's3cret'); // false
 * ```
 */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  const presented = /^Bearer (.*)$/i.exec(authorization ?? '')?.[1] ?? '';
  // Hash even a missing token: a refusal costs the same as a wrong one.
  return timingSafeEqual(digest(presented), digest(expected)) && authorization !== undefined;
}
