/**
 * `wire-client/node`: this project's client (`@plugnmeet-signing/client`) sending the case
 * body through its generic `request(path, body)` to a loopback test server. The body goes
 * in as a string when it is UTF-8 (the common call) and as bytes otherwise (the client's
 * way to send bytes a string cannot hold); either way it must arrive byte for byte.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { strictUtf8 } from '../../values/bytes.js';
import {
  type InProcessSender,
  inProcessWireColumn,
  WIRE_API_KEY,
  WIRE_PATH,
} from './server-session.js';

interface ClientModule {
  PlugNmeet: new (options: {
    serverUrl: string;
    apiKey: string;
    apiSecret: string;
    timeoutMs?: number;
  }) => { request(path: string, body: string | Uint8Array): Promise<unknown> };
}

/** The body as the string the client is called with, or the bytes when no string holds them. */
export function clientBody(body: Uint8Array): string | Uint8Array {
  return strictUtf8(body) ?? body;
}

const require = createRequire(import.meta.url);

const sender = (client: ClientModule): InProcessSender => ({
  precheck: () => undefined,
  async send(url, input, secret) {
    let pnm: InstanceType<ClientModule['PlugNmeet']>;
    try {
      pnm = new client.PlugNmeet({
        serverUrl: url,
        apiKey: WIRE_API_KEY,
        apiSecret: secret,
        timeoutMs: 20_000,
      });
    } catch (error) {
      // The constructor refuses an empty secret before anything is sent.
      return { ok: false, message: (error as Error).message, refused: true };
    }
    try {
      await pnm.request(WIRE_PATH, clientBody(input.body));
      return { ok: true };
    } catch (error) {
      // 401 and status:false are errors of the client's API; the server's record judges.
      const code = (error as { code?: string }).code;
      return {
        ok: false,
        message: `${code ?? 'error'}: ${(error as Error).message}`,
        refused: code === 'ERR_PNM_INVALID_ARGUMENT',
      };
    }
  },
});

/** The `wire-client/node` column. */
export function clientWireColumn() {
  return inProcessWireColumn({
    implementation: {
      id: 'wire-client',
      label: "This project's client, request(path, body) → loopback server",
      kind: 'wire',
      origin: 'outside',
      checks: 'wire',
      language: 'typescript',
    },
    environment: {
      id: 'node',
      label: `Node.js ${process.versions.node}, @plugnmeet-signing/client`,
    },
    async load() {
      let packageJson: string;
      try {
        packageJson = require.resolve('@plugnmeet-signing/client/package.json');
      } catch (error) {
        return {
          available: false,
          reason: `@plugnmeet-signing/client is not installed: ${(error as Error).message}`,
          install: 'npm install @plugnmeet-signing/client',
        };
      }
      const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string })
        .version;
      const client = (await import('@plugnmeet-signing/client')) as unknown as ClientModule;
      return {
        available: true,
        version: `node ${process.versions.node}, @plugnmeet-signing/client ${version}`,
        label: `Node.js ${process.versions.node}, @plugnmeet-signing/client ${version} (fetch)`,
        sender: sender(client),
      };
    },
  });
}
