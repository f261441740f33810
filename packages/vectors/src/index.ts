/**
 * Loads the shared plugNmeet `HASH-SIGNATURE` vectors (vectors/*.json), validated against
 * vectors/schema.json and with every bytes spec expanded to exact bytes. Runs on Node 20+,
 * Deno and Bun.
 *
 * @example
 * ```ts
 * import { loadVectorFilesSync, toHex } from '@plugnmeet-signing/vectors';
 * for (const file of loadVectorFilesSync()) {
 *   for (const v of file.vectors) if (v.kind === 'sign') console.log(v.id, toHex(v.body), v.signature);
 * }
 * ```
 *
 * @module
 */
export { expandBytes, MAX_EXPANDED_BYTES } from './bytes-spec.js';
export { fromHex, toHex } from './codec.js';
export { isVectorError, VectorError, type VectorErrorCode, type VectorIssue } from './errors.js';
export {
  ExpansionBudget,
  MAX_TOTAL_EXPANDED_BYTES,
  MAX_TOTAL_VECTORS,
} from './expansion-budget.js';
export {
  loadVectorFiles,
  loadVectorFilesSync,
  loadVectorFilesWith,
  loadVectors,
  loadVectorsSync,
  MAX_VECTOR_FILE_BYTES,
} from './load.js';
export { decodeVectorBytes, parseVectorFile, parseVectorText } from './parse.js';
export { BUNDLED_VECTORS_DIR, defaultVectorsDir } from './paths.js';
export type { SignVector, Vector, VectorBase, VectorFile, VerifyVector } from './types.js';
export { bundledVectorSet, type VectorSetInfo } from './vector-set.js';
