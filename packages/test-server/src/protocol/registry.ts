/**
 * The upstream definitions at run time: the generated FileDescriptorSet loaded into a
 * protobuf-es registry, with a protovalidate validator over it. No Go needed.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import {
  createFileRegistry,
  type DescMessage,
  type FileRegistry,
  fromBinary,
} from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { createValidator, type Validator } from '@bufbuild/protovalidate';
import { TestServerError } from '../errors.js';
import { DESCRIPTOR_SET_BASE64 } from '../generated/plugnmeet-protocol.js';

let loaded: { registry: FileRegistry; validator: Validator } | undefined;

function load() {
  if (!loaded) {
    const set = fromBinary(FileDescriptorSetSchema, Buffer.from(DESCRIPTOR_SET_BASE64, 'base64'));
    const registry = createFileRegistry(set);
    loaded = { registry, validator: createValidator({ registry }) };
  }
  return loaded;
}

/**
 * The registry of every message of the pinned `proto_files/` and their imports.
 *
 * @throws Never after the first call (the bundled set is valid; a broken one throws once).
 * @example
 * ```ts
 * protocolRegistry().getMessage('plugnmeet.IsRoomActiveReq');
 * ```
 */
export function protocolRegistry(): FileRegistry {
  return load().registry;
}

/**
 * The protovalidate validator, compiled from the `buf.validate` options of the bundle.
 *
 * @example
 * ```ts
 * protocolValidator().validate(schema, message).kind; // 'valid' | 'invalid' | 'error'
 * ```
 */
export function protocolValidator(): Validator {
  return load().validator;
}

/**
 * A message of the bundle by full name.
 *
 * @throws {TestServerError} `UNKNOWN_DEFINITION` when the pinned version has no such message.
 * @example
 * ```ts
 * messageSchema('plugnmeet.CommonResponse').fields.map((f) => f.name);
 * ```
 */
export function messageSchema(fullName: string): DescMessage {
  const schema = protocolRegistry().getMessage(fullName);
  if (!schema) {
    throw new TestServerError(
      'UNKNOWN_DEFINITION',
      `the pinned protocol has no message ${fullName}`,
    );
  }
  return schema;
}
