/**
 * The reference every column is judged against: this project's signer.
 *
 * @module
 */
import { isSignerError, signSync, verifySync } from '@plugnmeet-signing/signer/node';

/** The reference signature, or `undefined` when the reference refuses the input (empty secret). */
export function referenceSignature(body: Uint8Array, secret: Uint8Array): string | undefined {
  try {
    return signSync(body, secret);
  } catch (error) {
    if (isSignerError(error) && error.code === 'ERR_SIGNER_EMPTY_SECRET') return undefined;
    throw error;
  }
}

/** The reference verdict on a presented signature, or `undefined` when it refuses the input. */
export function referenceVerdict(
  body: Uint8Array,
  presented: string,
  secret: Uint8Array,
): boolean | undefined {
  try {
    return verifySync(body, presented, secret);
  } catch (error) {
    if (isSignerError(error) && error.code === 'ERR_SIGNER_EMPTY_SECRET') return undefined;
    throw error;
  }
}
