import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '@plugnmeet-signing/test-server';
import { PlugNmeet, type PlugNmeetOptions } from '../src/index.js';

/** The runtime this suite runs on, as set by scripts/run-vitest.mjs. */
export const runtime = process.env.PNM_TEST_RUNTIME ?? 'node';

export async function setup(
  serverOptions: TestServerOptions = {},
  clientOptions: Partial<PlugNmeetOptions> = {},
): Promise<{ server: TestServer; client: PlugNmeet }> {
  const server = await startTestServer(serverOptions);
  const client = new PlugNmeet({
    serverUrl: server.url,
    apiKey: server.apiKey,
    apiSecret: server.secret,
    ...clientOptions,
  });
  return { server, client };
}

export const roomRequest = (room_id: string) => ({
  room_id,
  metadata: { room_title: `Room ${room_id}`, room_features: { allow_webcams: true } },
});
