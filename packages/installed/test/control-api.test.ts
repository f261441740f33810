/**
 * `pnm-test-server`'s control API from the packed tarball, installed with npm outside the
 * workspace: the Python example's own test suite (standard-library unittest) steers the
 * installed server through it, started from `node_modules/.bin` as an SDK author's suite
 * would; and without `--control` the API is refused.
 */
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { bin, copyIntoProject, installDir, nodeScript, userEnvironment } from './user-env.js';

copyIntoProject('examples/python/plugnmeet_signer.py', 'plugnmeet_signer.py');
copyIntoProject('examples/python/test_control_api.py', 'test_control_api.py');

function python(): string | undefined {
  try {
    // The real interpreter, not the pyenv shim (toolchain.md): one lookup.
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

const interpreter = python();

describe('the control API of the installed pnm-test-server', () => {
  test("the Python example's unittest suite passes against it (401, 502, hang-up, delay, webhook round trip)", async (ctx) => {
    // Under CI=true a missing python3 fails this test; elsewhere it is skipped, saying so.
    requireSubject(ctx, interpreter === undefined ? 'python3 is not on PATH' : undefined);
    const run = await execa(interpreter as string, ['-m', 'unittest', '-v', 'test_control_api'], {
      cwd: installDir,
      env: userEnvironment(),
      extendEnv: false,
      reject: false,
      timeout: 240_000,
    });
    // unittest reports on stderr: every test named, and "OK" with no skips.
    expect(run.exitCode, run.stderr).toBe(0);
    const ran = /^Ran (\d+) tests? /m.exec(run.stderr);
    expect(Number(ran?.[1])).toBeGreaterThanOrEqual(12);
    expect(run.stderr).toMatch(/^OK$/m);
    for (const name of [
      'test_a_401_is_an_auth_failure_with_the_status_code',
      'test_a_502_html_page_is_an_http_failure',
      'test_a_hang_up_is_a_network_failure',
      'test_a_delayed_answer_arrives_and_a_slower_one_times_out',
      'test_a_webhook_round_trip_through_verify_webhook',
      'test_refused_without_control',
    ]) {
      expect(run.stderr).toMatch(new RegExp(`^${name} .* \\.\\.\\. ok$`, 'm'));
    }
  });

  test('is refused when the server was started without --control, and shown by --help', async () => {
    const help = await bin('pnm-test-server', ['--help']);
    expect(help.exitCode, help.stderr).toBe(0);
    expect(help.stdout).toContain('--control-token T');
    expect(help.stdout).toContain('curl -X POST $C/answers');

    const server = bin('pnm-test-server', ['--port', '0', '--api-key', 'K', '--secret', 'S']);
    const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
      let output = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const line = output.split('\n')[0];
        if (output.includes('\n') && line) resolve(JSON.parse(line));
      });
      server.then((r) => reject(new Error(`exited before listening: ${r.exitCode} ${r.stderr}`)));
    });
    expect(listening).toMatchObject({ type: 'listening', control: null });
    const url = String(listening.url);
    const refused = await fetch(`${url}/__control/answers`, {
      method: 'POST',
      body: JSON.stringify({ answers: [{ status: 502 }] }),
    });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'CONTROL_OFF' } });
    const index = await fetch(`${url}/__control`);
    expect(index.status).toBe(404);
    server.kill('SIGTERM');
    const result = await server;
    expect(result.exitCode, result.stderr).toBe(0);
    // Refused control calls are no requests of the emulated server: nothing was logged.
    const records = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string });
    expect(records.map((r) => r.type)).toEqual(['listening', 'stopped']);
  });

  test('ships its OpenAPI document behind the package export', async () => {
    const run = await nodeScript(`
      import { createRequire } from 'node:module';
      import { readFileSync } from 'node:fs';
      const path = createRequire(import.meta.url).resolve('@plugnmeet-signing/test-server/control-api.openapi.json');
      const doc = JSON.parse(readFileSync(path, 'utf8'));
      console.log(JSON.stringify({ openapi: doc.openapi, paths: Object.keys(doc.paths) }));
    `);
    expect(run.exitCode, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths).toContain('/__control/answers');
    expect(doc.paths).toContain('/__control/webhooks');
  });
});
