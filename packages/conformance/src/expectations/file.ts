/**
 * The checked-in expectations file: known divergences, per implementation×environment,
 * each with its cause. A run fails on a divergence it does not list and on an entry that
 * no longer happens (stale), so the file can only stay honest.
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ConformanceError } from '../errors.js';

export const EXPECTATIONS_FORMAT_VERSION = 1;

/** One known divergence. */
export interface Expectation {
  implementation: string;
  environment: string;
  /** Reproduced cause id (see src/diagnosis), `broken`, or `unexplained`. */
  cause: string;
  /** For the doc maintainer: what goes wrong and why. */
  explanation: string;
  /** Vector ids that diverge this way; `["*"]` for every vector the column runs. */
  vectors: string[];
  /** Vector tags whose vectors may diverge this way (stale only when none of them does). */
  tags?: string[];
  /** The property search is expected to meet this cause. */
  property?: boolean;
}

export interface ExpectationsFile {
  formatVersion: number;
  description: string;
  expectations: Expectation[];
}

function fail(path: string, pointer: string, expected: string): never {
  throw new ConformanceError(
    'ERR_CONFORMANCE_EXPECTATIONS',
    `${path}: ${pointer}: expected ${expected}`,
  );
}

function stringArray(value: unknown, path: string, pointer: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    fail(path, pointer, 'an array of strings');
  }
  return value as string[];
}

/**
 * Reads and validates an expectations file.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_EXPECTATIONS` naming the file and JSON path at fault.
 * @example
 * ```ts
 * const file = readExpectations('packages/conformance/expectations.json');
 * ```
 */
export function readExpectations(path: string): ExpectationsFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConformanceError(
      'ERR_CONFORMANCE_EXPECTATIONS',
      `${path}: not readable JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (typeof json !== 'object' || json === null) fail(path, '/', 'an object');
  const file = json as Record<string, unknown>;
  if (file.formatVersion !== EXPECTATIONS_FORMAT_VERSION) {
    fail(path, '/formatVersion', String(EXPECTATIONS_FORMAT_VERSION));
  }
  if (!Array.isArray(file.expectations)) fail(path, '/expectations', 'an array');
  const expectations = file.expectations.map((entry: unknown, i: number): Expectation => {
    const at = `/expectations/${i}`;
    if (typeof entry !== 'object' || entry === null) fail(path, at, 'an object');
    const e = entry as Record<string, unknown>;
    for (const key of ['implementation', 'environment', 'cause', 'explanation'] as const) {
      if (typeof e[key] !== 'string' || e[key] === '')
        fail(path, `${at}/${key}`, 'a non-empty string');
    }
    const known = new Set([
      'implementation',
      'environment',
      'cause',
      'explanation',
      'vectors',
      'tags',
      'property',
    ]);
    for (const key of Object.keys(e))
      if (!known.has(key)) fail(path, `${at}/${key}`, 'no such property');
    if (e.property !== undefined && typeof e.property !== 'boolean')
      fail(path, `${at}/property`, 'a boolean');
    return {
      implementation: e.implementation as string,
      environment: e.environment as string,
      cause: e.cause as string,
      explanation: e.explanation as string,
      vectors: stringArray(e.vectors ?? [], path, `${at}/vectors`),
      ...(e.tags === undefined ? {} : { tags: stringArray(e.tags, path, `${at}/tags`) }),
      ...(e.property === undefined ? {} : { property: e.property as boolean }),
    };
  });
  return {
    formatVersion: EXPECTATIONS_FORMAT_VERSION,
    description: typeof file.description === 'string' ? file.description : '',
    expectations,
  };
}

/** Writes an expectations file with stable ordering, so diffs show only real changes. */
export function writeExpectations(path: string, file: ExpectationsFile): void {
  const expectations = [...file.expectations]
    .map((e) => ({ ...e, vectors: [...e.vectors].sort() }))
    .sort((a, b) =>
      `${a.implementation}/${a.environment}/${a.cause}`.localeCompare(
        `${b.implementation}/${b.environment}/${b.cause}`,
      ),
    );
  writeFileSync(path, `${JSON.stringify({ ...file, expectations }, null, 2)}\n`);
}
