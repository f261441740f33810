/**
 * The expected values are recomputed by two programs that share no code with the
 * TypeScript signer: Python's hmac (scripts/vectors.py check, which also re-validates
 * every file and cross-checks the doc's published signatures) and the openssl CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadVectorsSync, type SignVector, toHex } from '../src/index.js';
import { pythonExecutable, REPO_ROOT, SCRIPT, tempVectorsDir, VECTORS_DIR } from './helpers.js';

// These check the data, not the runtime: run them once, under Node.
const onNode = (process.env.PNM_TEST_RUNTIME ?? 'node') === 'node';

describe.runIf(onNode)('scripts/vectors.py check (Python hmac/hashlib)', () => {
  test('passes on vectors/', () => {
    const run = spawnSync(pythonExecutable(), [SCRIPT, 'check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^checked \d+ vectors in 5 files: 0 problem\(s\)\n$/);
    expect(run.status).toBe(0);
  });

  test('fails on a tampered copy, naming the file and the vector id', () => {
    const dir = tempVectorsDir({});
    for (const name of readdirSync(VECTORS_DIR).filter((n) => n.endsWith('.json'))) {
      copyFileSync(join(VECTORS_DIR, name), join(dir, name));
    }
    const path = join(dir, 'edge-cases.json');
    const text = readFileSync(path, 'utf8');
    const signature =
      /"id": "emoji-basic"[\s\S]*?"signature": "([0-9a-f]{64})"/.exec(text)?.[1] ?? '';
    const tampered = `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`;
    writeFileSync(path, text.replace(signature, tampered));
    const run = spawnSync(pythonExecutable(), [SCRIPT, 'check', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path}: /vectors/`);
    expect(run.stderr).toContain(
      `file says ${tampered}, Python computes ${signature} (vector emoji-basic)`,
    );
  });
});

describe.runIf(onNode)('openssl dgst -mac HMAC', () => {
  const LIMIT = 64 * 1024; // larger bodies cost time and add nothing openssl-specific
  const sample = loadVectorsSync().filter(
    (v): v is SignVector => v.kind === 'sign' && v.body.length <= LIMIT,
  );

  function opensslHmac(body: Uint8Array, secret: Uint8Array): string {
    // openssl refuses an empty hexkey. HMAC zero-pads keys shorter than the 64-byte block,
    // so the empty key and the one-byte key 00 are the same key.
    const key = secret.length === 0 ? '00' : toHex(secret);
    const out = execFileSync(
      'openssl',
      ['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `hexkey:${key}`],
      {
        input: body,
        encoding: 'utf8',
      },
    );
    const mac = /([0-9a-f]{64})\s*$/.exec(out)?.[1];
    if (!mac) throw new Error(`unexpected openssl output: ${out}`);
    return mac;
  }

  test('covers all small sign vectors', () => {
    expect(sample.length).toBeGreaterThan(100);
  });

  test('recomputes every small sign vector', () => {
    const mismatches = sample
      .map((v) => ({
        id: v.id,
        file: v.file,
        expected: v.signature,
        openssl: opensslHmac(v.body, v.secret),
      }))
      .filter((m) => m.expected !== m.openssl);
    expect(mismatches).toEqual([]);
  });
});
