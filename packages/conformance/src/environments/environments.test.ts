import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireSubject } from '../../../../scripts/test-subject.mjs';
import { LANGUAGES } from '../implementations/languages/index.js';
import { snippetColumns } from '../implementations/snippet-columns.js';
import { documentedProgram } from '../implementations/snippet-program.js';
import type { CaseInput, Column, ExecutionMode } from '../model.js';
import { runCase } from '../runner/run-case.js';
import { scanJdks } from './jdks.js';
import { C_LOCALE, explicitEnv, NO_LOCALE, UTF8_LOCALE } from './process-env.js';
import { probeShell, SHELLS } from './shells.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const hmac = (body: string, secret = 'SECRET') =>
  createHmac('sha256', secret).update(body).digest('hex');

function column(id: string, columns: Column[] = snippetColumns()): Column {
  const found = columns.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no column ${id}`);
  return found;
}

describe('explicit environments', () => {
  it('hold PATH, HOME and exactly the locale variables, whatever the developer has', () => {
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
    process.env.LANG = 'de_DE.UTF-8';
    process.env.LC_ALL = 'de_DE.UTF-8';
    try {
      expect(Object.keys(explicitEnv(['/opt/x/bin'], NO_LOCALE)).sort()).toEqual(['HOME', 'PATH']);
      expect(explicitEnv([], UTF8_LOCALE).LANG).toBe('en_US.UTF-8');
      expect(explicitEnv([], C_LOCALE)).toMatchObject({ LANG: 'C', LC_ALL: 'C' });
      expect(explicitEnv(['/opt/x/bin'], C_LOCALE).PATH?.split(':')[0]).toBe('/opt/x/bin');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it("the developer's LANG does not reach a no-locale column (Java 17 still falls back to US-ASCII)", async (ctx) => {
    const saved = process.env.LANG;
    process.env.LANG = 'en_US.UTF-8';
    try {
      const java = column('java/jdk17-no-locale');
      const found = await java.probe();
      requireSubject(ctx, found.available ? undefined : found.reason);
      const session = await java.open('worker');
      const body = '{"name":"Zoë"}';
      const answer = (await runCase(session, { id: 'x', body: utf8(body), secret: utf8('SECRET') }))
        .signed;
      await session.close();
      expect(answer).toEqual({ kind: 'signature', signature: hmac('{"name":"Zo?"}') });
    } finally {
      if (saved === undefined) delete process.env.LANG;
      else process.env.LANG = saved;
    }
  });
});

describe('missing toolchains', () => {
  it('a missing shell is unavailable, with how to install it', async () => {
    const shell = {
      ...(SHELLS[0] as (typeof SHELLS)[number]),
      id: 'nosuch',
      command: 'pnm-no-such-shell',
    };
    expect(await probeShell(shell)).toEqual({
      available: false,
      reason: 'pnm-no-such-shell is not on PATH',
      install: 'apt-get install bash',
    });
  });

  it('with no JDK, the JDK 17 columns are unavailable with an install command', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pnm-no-jvm-'));
    expect(scanJdks(empty)).toEqual([]);
    const java = snippetColumns({ jvmRoot: empty }).filter((c) => c.implementation.id === 'java');
    expect(java.map((c) => c.id)).toEqual([
      'java/jdk17-utf8',
      'java/jdk17-c',
      'java/jdk17-no-locale',
      'java/jdk17-no-jaxb',
    ]);
    for (const c of java) {
      expect(await c.probe()).toEqual({
        available: false,
        reason: 'no JDK 17 under /usr/lib/jvm',
        install: 'apt-get install openjdk-17-jdk-headless',
      });
    }
  });

  it('finds every JDK under /usr/lib/jvm once, symlinks and empty directories aside', () => {
    const jdks = scanJdks();
    expect(new Set(jdks.map((jdk) => jdk.home)).size).toBe(jdks.length);
    expect(jdks.map((jdk) => jdk.major)).toContain(17);
  });
});

describe('worker and per-case modes', () => {
  const named = [
    'shell/dash',
    'shell/bash',
    'php/utf8',
    'nodejs-cryptojs/node',
    'typescript-node-crypto/node-tsx',
    'typescript-node-crypto/deno',
    'typescript-node-crypto/bun',
    'go/go',
    'python/utf8',
    'java/jdk17-utf8',
    'ruby/utf8',
  ];
  // And the first UTF-8 column of every language module, so a new language is covered
  // without editing the list above.
  const firstOfEachLanguage = Object.values(LANGUAGES).map(
    (language) =>
      language
        .columns(documentedProgram(language.snippet), {})
        .find((c) => c.environment.variables?.LANG === UTF8_LOCALE.variables.LANG)?.id,
  );
  const perLanguage = [...new Set([...named, ...firstOfEachLanguage])].filter(
    (id): id is string => id !== undefined,
  );
  const columns = snippetColumns();

  async function timeCases(c: Column, mode: ExecutionMode, count: number): Promise<number> {
    const session = await c.open(mode);
    const started = performance.now();
    for (let index = 0; index < count; index += 1) {
      const input: CaseInput = {
        id: `m${index}`,
        body: utf8(`{"n":${index}}`),
        secret: utf8('SECRET'),
      };
      expect((await runCase(session, input)).signed).toEqual({
        kind: 'signature',
        signature: hmac(`{"n":${index}}`),
      });
    }
    const elapsed = performance.now() - started;
    await session.close();
    return elapsed / count;
  }

  it('both modes give the same answers; per-case pays start-up every time', async () => {
    const rows: string[] = [];
    for (const id of perLanguage) {
      const c = column(id, columns);
      if (!(await c.probe()).available) continue;
      const worker = await timeCases(c, 'worker', 40);
      const perCase = await timeCases(c, 'per-case', 3);
      rows.push(
        `${id.padEnd(34)} worker ${worker.toFixed(2).padStart(7)} ms/case   per-case ${perCase.toFixed(1).padStart(7)} ms/case`,
      );
    }
    console.log(`per-case cost (rough, this machine):\n${rows.join('\n')}`);
  });
});
