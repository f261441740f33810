/**
 * Choosing how to compute the request HMAC: node:crypto when the runtime has it (Node,
 * Deno, Bun), Web Crypto through the signer everywhere else.
 *
 * @module
 */
import { createSigner } from '@plugnmeet-signing/signer';

/** Signs body bytes: lowercase hex HMAC-SHA256 with the bound secret. */
export type BodySigner = (input: Uint8Array) => string | Promise<string>;

interface NodeCryptoLike {
  createHmac(
    algorithm: 'sha256',
    key: Uint8Array,
  ): {
    update(data: Uint8Array): { digest(encoding: 'hex'): string };
  };
}

// process.getBuiltinModule (Node ≥ 20.16, Deno, Bun) reaches node:crypto without a static
// import, so browser and edge bundles of this entry never see `node:crypto`.
function nodeCrypto(): NodeCryptoLike | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  try {
    const module = process?.getBuiltinModule?.('node:crypto') as NodeCryptoLike | undefined;
    return typeof module?.createHmac === 'function' ? module : undefined;
  } catch {
    return undefined;
  }
}

const utf8 = new TextEncoder();

/**
 * Binds `secret` (non-empty, checked by the caller) to a body signer. With node:crypto the
 * MAC is synchronous, which saves Web Crypto's per-call promise and thread hop (measured:
 * the larger part of the client's overhead on Node); both give the same lowercase hex as
 * the signer package (checked by a property test).
 *
 * @param prefer - `'webcrypto'` forces the signer's Web Crypto path (for tests).
 * @throws {SignerError} from the signer, as a rejection, for an unusable secret.
 * @example
 * ```ts
 * const sign = await bodySigner('secret');
 * await sign(new TextEncoder().encode('{}'));
 * ```
 */
export async function bodySigner(
  secret: string,
  prefer: 'auto' | 'webcrypto' = 'auto',
): Promise<BodySigner> {
  const node = prefer === 'auto' ? nodeCrypto() : undefined;
  if (node) {
    const key = utf8.encode(secret);
    return (input) => node.createHmac('sha256', key).update(input).digest('hex');
  }
  const signer = await createSigner(secret);
  return (input) => signer.sign(input);
}
