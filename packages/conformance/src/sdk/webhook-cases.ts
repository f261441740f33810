/**
 * The webhook cases an SDK's verifier is judged on: genuine deliveries made at run time by
 * the emulator's notifier and caught, bytes and headers, by a loopback receiver; the same
 * in each header alone; and the forgeries of each, which must all be refused.
 *
 * @module
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from '@plugnmeet-signing/test-server';
import type { WebhookCase, WebhookDelivery } from '../cases.js';
import { LARGE_INT64 } from './call-scenarios.js';
import { clockSkewCases } from './webhook-clock-skew.js';
import { webhookForgeries } from './webhook-forgeries.js';

/** Events with non-ASCII text, escapes and int64 values above 2^53, as the server sends them. */
const EVENTS: ReadonlyArray<{ id: string; event: Record<string, unknown> }> = [
  {
    id: 'room-started',
    event: {
      event: 'room_started',
      room: {
        sid: 'RM_pnm01',
        room_id: 'pnm-conformance-room',
        creation_time: LARGE_INT64,
        metadata: '{"room_title":"Réunion «conformité» ☃ \\u2028"}',
        num_participants: 1,
      },
      id: '6f1b0c1e-4b8e-4d7a-9a51-2f7c6c1d2e3f',
      created_at: LARGE_INT64,
    },
  },
  {
    id: 'participant-joined',
    event: {
      event: 'participant_joined',
      room: { sid: 'RM_pnm01', room_id: 'pnm-conformance-room' },
      participant: {
        sid: 'PA_zoe',
        identity: 'zoe-1',
        name: 'Zoë Ångström 会議',
        joined_at: LARGE_INT64,
      },
      id: '0b7e4a52-8d0c-4f2e-8f44-5b1e9c3a7d10',
      created_at: '1733130000',
    },
  },
  {
    id: 'session-ended',
    event: {
      event: 'session_ended',
      room: { sid: 'RM_pnm01', room_id: 'pnm-conformance-room' },
      id: 'c3d9e1f0-2a4b-4c6d-8e0f-1a2b3c4d5e6f',
      created_at: '1733130001',
    },
  },
];

async function readAll(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Sends each event through `server`'s notifier to a loopback receiver and returns what
 * arrived there, body bytes and headers exactly as sent.
 *
 * @throws {Error} When the emulator's notifier delivers nothing for an event.
 * @example
 * ```ts
 * const [{ delivery }] = await catchDeliveries(server, [{ id: 'e', event }]);
 * ```
 */
export async function catchDeliveries(
  server: TestServer,
  events: ReadonlyArray<{ id: string; event: Record<string, unknown> }>,
): Promise<Array<{ id: string; delivery: WebhookDelivery }>> {
  const caught: WebhookDelivery[] = [];
  const receiver = createServer((request, response) => {
    void readAll(request).then((body) => {
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
        const name = request.rawHeaders[i] as string;
        if (/^(authorization|hash-token|content-type)$/i.test(name))
          headers[name] = request.rawHeaders[i + 1] as string;
      }
      caught.push({ body, headers });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
  try {
    const deliveries: Array<{ id: string; delivery: WebhookDelivery }> = [];
    for (const { id, event } of events) {
      caught.length = 0;
      await server.sendWebhook(event, [url]);
      const [delivery] = caught;
      if (!delivery) throw new Error(`the emulator's notifier delivered nothing for ${id}`);
      deliveries.push({ id, delivery });
    }
    return deliveries;
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}

function onlyHeader(delivery: WebhookDelivery, keep: RegExp): WebhookDelivery {
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).filter(
      ([name]) => !/^(authorization|hash-token)$/i.test(name) || keep.test(name),
    ),
  );
  return { body: delivery.body, headers };
}

/**
 * `delivery` with `Authorization` present but empty and `Hash-Token` as sent: the token is
 * still there, in the header the notifier adds for setups that strip `Authorization`.
 */
function emptyAuthorization(delivery: WebhookDelivery): WebhookDelivery {
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [
      name,
      /^authorization$/i.test(name) ? '' : value,
    ]),
  );
  return { body: delivery.body, headers };
}

/**
 * Every webhook case for one run: each event genuine with both headers, with `Authorization`
 * alone and with `Hash-Token` alone (all valid); for the first event, an empty
 * `Authorization` beside its `Hash-Token` (valid), its clock-skew cases (valid within the
 * upstream leeway, invalid beyond it) and its forgeries (all invalid); made now so that
 * their times are real.
 *
 * @throws {Error} When the emulator's notifier delivers nothing (a broken emulator).
 * @example
 * ```ts
 * const cases = await webhookCases(server); // genuine and forged, with the verdict each must get
 * ```
 */
export async function webhookCases(server: TestServer): Promise<WebhookCase[]> {
  const genuine = await catchDeliveries(server, EVENTS);
  const cases: WebhookCase[] = genuine.flatMap(({ id, delivery }) => [
    { id: `webhook-${id}`, description: `${id}, both headers`, delivery, valid: true },
    {
      id: `webhook-${id}-authorization-only`,
      description: `${id}, Authorization alone`,
      delivery: onlyHeader(delivery, /^authorization$/i),
      valid: true,
    },
    {
      id: `webhook-${id}-hash-token-only`,
      description: `${id}, Hash-Token alone`,
      delivery: onlyHeader(delivery, /^hash-token$/i),
      valid: true,
    },
  ]);
  const [first] = genuine;
  if (first) {
    const now = Date.now() / 1000;
    cases.push(
      {
        id: `webhook-${first.id}-empty-authorization`,
        description: `${first.id}, an empty Authorization header beside a valid Hash-Token (a proxy blanked it)`,
        delivery: emptyAuthorization(first.delivery),
        valid: true,
      },
      ...clockSkewCases(first.delivery, { secret: server.secret, now }),
      ...webhookForgeries(first.delivery, { apiKey: server.apiKey, secret: server.secret, now }),
    );
  }
  return cases;
}
