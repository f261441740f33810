/**
 * Expands a bytes spec (`{"utf8"}`, `{"hex"}`, `{"base64"}` or `{"repeat"}`) to its bytes.
 *
 * This repeats the schema's checks on purpose: `expandBytes` is public and must be exact
 * for any input, not only for files that went through ajv first.
 *
 * @module
 */
import { decodeBase64, decodeHex, encodeUtf8 } from './codec.js';
import type { ExpansionBudget } from './expansion-budget.js';
import { schemaError } from './issues.js';

/** The largest expansion accepted: a typo in `count` must not exhaust memory. */
export const MAX_EXPANDED_BYTES = 64 * 1024 * 1024;

const ALL_FORMS = 'must have exactly one of utf8, hex, base64, repeat';
const PLAIN_FORMS = 'must have exactly one of utf8, hex, base64';
const REPEAT_KEYS = new Set(['prefix', 'unit', 'count', 'suffix']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyForm(
  spec: unknown,
  jsonPath: string,
  file: string,
  repeat: boolean,
): [string, unknown] {
  const rule = repeat ? ALL_FORMS : PLAIN_FORMS;
  if (!isPlainObject(spec)) throw schemaError(file, jsonPath, rule);
  const keys = Object.keys(spec);
  const [key] = keys;
  if (keys.length !== 1 || key === undefined) throw schemaError(file, jsonPath, rule);
  const known = key === 'utf8' || key === 'hex' || key === 'base64' || (repeat && key === 'repeat');
  if (!known) throw schemaError(file, jsonPath, `${rule} (unknown property "${key}")`);
  return [key, spec[key]];
}

function expandPlain(
  spec: unknown,
  jsonPath: string,
  file: string,
  repeat: boolean,
  budget?: ExpansionBudget,
): Uint8Array {
  const [form, value] = onlyForm(spec, jsonPath, file, repeat);
  const at = `${jsonPath}/${form}`;
  if (form === 'utf8') return encodeUtf8(value, at, file);
  if (form === 'hex') return decodeHex(value, at, file);
  if (form === 'base64') return decodeBase64(value, at, file);
  return expandRepeat(value, at, file, budget);
}

function expandRepeat(
  spec: unknown,
  at: string,
  file: string,
  budget?: ExpansionBudget,
): Uint8Array {
  if (!isPlainObject(spec)) throw schemaError(file, at, 'must be an object with unit and count');
  for (const key of Object.keys(spec)) {
    if (!REPEAT_KEYS.has(key)) throw schemaError(file, at, `has unknown property "${key}"`);
  }
  if (!('unit' in spec)) throw schemaError(file, at, "must have required property 'unit'");
  if (!('count' in spec)) throw schemaError(file, at, "must have required property 'count'");
  const { count } = spec;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_EXPANDED_BYTES
  ) {
    throw schemaError(file, `${at}/count`, `must be an integer from 1 to ${MAX_EXPANDED_BYTES}`);
  }
  const unit = expandPlain(spec.unit, `${at}/unit`, file, false);
  if (unit.length === 0) throw schemaError(file, `${at}/unit`, 'must not be empty');
  const prefix =
    'prefix' in spec ? expandPlain(spec.prefix, `${at}/prefix`, file, false) : new Uint8Array(0);
  const suffix =
    'suffix' in spec ? expandPlain(spec.suffix, `${at}/suffix`, file, false) : new Uint8Array(0);
  const repeated = unit.length * count;
  const total = prefix.length + repeated + suffix.length;
  if (total > MAX_EXPANDED_BYTES) {
    throw schemaError(
      file,
      at,
      `expands to ${total} bytes, more than the ${MAX_EXPANDED_BYTES}-byte limit`,
    );
  }
  // Refused before the bytes are made: a file of many large repeats must not fill memory first.
  budget?.check(total, file, at);
  const out = new Uint8Array(total);
  out.set(prefix, 0);
  out.set(unit, prefix.length);
  // Double the filled run each step: log2(count) copies instead of count of them.
  for (let filled = unit.length; filled < repeated; filled *= 2) {
    out.copyWithin(
      prefix.length + filled,
      prefix.length,
      prefix.length + Math.min(filled, repeated - filled),
    );
  }
  out.set(suffix, prefix.length + repeated);
  return out;
}

/**
 * Expands one bytes spec to the bytes it stands for: `{"utf8": string}` (UTF-8, lone
 * surrogates refused), `{"hex": string}` (lowercase, even length), `{"base64": string}`
 * (standard alphabet, padded, canonical) or `{"repeat": {prefix?, unit, count, suffix?}}`
 * (prefix + unit × count + suffix; parts are plain specs; at most 64 MiB in total).
 *
 * @param spec The parsed JSON value.
 * @param jsonPath JSON Pointer of `spec` in its file, used in error messages.
 * @param file The file `spec` came from, used in error messages.
 * @param budget The load's total budget, charged with the bytes (a `repeat` is checked
 * against it before it is expanded).
 * @throws {VectorError} `ERR_VECTOR_SCHEMA` naming `file` and the JSON path at fault when
 * the spec is malformed, ambiguous or too large.
 * @example
 * ```ts
 * expandBytes({ hex: '00ff' }, '/vectors/0/body', 'x.json'); // Uint8Array [0, 255]
 * expandBytes({ repeat: { unit: { utf8: 'ab' }, count: 3 } }, '/body', 'x.json'); // "ababab"
 * expandBytes({ utf8: 'a', hex: '61' }, '/vectors/3/body', 'x.json');
 * // throws: x.json: /vectors/3/body: must have exactly one of utf8, hex, base64, repeat
 * ```
 */
export function expandBytes(
  spec: unknown,
  jsonPath: string,
  file: string,
  budget?: ExpansionBudget,
): Uint8Array {
  const bytes = expandPlain(spec, jsonPath, file, true, budget);
  budget?.charge(bytes.length, file, jsonPath);
  return bytes;
}
