/**
 * Turns a minimal case into a vector entry ready to paste into vectors/*.json.
 *
 * @module
 */
import { strictUtf8 } from '../values/bytes.js';
import type { GeneratedCase } from './arbitraries.js';

function bytesSpec(bytes: Uint8Array): { utf8: string } | { hex: string } {
  const utf8 = strictUtf8(bytes);
  return utf8 === undefined ? { hex: Buffer.from(bytes).toString('hex') } : { utf8 };
}

/** A `kind: sign` vector for the case; its signature is the reference's. */
export function toPasteableVector(
  input: GeneratedCase,
  signature: string,
  where: { implementation: string; environment: string },
  cause: string,
): Record<string, unknown> {
  const digest = signature.slice(0, 8);
  return {
    id: `found-${where.implementation}-${where.environment}-${digest}`
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-'),
    description: `Minimal case found by the property search on ${where.implementation}/${where.environment} (${cause})`,
    tags: ['property-finding', cause].map((tag) => tag.replace(/[^a-z0-9-]+/g, '-')),
    kind: 'sign',
    body: bytesSpec(input.body),
    secret: bytesSpec(input.secret),
    signature,
  };
}
