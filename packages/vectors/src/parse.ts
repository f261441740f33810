/**
 * Turns one parsed vector file into {@link VectorFile}: schema validation, then the rules
 * the schema cannot state (file name, unique ids, exact bytes), then expansion.
 *
 * @module
 */
import { basename, dirname } from 'node:path';
import { BytePool } from './byte-pool.js';
import { expandBytes } from './bytes-spec.js';
import { isVectorError, VectorError, type VectorIssue } from './errors.js';
import type { ExpansionBudget } from './expansion-budget.js';
import { vectorError } from './issues.js';
import { readJsonText } from './json-text.js';
import { displayPath } from './paths.js';
import { type RawVector, schemaIssues, schemaPathFor, validatorFor } from './schema.js';
import type { Vector, VectorFile } from './types.js';

/** One frozen array per distinct tag list of a file: thousands of vectors share a few. */
function sharedTags(tags: readonly string[], lists: Map<string, readonly string[]>) {
  const key = tags.join('\u0000');
  let list = lists.get(key);
  if (!list) {
    list = Object.freeze([...tags]);
    lists.set(key, list);
  }
  return list;
}

function expandVector(
  raw: RawVector,
  at: string,
  path: string,
  issues: VectorIssue[],
  budget: ExpansionBudget | undefined,
  pool: BytePool,
  tagLists: Map<string, readonly string[]>,
): Vector | undefined {
  let body: Uint8Array | undefined;
  let secret: Uint8Array | undefined;
  for (const field of ['body', 'secret'] as const) {
    try {
      const bytes = pool.keep(expandBytes(raw[field], `${at}/${field}`, path, budget));
      if (field === 'body') body = bytes;
      else secret = bytes;
    } catch (error) {
      if (!isVectorError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  if (!body || !secret) return undefined;
  const base = {
    id: raw.id,
    file: basename(path),
    description: raw.description,
    tags: sharedTags(raw.tags, tagLists),
    body,
    secret,
  };
  if (raw.kind === 'verify') {
    return { ...base, kind: 'verify', presented: raw.presented, result: raw.result };
  }
  return {
    ...base,
    kind: 'sign',
    signature: raw.signature,
    ...(raw.refusal === undefined ? {} : { refusal: raw.refusal }),
  };
}

/**
 * Validates one parsed vector file against vectors/schema.json and expands its bytes.
 * Beyond the schema it requires `name` to equal the file name without `.json` (when `path`
 * ends in `.json`), ids to be unique within the file, and every bytes spec to be exact
 * (see {@link expandBytes}).
 *
 * @param json The parsed file (`JSON.parse` of its text).
 * @param path Where it came from; named in error messages and kept as `VectorFile.path`.
 * @param budget The load's total expansion budget (none: only the per-string limit).
 * @throws {VectorError} `ERR_VECTOR_SCHEMA` listing every schema problem with its JSON path;
 * `ERR_VECTOR_DUPLICATE_ID` when two vectors in the file share an id; `ERR_VECTOR_IO` when
 * the schema itself cannot be read.
 * @example
 * ```ts
 * const file = parseVectorFile(JSON.parse(text), 'vectors/edge-cases.json');
 * for (const vector of file.vectors) console.log(vector.id, vector.body.length);
 * ```
 */
export function parseVectorFile(json: unknown, path: string, budget?: ExpansionBudget): VectorFile {
  const validate = validatorFor(schemaPathFor(dirname(path)));
  if (!validate(json)) {
    throw vectorError('ERR_VECTOR_SCHEMA', path, schemaIssues(validate.errors ?? []));
  }
  const issues: VectorIssue[] = [];
  const stem = basename(path).replace(/\.json$/, '');
  if (path.endsWith('.json') && json.name !== stem) {
    issues.push({
      jsonPath: '/name',
      message: `must equal the file name without .json ("${stem}")`,
    });
  }
  const vectors: Vector[] = [];
  const pool = new BytePool();
  const tagLists = new Map<string, readonly string[]>();
  json.vectors.forEach((raw, i) => {
    const vector = expandVector(raw, `/vectors/${i}`, path, issues, budget, pool, tagLists);
    if (vector) vectors.push(vector);
  });
  if (issues.length > 0) throw vectorError('ERR_VECTOR_SCHEMA', path, issues);

  const firstAt = new Map<string, number>();
  const duplicates: VectorIssue[] = [];
  json.vectors.forEach(({ id }, i) => {
    const first = firstAt.get(id);
    if (first === undefined) firstAt.set(id, i);
    else
      duplicates.push({
        jsonPath: `/vectors/${i}/id`,
        message: `duplicate id "${id}" (first at /vectors/${first}/id)`,
      });
  });
  if (duplicates.length > 0) throw vectorError('ERR_VECTOR_DUPLICATE_ID', path, duplicates);

  return {
    path,
    name: json.name,
    formatVersion: json.formatVersion,
    description: json.description,
    source: json.source,
    vectors,
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file's bytes (UTF-8, nothing else), checks the JSON syntax with a position for
 * every runtime, then {@link parseVectorFile}.
 *
 * @param budget The load's total expansion budget.
 * @throws {VectorError} `ERR_VECTOR_JSON` (not UTF-8, or not JSON with line and column), and
 * as {@link parseVectorFile}.
 * @example
 * ```ts
 * const file = parseVectorBytes(readFileSync('vectors/x.json'), 'vectors/x.json');
 * ```
 */
export function parseVectorBytes(
  bytes: Uint8Array,
  path: string,
  budget?: ExpansionBudget,
): VectorFile {
  return parseVectorText(decodeVectorBytes(bytes, path), path, budget);
}

/**
 * A vector file's bytes as text: UTF-8, nothing else. Kept apart from the parse so that a
 * loader can let go of the bytes before the text is parsed (one copy of a large file at a
 * time, not three).
 *
 * @throws {VectorError} `ERR_VECTOR_JSON` when the bytes are not valid UTF-8.
 * @example
 * ```ts
 * const text = decodeVectorBytes(await readFile(path), path);
 * ```
 */
export function decodeVectorBytes(bytes: Uint8Array, path: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch (cause) {
    throw new VectorError('ERR_VECTOR_JSON', `${displayPath(path)}: is not valid UTF-8`, {
      file: path,
      issues: [{ jsonPath: '', message: 'is not valid UTF-8' }],
      cause,
    });
  }
}

/**
 * Checks the JSON syntax of a vector file's text with a position for every runtime, then
 * {@link parseVectorFile}.
 *
 * @throws {VectorError} `ERR_VECTOR_JSON` with line and column, and as {@link parseVectorFile}.
 * @example
 * ```ts
 * const file = parseVectorText('{"formatVersion":1,…}', 'vectors/x.json');
 * ```
 */
export function parseVectorText(text: string, path: string, budget?: ExpansionBudget): VectorFile {
  const reading = readJsonText(text);
  if ('problem' in reading) {
    const { line, column, reason } = reading.problem;
    throw new VectorError(
      'ERR_VECTOR_JSON',
      `${displayPath(path)}:${line}:${column}: invalid JSON: ${reason}`,
      {
        file: path,
        issues: [{ jsonPath: '', message: `line ${line}, column ${column}: ${reason}` }],
      },
    );
  }
  const json = reading.value;
  // Counted before the schema runs: validating and expanding a quarter of a million vectors
  // is what the count budget is there to avoid.
  const vectors = (json as { vectors?: unknown } | null)?.vectors;
  if (budget && Array.isArray(vectors)) budget.chargeVectors(vectors.length, path);
  return parseVectorFile(json, path, budget);
}
