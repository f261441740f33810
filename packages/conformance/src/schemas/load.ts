/**
 * The JSON Schemas this package ships in `schemas/` (protocol messages, the expectations
 * file, the JSON report), read and compiled once, on first use, with ajv (draft 2020-12),
 * as the vectors package validates its files.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { valueAtPointer } from './json-pointer.js';

/** Every schema this package ships, by its file name in `schemas/` without `.json`. */
export type SchemaName = 'protocol' | 'expectations' | 'report' | 'toolchains';

/**
 * The names of every shipped schema, in the order they are loaded.
 *
 * @example
 * ```ts
 * for (const name of SCHEMA_NAMES) console.log(schemaFile(name));
 * ```
 */
export const SCHEMA_NAMES: readonly SchemaName[] = [
  'protocol',
  'expectations',
  'report',
  'toolchains',
];

/**
 * `schemas/` of this package, with a trailing slash. This module sits in `src/schemas/` or
 * `dist/schemas/`, two levels below the package root either way, so both find the same files.
 *
 * @example
 * ```ts
 * readdirSync(SCHEMAS_DIR); // ['expectations.json', 'protocol.json', 'report.json']
 * ```
 */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/**
 * Where the shipped schema `name` is: the file the validators are compiled from, for an
 * editor or another validator to use.
 *
 * @throws Never.
 * @example
 * ```ts
 * schemaFile('expectations'); // …/node_modules/@plugnmeet-signing/conformance/schemas/expectations.json
 * ```
 */
export function schemaFile(name: SchemaName): string {
  return `${SCHEMAS_DIR}${name}.json`;
}

/**
 * The `$id` the shipped schema `name` has: references between the schemas resolve against it.
 *
 * @throws Never.
 * @example
 * ```ts
 * schemaId('report'); // 'https://plugnmeet-signing.invalid/conformance/schemas/report.json'
 * ```
 */
export function schemaId(name: SchemaName): string {
  return `https://plugnmeet-signing.invalid/conformance/schemas/${name}.json`;
}

interface Loaded {
  ajv: Ajv2020;
  /** Each schema document by its `$id`, to resolve the `$ref` of a missing property. */
  documents: Map<string, unknown>;
  /** The document each subschema object belongs to (ajv hands back the objects themselves). */
  owner: WeakMap<object, string>;
}

let loaded: Loaded | undefined;
const compiled = new Map<string, ValidateFunction>();

function own(node: unknown, id: string, owner: WeakMap<object, string>): void {
  if (typeof node !== 'object' || node === null) return;
  owner.set(node, id);
  for (const child of Object.values(node)) own(child, id, owner);
}

function load(): Loaded {
  if (loaded) return loaded;
  // verbose puts the failing subschema on each error, where the x-expected annotation
  // lives; the first error is enough (allErrors off): one finding names one place.
  // strictRequired is off for the `oneOf: [{required: [a]}, {required: [b]}]` idiom of
  // "exactly one of", whose branches name properties declared beside them.
  const ajv = new Ajv2020({
    allErrors: false,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  ajv.addKeyword('x-expected');
  ajv.addKeyword('x-one-of');
  const documents = new Map<string, unknown>();
  const owner = new WeakMap<object, string>();
  for (const name of SCHEMA_NAMES) {
    const file = schemaFile(name);
    let schema: { $id?: unknown };
    try {
      schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: unknown };
    } catch (cause) {
      // A schema that cannot be read is this package broken, not the user's mistake.
      throw new Error(`cannot read the shipped schema ${file}: ${String(cause)}`, { cause });
    }
    if (schema.$id !== schemaId(name)) {
      throw new Error(`${file}: $id must be ${schemaId(name)}, got ${String(schema.$id)}`);
    }
    ajv.addSchema(schema as object);
    documents.set(schemaId(name), schema);
    own(schema, schemaId(name), owner);
  }
  loaded = { ajv, documents, owner };
  return loaded;
}

/**
 * The compiled validator of a shipped schema, or of one of its definitions (`#/$defs/…`).
 * Compiled on the first call, then cached.
 *
 * @throws {Error} When a shipped schema cannot be read or compiled (a broken installation).
 * @example
 * ```ts
 * const validate = validatorFor('protocol', '#/$defs/helloReply');
 * if (!validate(reply)) console.log(validate.errors?.[0]?.instancePath);
 * ```
 */
export function validatorFor(name: SchemaName, fragment = ''): ValidateFunction {
  const ref = `${schemaId(name)}${fragment}`;
  const known = compiled.get(ref);
  if (known) return known;
  const validate = load().ajv.getSchema(ref);
  if (!validate) throw new Error(`the shipped schema ${name}.json has no ${fragment || 'root'}`);
  compiled.set(ref, validate);
  return validate;
}

/**
 * The subschema a `$ref` in `from` (a subschema of a shipped schema) points at, or
 * undefined when it cannot be followed.
 *
 * @throws Never.
 * @example
 * ```ts
 * resolveRef({ $ref: '#/$defs/text' }); // { type: 'string', minLength: 1, … }
 * ```
 */
export function resolveRef(from: object): unknown {
  const ref = (from as { $ref?: unknown }).$ref;
  if (typeof ref !== 'string' || !loaded) return undefined;
  const base = loaded.owner.get(from);
  if (!base) return undefined;
  const target = new URL(ref, base);
  const fragment = decodeURIComponent(target.hash.slice(1));
  target.hash = '';
  return valueAtPointer(loaded.documents.get(target.href), fragment);
}
