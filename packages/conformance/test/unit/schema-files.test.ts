/**
 * The schemas in `schemas/` are the ones the code compiles, the package ships and exports
 * them, and the values the code keeps in its own constants and types are the schemas'.
 * Nothing spawned.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { EXPECTATIONS_FORMAT_VERSION } from '../../src/expectations/file.js';
import { SUPPORTED_PROTOCOLS } from '../../src/implementations/protocol.js';
import type {
  CallFailure,
  Capability,
  CheckLevel,
  ImplementationOrigin,
  Outcome,
} from '../../src/model.js';
import { countOutcomes, REPORT_FORMAT_VERSION } from '../../src/reports/report.js';
import {
  SCHEMA_NAMES,
  SCHEMAS_DIR,
  schemaFile,
  schemaId,
  validatorFor,
} from '../../src/schemas/load.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {
  files: string[];
  exports: Record<string, unknown>;
};
// biome-ignore lint/suspicious/noExplicitAny: a schema document is read path by path, whatever its shape
type Json = Record<string, any>;
const shipped = (name: string): Json =>
  JSON.parse(readFileSync(`${packageRoot}schemas/${name}.json`, 'utf8'));

describe('the shipped schema files', () => {
  test('are what the code compiles', () => {
    expect(SCHEMAS_DIR).toBe(`${packageRoot}schemas/`);
    for (const name of SCHEMA_NAMES) {
      expect(schemaFile(name)).toBe(`${packageRoot}schemas/${name}.json`);
      expect(validatorFor(name).schema).toEqual(shipped(name));
    }
  });

  test.each(SCHEMA_NAMES)('%s is draft 2020-12 with its $id, title and description', (name) => {
    const schema = shipped(name);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(schemaId(name));
    expect(schema.title).toEqual(expect.any(String));
    expect(schema.description).toEqual(expect.any(String));
  });

  test('are in the package and exported by name', () => {
    expect(manifest.files).toContain('schemas');
    expect(manifest.exports['./schemas/*.json']).toBe('./schemas/*.json');
  });
});

describe('the code and the schemas say the same', () => {
  const protocol = shipped('protocol').$defs as Json;
  const report = shipped('report') as Json;

  test('protocol versions and capabilities', () => {
    expect(protocol.helloFields.properties.protocol.enum).toEqual(SUPPORTED_PROTOCOLS);
    const capabilities: Record<Capability, true> = {
      sign: true,
      verify: true,
      call: true,
      webhook: true,
    };
    const [v1, v2] = protocol.helloReply.allOf.slice(1) as Json[];
    expect(v1?.then.properties.capabilities.contains).toEqual({ const: 'sign' });
    expect(v2?.then.properties.capabilities.contains.enum).toEqual(Object.keys(capabilities));
  });

  test('call failure kinds', () => {
    const kinds: Record<CallFailure['kind'], true> = {
      auth: true,
      api: true,
      http: true,
      network: true,
      timeout: true,
      unsupported: true,
    };
    expect(protocol.callFailure.properties.kind.enum).toEqual(Object.keys(kinds));
  });

  test('format versions', () => {
    expect(shipped('expectations').allOf[0].properties.formatVersion.const).toBe(
      EXPECTATIONS_FORMAT_VERSION,
    );
    expect(report.allOf[0].properties.formatVersion.const).toBe(REPORT_FORMAT_VERSION);
  });

  test('report outcomes, origins and check levels', () => {
    const outcomes = Object.keys(countOutcomes([])) as Outcome[];
    expect(report.$defs.outcome.enum).toEqual(outcomes);
    expect(report.properties.summary.required).toEqual([...outcomes, 'ok']);
    const origins: Record<ImplementationOrigin, true> = {
      documented: true,
      corrected: true,
      outside: true,
    };
    const checks: Record<CheckLevel, true> = { signature: true, wire: true };
    expect(report.$defs.column.properties.origin.enum).toEqual(Object.keys(origins));
    expect(report.$defs.column.properties.checks.enum).toEqual(Object.keys(checks));
  });
});
