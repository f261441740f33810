import { createHmac } from 'node:crypto';

export const sign = (body: string | Uint8Array, secret: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

export async function post(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
): Promise<{ status: number; text: string; json: unknown }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/**
 * Sends a request over a plain socket, headers exactly as given (repeats, padding, no
 * Content-Type), which fetch cannot do. Returns the status and the body text.
 */
export async function rawPost(
  url: string,
  headers: readonly (readonly [string, string])[],
  body: Uint8Array,
): Promise<{ status: number; text: string }> {
  const { connect } = await import('node:net');
  const target = new URL(url);
  const head = [
    `POST ${target.pathname} HTTP/1.1`,
    `Host: ${target.host}`,
    'Connection: close',
    `Content-Length: ${body.length}`,
    ...headers.map(([name, value]) => `${name}:${value}`),
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    // No half-close after the body: Deno's server drops a request whose socket was ended.
    socket.write(head);
    socket.write(body);
  });
}
