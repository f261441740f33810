/**
 * Validation against vectors/schema.json with ajv (draft 2020-12, all errors), and the
 * translation of ajv's errors into one readable line per place.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { VectorIssue } from './errors.js';
import { vectorError } from './issues.js';
import { BUNDLED_SCHEMA_PATH } from './paths.js';

/** A bytes spec as written in a file. */
export type RawBytes =
  | { utf8: string }
  | { hex: string }
  | { base64: string }
  | { repeat: { prefix?: RawBytes; unit: RawBytes; count: number; suffix?: RawBytes } };

/** A vector as written in a file. */
export type RawVector = {
  id: string;
  description: string;
  tags: string[];
  body: RawBytes;
  secret: RawBytes;
} & (
  | { kind: 'sign'; signature: string; refusal?: 'acceptable' }
  | { kind: 'verify'; presented: string; result: 'valid' | 'invalid' }
);

/** A vector file as written. */
export interface RawFile {
  $schema: './schema.json';
  formatVersion: 1;
  name: string;
  description: string;
  source: string;
  vectors: RawVector[];
}

const validators = new Map<string, ValidateFunction<RawFile>>();

/**
 * The schema the loader and the files were written against: the one this package ships,
 * or, when that is missing (sources copied without the build), `dir/schema.json`.
 */
export function schemaPathFor(dir: string): string {
  return existsSync(BUNDLED_SCHEMA_PATH) ? BUNDLED_SCHEMA_PATH : join(dir, 'schema.json');
}

/** Reads and compiles the schema once per path. */
export function validatorFor(schemaPath: string): ValidateFunction<RawFile> {
  const cached = validators.get(schemaPath);
  if (cached) return cached;
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  } catch (cause) {
    throw vectorError(
      'ERR_VECTOR_IO',
      schemaPath,
      [{ jsonPath: '', message: `cannot read the schema: ${String(cause)}` }],
      cause,
    );
  }
  // verbose puts the failing subschema on each error, where the x-message annotation lives.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  ajv.addKeyword('x-message');
  let validate: ValidateFunction<RawFile>;
  try {
    validate = ajv.compile<RawFile>(schema as object);
  } catch (cause) {
    throw vectorError(
      'ERR_VECTOR_SCHEMA',
      schemaPath,
      [{ jsonPath: '', message: `cannot compile the schema: ${String(cause)}` }],
      cause,
    );
  }
  validators.set(schemaPath, validate);
  return validate;
}

function note(error: ErrorObject): string | undefined {
  const annotation = (error.parentSchema as Record<string, unknown> | undefined)?.['x-message'];
  return typeof annotation === 'string' ? annotation : undefined;
}

/**
 * One issue per place and rule. ajv reports a failed `if`/`then` twice and an `anyOf` once
 * per branch; the annotated parent's `x-message` says the same in one readable line.
 */
export function schemaIssues(errors: readonly ErrorObject[]): VectorIssue[] {
  // Distinct schema paths (a handful), not one per error: a file of 250,000 vectors with a
  // bad tag has 250,000 such errors, and a list of them made this quadratic.
  const summarized = [
    ...new Set(
      errors
        .filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && note(e) !== undefined)
        .map((e) => `${e.schemaPath}/`),
    ),
  ];
  const merged = new Map<string, { jsonPath: string; message: string; unknown: string[] }>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (summarized.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const annotated = note(error);
    let message = annotated ?? error.message ?? error.keyword;
    if (error.keyword === 'enum' && !annotated) {
      message += `: ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${error.instancePath}\u0000${message}`;
    const entry = merged.get(key) ?? { jsonPath: error.instancePath, message, unknown: [] };
    if (error.keyword === 'additionalProperties') {
      entry.unknown.push((error.params as { additionalProperty: string }).additionalProperty);
    }
    merged.set(key, entry);
  }
  return [...merged.values()].map(({ jsonPath, message, unknown }) => {
    if (unknown.length === 0) return { jsonPath, message };
    const names = unknown.map((name) => JSON.stringify(name)).join(', ');
    if (message === 'must NOT have additional properties') {
      return { jsonPath, message: `has unknown property ${names}` };
    }
    return { jsonPath, message: `${message} (unknown property ${names})` };
  });
}
