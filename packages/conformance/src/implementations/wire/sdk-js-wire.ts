/**
 * `wire-sdk-js/node`: the official JS SDK as published on npm (`plugnmeet-sdk-js`, the
 * version this package depends on), calling `getActiveRoomInfo` against a loopback test
 * server. The SDK takes an object, not bytes: the case body must be the text of a JSON
 * object, which is parsed and handed over; the SDK serializes it itself and signs what it
 * serializes. Whatever it then sends is judged byte for byte.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CaseInput, SignAnswer } from '../../model.js';
import { sameBytes, strictUtf8 } from '../../values/bytes.js';
import { type InProcessSender, inProcessWireColumn, WIRE_API_KEY } from './server-session.js';

const utf8 = new TextEncoder();

/** The object the case body stands for, or why the SDK cannot be given it. */
export function sdkParams(
  body: Uint8Array,
): { params: Record<string, unknown> } | { reason: string } {
  const text = strictUtf8(body);
  if (text === undefined) {
    return {
      reason: 'the SDK takes an object, and a body that is not UTF-8 is no JSON object text',
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'the SDK takes an object, and this body is not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      reason: `the SDK takes an object, and this body is JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
    };
  }
  return { params: value as Record<string, unknown> };
}

function preview(bytes: Uint8Array, max = 120): string {
  const text = new TextDecoder().decode(bytes.subarray(0, max));
  return `${JSON.stringify(text)}${bytes.length > max ? '…' : ''}`;
}

interface SdkModule {
  PlugNmeet: new (
    serverUrl: string,
    apiKey: string,
    apiSecret: string,
  ) => {
    getActiveRoomInfo(params: unknown): Promise<{ status: boolean; msg: unknown }>;
  };
}

/**
 * The SDK re-serializes the object (v1.x: `JSON.stringify`). When what it sent is exactly
 * that re-serialization of the case's object, signed right and accepted, the case's own
 * text simply cannot be sent through this API: unrepresentable, saying what went out
 * instead. Anything else is judged as sent.
 */
export function reviewSdkAnswer(input: CaseInput, answer: SignAnswer): SignAnswer {
  if (
    answer.kind !== 'signature' ||
    answer.sent === undefined ||
    sameBytes(answer.sent, input.body)
  )
    return answer;
  const parsed = sdkParams(input.body);
  if (!('params' in parsed) || answer.serverRefusal !== undefined) return answer;
  const reserialized = utf8.encode(JSON.stringify(parsed.params));
  if (!sameBytes(reserialized, answer.sent)) return answer;
  return {
    kind: 'unrepresentable',
    reason: `the SDK re-serializes the object with JSON.stringify: it sent ${preview(answer.sent)} (${answer.sent.length} bytes) for this ${input.body.length}-byte text, signed right and accepted`,
  };
}

const require = createRequire(import.meta.url);

const sender = (sdk: SdkModule): InProcessSender => ({
  precheck(input) {
    const parsed = sdkParams(input.body);
    return 'reason' in parsed ? parsed.reason : undefined;
  },
  async send(url, input, secret) {
    const parsed = sdkParams(input.body);
    if (!('params' in parsed)) return { ok: false, message: parsed.reason, refused: true };
    const client = new sdk.PlugNmeet(url, WIRE_API_KEY, secret);
    const result = await client.getActiveRoomInfo(parsed.params);
    // The SDK never rejects: a failed request resolves with status false and the error text.
    return result.status || typeof result.msg !== 'string'
      ? { ok: true }
      : { ok: false, message: result.msg };
  },
  review: reviewSdkAnswer,
});

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/** The `wire-sdk-js/node` column. */
export function sdkJsWireColumn() {
  return inProcessWireColumn({
    implementation: {
      id: 'wire-sdk-js',
      label: 'Official JS SDK (plugnmeet-sdk-js from npm) → loopback server',
      kind: 'wire',
      origin: 'outside',
      checks: 'wire',
      language: 'javascript',
    },
    environment: { id: 'node', label: `Node.js ${process.versions.node}, plugnmeet-sdk-js` },
    async load() {
      let packageJson: string;
      try {
        packageJson = require.resolve('plugnmeet-sdk-js/package.json');
      } catch (error) {
        return {
          available: false,
          reason: `plugnmeet-sdk-js is not installed: ${firstLine((error as Error).message)}`,
          // An optional dependency of this package, but npm drops it: its preinstall script,
          // `npx only-allow pnpm`, fails under npm (measured with plugnmeet-sdk-js 1.4.1).
          install: 'npm install --ignore-scripts plugnmeet-sdk-js@1.4.1',
        };
      }
      const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string })
        .version;
      const sdk = (await import('plugnmeet-sdk-js')) as unknown as SdkModule & {
        default?: SdkModule;
      };
      const PlugNmeet = sdk.PlugNmeet ?? sdk.default?.PlugNmeet;
      if (typeof PlugNmeet !== 'function') {
        return {
          available: false,
          reason: `plugnmeet-sdk-js ${version} exports no PlugNmeet class`,
          install: '',
        };
      }
      return {
        available: true,
        version: `node ${process.versions.node}, plugnmeet-sdk-js ${version}`,
        label: `Node.js ${process.versions.node}, plugnmeet-sdk-js ${version} (npm), getActiveRoomInfo`,
        sender: sender({ PlugNmeet }),
      };
    },
  });
}
