/**
 * Turns a minimal case into a vector entry ready to paste into vectors/*.json.
 *
 * @module
 */
import type { GeneratedCase } from './arbitraries.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function bytesSpec(bytes: Uint8Array): { utf8: string } | { hex: string } {
  try {
    return { utf8: strict.decode(bytes) };
  } catch {
    return { hex: Buffer.from(bytes).toString('hex') };
  }
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
