/**
 * `pnm-test-server`, the signer and `pnm` from their tarballs, installed with npm outside
 * the workspace: the emulator accepts what the installed signer signs and refuses a
 * tampered request, and both entry points of the signer agree with the shipped vectors.
 */
import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { bin, logRecords, nodeScript, untilListening } from './user-env.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the signer from its tarball', () => {
  test('sign (Web Crypto) and signSync (node:crypto) reproduce every shipped sign vector', async () => {
    const run = await nodeScript(`
      import { loadVectorsSync } from '@plugnmeet-signing/vectors';
      import { sign } from '@plugnmeet-signing/signer';
      import { signSync } from '@plugnmeet-signing/signer/node';
      let checked = 0, refused = 0, wrong = [];
      const attempt = async (f) => { try { return await f(); } catch (e) { return e.code; } };
      for (const v of loadVectorsSync()) {
        if (v.kind !== 'sign') continue;
        // The signer refuses the empty secret (Web Crypto cannot key with it): a coded error.
        const expected = v.secret.length === 0 ? 'ERR_SIGNER_EMPTY_SECRET' : v.signature;
        if (v.secret.length === 0) refused++;
        if ((await attempt(() => sign(v.body, v.secret))) !== expected) wrong.push('async ' + v.id);
        if ((await attempt(() => signSync(v.body, v.secret))) !== expected) wrong.push('sync ' + v.id);
        checked++;
      }
      console.log(JSON.stringify({ checked, refused, wrong }));
    `);
    expect(run.exitCode, run.stderr).toBe(0);
    const { checked, refused, wrong } = JSON.parse(run.stdout);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(0);
  });
});

describe('pnm-test-server from its tarball', () => {
  test('prints its URL, accepts a request the installed signer signed, refuses a tampered one, logs both, stops on SIGTERM', async () => {
    const port = await freePort();
    const server = bin('pnm-test-server', [
      '--port',
      String(port),
      '--api-key',
      'K',
      '--secret',
      'S',
    ]);
    const url = String((await untilListening(server)).url);
    expect(url).toBe(`http://127.0.0.1:${port}`);

    const client = await nodeScript(`
      import { signSync } from '@plugnmeet-signing/signer/node';
      const body = JSON.stringify({ room_id: 'room01' });
      const send = (signature) => fetch('${url}/auth/room/isRoomActive', {
        method: 'POST',
        headers: { 'API-KEY': 'K', 'HASH-SIGNATURE': signature, 'Content-Type': 'application/json' },
        body,
      });
      const good = await send(signSync(body, 'S'));
      const bad = await send(signSync(body + ' ', 'S'));
      console.log(JSON.stringify({ good: good.status, goodBody: await good.json(), bad: bad.status, badBody: await bad.json() }));
    `);
    expect(client.exitCode, client.stderr).toBe(0);
    const answers = JSON.parse(client.stdout);
    expect(answers.good).toBe(200);
    expect(answers.goodBody.status).toBe(true);
    expect(answers.bad).toBe(401);
    expect(answers.badBody).toMatchObject({
      status: false,
      status_code: 'INVALID_TOKEN_OR_SIGNATURE',
    });

    server.kill('SIGTERM');
    const result = await server;
    expect(result.exitCode, result.stderr).toBe(0);
    // One JSON line per request: the exact bytes received and the signature verdict.
    const records = logRecords(result.stdout).filter((record) => record.type === 'request');
    expect(records).toHaveLength(2);
    const body = Buffer.from(JSON.stringify({ room_id: 'room01' })).toString('base64');
    expect(records.map((r) => [r.url, r.body_base64, (r.auth as { ok: boolean }).ok])).toEqual([
      ['/auth/room/isRoomActive', body, true],
      ['/auth/room/isRoomActive', body, false],
    ]);
  });
});

describe('pnm from its tarball', () => {
  test('--help exits 0 and lists the commands', async () => {
    const run = await bin('pnm', ['--help']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/room/);
  });
});
