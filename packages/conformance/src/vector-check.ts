/**
 * Every vector is checked against the reference before anything runs, sign vectors as
 * verify vectors: a vector whose stated signature (or verdict) the reference does not give
 * would judge every column wrongly, and only the signer's own tests would notice.
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import type { VectorFile } from '@plugnmeet-signing/vectors';
import { ConformanceError } from './errors.js';
import { referenceSignature, referenceVerdict } from './reference.js';

/**
 * HMAC-SHA256 with an empty key. The reference refuses the empty secret on purpose; a vector
 * that allows refusing it still states the true MAC, which a column that signs must give.
 */
export function emptyKeyMac(body: Uint8Array): string {
  return createHmac('sha256', new Uint8Array()).update(body).digest('hex');
}

/**
 * Refuses vector files that disagree with the reference, naming the file and the JSON path
 * of the first wrong field.
 *
 * @throws ConformanceError `ERR_CONFORMANCE_REFERENCE` for the first vector whose stated
 *   `signature` (sign) or `result` (verify) is not what the reference computes.
 * @example
 * ```ts
 * checkVectorsAgainstReference(await loadVectorFilesWith([])); // throws for a wrong vector
 * ```
 */
export function checkVectorsAgainstReference(files: readonly VectorFile[]): void {
  for (const file of files) {
    file.vectors.forEach((vector, index) => {
      const at = (field: string) => `${file.path}: $.vectors[${index}].${field} (${vector.id})`;
      if (vector.kind === 'sign') {
        const computed = referenceSignature(vector.body, vector.secret) ?? emptyKeyMac(vector.body);
        if (computed !== vector.signature) {
          throw new ConformanceError(
            'ERR_CONFORMANCE_REFERENCE',
            `${at('signature')}: the vector says ${vector.signature}, the reference computes ${computed}: the reference or the vector is wrong`,
          );
        }
        return;
      }
      const verdict = referenceVerdict(vector.body, vector.presented, vector.secret);
      if (verdict === undefined) return; // refused (the empty secret): any stated result stands
      const computed = verdict ? 'valid' : 'invalid';
      if (computed !== vector.result) {
        throw new ConformanceError(
          'ERR_CONFORMANCE_REFERENCE',
          `${at('result')}: the vector says ${vector.result}, the reference says ${computed}: the reference or the vector is wrong`,
        );
      }
    });
  }
}
