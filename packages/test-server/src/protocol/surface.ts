/**
 * The API surface the bundle defines, as reviewable data: per route, the request and
 * response messages and every field (name, type, cardinality, `buf.validate` rules) reachable
 * from them. Committed as `upstream-surface.json`; a bump that changes it fails a test naming
 * the changes until the new surface is accepted.
 *
 * @module
 */
import {
  type DescExtension,
  type DescField,
  type DescMessage,
  getOption,
  hasOption,
  toJson,
} from '@bufbuild/protobuf';
import { UPSTREAM } from '../generated/plugnmeet-protocol.js';
import { messageSchema, protocolRegistry } from './registry.js';
import { AUTH_ROUTES } from './routes.js';

/** The surface: routes and the fields of every message they reach. */
export interface ProtocolSurface {
  readonly version: string;
  readonly routes: Record<string, { request: string | null; response: string }>;
  /** `Message.field` → `type[ list|map][ optional][ oneof name] [rules]`. */
  readonly fields: Record<string, string>;
}

// The (buf.validate.field) option, decoded with the bundle's own validate.proto.
function rulesOf(field: DescField): string {
  const registry = protocolRegistry();
  const extension = registry.getExtension('buf.validate.field') as DescExtension | undefined;
  if (!extension || !hasOption(field, extension)) return '';
  const value = getOption(field, extension);
  const json = toJson(extension.message as DescMessage, value as never, { registry });
  return ` ${JSON.stringify(json)}`;
}

function typeOf(field: DescField): string {
  const base = (f: DescField) =>
    f.message?.typeName ??
    f.enum?.typeName ??
    (f.scalar === undefined ? '?' : `scalar ${f.scalar}`);
  const kind = field.fieldKind === 'list' ? ' list' : field.fieldKind === 'map' ? ' map' : '';
  const optional = field.proto.proto3Optional ? ' optional' : '';
  const oneof = field.oneof ? ` oneof ${field.oneof.name}` : '';
  const rules = rulesOf(field);
  return `${base(field)}${kind}${optional}${oneof}${rules}`;
}

/**
 * Describes the bundled surface.
 *
 * @throws {TestServerError} `UNKNOWN_DEFINITION` when a route names a missing message.
 * @example
 * ```ts
 * describeSurface().routes['/auth/room/create']; // { request: 'plugnmeet.CreateRoomReq', … }
 * ```
 */
export function describeSurface(): ProtocolSurface {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  const walk = (schema: DescMessage) => {
    if (seen.has(schema.typeName) || schema.typeName.startsWith('google.protobuf.')) return;
    seen.add(schema.typeName);
    for (const field of schema.fields) {
      fields[`${schema.typeName}.${field.name}`] = typeOf(field);
      if (field.message) walk(field.message);
    }
  };
  const routes: ProtocolSurface['routes'] = {};
  for (const route of AUTH_ROUTES) {
    routes[route.path] = { request: route.request ?? null, response: route.response };
    if (route.request) walk(messageSchema(route.request));
    walk(messageSchema(route.response));
  }
  walk(messageSchema('plugnmeet.CommonNotifyEvent'));
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
  return { version: UPSTREAM.version, routes, fields: sorted };
}
