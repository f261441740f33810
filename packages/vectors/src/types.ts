/**
 * The decoded shape of a vector, as the loader hands it out. The JSON form is described by
 * vectors/schema.json; here every bytes spec is already expanded to its bytes.
 *
 * @module
 */

/** What every vector has. */
export interface VectorBase {
  /** Stable kebab-case id, unique across all files: cite vectors by id. */
  id: string;
  /** The file's name inside the vectors directory, e.g. `edge-cases.json`. */
  file: string;
  description: string;
  /** Tags from the vocabulary in vectors/schema.json (`$defs/tag`). */
  tags: readonly string[];
  /** The exact request body bytes the HMAC covers. */
  body: Uint8Array;
  /** The exact secret bytes used as the HMAC key. */
  secret: Uint8Array;
}

/** Signing `body` with `secret` must give `signature`. */
export interface SignVector extends VectorBase {
  kind: 'sign';
  /** 64 lowercase hex digits. */
  signature: string;
  /**
   * `'acceptable'`: the implementation may refuse the input with an error instead (e.g. the
   * empty secret); if it signs anyway, its signature must equal `signature`.
   */
  refusal?: 'acceptable';
}

/** A verifier given `body`, `secret` and the header text `presented` must answer `result`. */
export interface VerifyVector extends VectorBase {
  kind: 'verify';
  /** The `HASH-SIGNATURE` header text presented; any string. */
  presented: string;
  result: 'valid' | 'invalid';
}

/** A sign or verify vector; switch on `kind`. */
export type Vector = SignVector | VerifyVector;

/** One validated and expanded vector file. */
export interface VectorFile {
  /** The path the file was read from. */
  path: string;
  /** The file name without `.json`. */
  name: string;
  formatVersion: number;
  description: string;
  /** Where the cases come from, with the licence when there is one. */
  source: string;
  vectors: Vector[];
}
