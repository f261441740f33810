/**
 * What one failed validation says in plain words: the JSON Pointer of the place at fault,
 * what the schema expects there and what was found. The words come from the schemas'
 * `x-expected` annotations, so the schema a reader can see is also what the runner says.
 *
 * @module
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { pointerSegment, valueAtPointer } from './json-pointer.js';
import { resolveRef } from './load.js';

/** One problem with a value, at one place. */
export interface SchemaIssue {
  /** JSON Pointer into the value (`/expectations/0/cause`), `''` for the value itself. */
  jsonPath: string;
  /** What is expected there, as a noun phrase: `a non-empty string`, `the number 1 or 2`. */
  expected: string;
  /** What is there, as short JSON, or `nothing` for a missing property. */
  got: string;
  /** The JSON type of what is there (`array` and `null` told apart), or `undefined`. */
  gotType: string;
}

type Schema = Record<string, unknown>;

function annotation(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const own = (schema as Schema)['x-expected'];
  if (typeof own === 'string') return own;
  // A property declared as `{ "$ref": "#/$defs/text" }` says what its target says.
  return annotation(resolveRef(schema));
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** What the keyword that failed wants, when no annotation says it. */
function plainly(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = String(params.type).split(',');
      return types.map(article).join(' or ');
    }
    case 'const':
      return JSON.stringify(params.allowedValue);
    case 'enum':
      return `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minLength':
      return params.limit === 1 ? 'a non-empty string' : `at least ${params.limit} characters`;
    case 'minItems':
      return `at least ${params.limit} items`;
    case 'minimum':
      return `a number ≥ ${params.limit}`;
    default:
      return error.message ?? error.keyword;
  }
}

/**
 * The JSON type of `value`, telling arrays and null from objects (as `typeof` does not).
 *
 * @throws Never.
 * @example
 * ```ts
 * jsonType([]); // 'array'
 * ```
 */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * `value` as JSON of at most 60 characters, a longer one cut with `…`: a message names the
 * value, it does not repeat a whole report. `undefined` (a missing property) is `nothing`.
 *
 * @throws Never.
 * @example
 * ```ts
 * shortJson('1'); // '"1"'
 * ```
 */
export function shortJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function present(names: readonly string[], value: unknown): string {
  const found = names.filter(
    (name) => typeof value === 'object' && value !== null && Object.hasOwn(value, name),
  );
  return found.length === 0 ? 'none of them' : found.join(', ');
}

/**
 * The first problem among ajv's `errors` for `value`, in plain words. A failed `if` only
 * repeats its `then`, and the branches of an "exactly one of" (`x-one-of`) are summed up by
 * it; a missing property is named at its own place, with what it should have been.
 *
 * @throws Never.
 * @example
 * ```ts
 * validate(file) || firstIssue(validate.errors ?? [], file);
 * // { jsonPath: '/expectations/0/environment', expected: 'a non-empty string', got: 'nothing', … }
 * ```
 */
export function firstIssue(errors: readonly ErrorObject[], value: unknown): SchemaIssue {
  const summaries = errors
    .filter((e) => e.keyword === 'oneOf' && Array.isArray((e.parentSchema as Schema)['x-one-of']))
    .map((e) => `${e.schemaPath}/`);
  const error = errors.find(
    (e) => e.keyword !== 'if' && !summaries.some((prefix) => e.schemaPath.startsWith(prefix)),
  );
  if (!error)
    return {
      jsonPath: '',
      expected: 'a valid value',
      got: shortJson(value),
      gotType: jsonType(value),
    };
  const parent = error.parentSchema as Schema;
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const declared = (parent.properties as Schema | undefined)?.[missing];
    return {
      jsonPath: `${error.instancePath}/${pointerSegment(missing)}`,
      expected: annotation(declared) ?? 'a value (the property is required)',
      got: 'nothing',
      gotType: 'undefined',
    };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const jsonPath = `${error.instancePath}/${pointerSegment(extra)}`;
    const found = valueAtPointer(value, jsonPath);
    return {
      jsonPath,
      expected: 'no such property',
      got: shortJson(found),
      gotType: jsonType(found),
    };
  }
  const found = valueAtPointer(value, error.instancePath);
  if (error.keyword === 'oneOf' && Array.isArray(parent['x-one-of'])) {
    const names = parent['x-one-of'] as string[];
    // ajv tries the branches before the type: a value that is no object is that, first.
    if (jsonType(found) !== 'object') {
      return {
        jsonPath: error.instancePath,
        expected: annotation(parent) ?? 'an object',
        got: shortJson(found),
        gotType: jsonType(found),
      };
    }
    return {
      jsonPath: error.instancePath,
      expected: `an object with exactly one of ${names.join(', ')}`,
      got: present(names, found),
      gotType: jsonType(found),
    };
  }
  return {
    jsonPath: error.instancePath,
    expected: annotation(parent) ?? plainly(error),
    got: shortJson(found),
    gotType: jsonType(found),
  };
}
