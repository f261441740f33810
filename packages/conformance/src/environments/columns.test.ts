/**
 * Every snippet column, started once (worker mode), fed cases whose right answer node:crypto
 * computes. The harness must carry bytes intact and must not invent findings; the findings it
 * does show are checked against what the environment really does.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSubject } from '../../../../scripts/test-subject.mjs';
import { snippetColumns } from '../implementations/snippet-columns.js';
import type { Availability, CaseInput, Session, SignAnswer } from '../model.js';
import { runCase } from '../runner/run-case.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const hmac = (body: Uint8Array | string, secret: Uint8Array | string = 'SECRET') =>
  createHmac('sha256', secret).update(body).digest('hex');

const DOC_BODY = '{"room_id":"room01"}';

const columns = snippetColumns();
const availability = new Map<string, Availability>();
const sessions = new Map<string, Session>();
let counter = 0;

beforeAll(async () => {
  await Promise.all(
    columns.map(async (column) => {
      const found = await column.probe();
      availability.set(column.id, found);
      if (found.available) sessions.set(column.id, await column.open('worker'));
    }),
  );
});

afterAll(async () => {
  await Promise.all([...sessions.values()].map((session) => session.close()));
});

async function sign(
  columnId: string,
  body: Uint8Array | string,
  secret: Uint8Array | string = 'SECRET',
): Promise<SignAnswer> {
  const session = sessions.get(columnId);
  if (!session)
    throw new Error(`${columnId} is not running: ${JSON.stringify(availability.get(columnId))}`);
  counter += 1;
  const input: CaseInput = {
    id: `t${counter}`,
    body: typeof body === 'string' ? utf8(body) : body,
    secret: typeof secret === 'string' ? utf8(secret) : secret,
  };
  const { signed } = await runCase(session, input);
  if (!signed) throw new Error(`${columnId} left no signature`);
  return signed;
}

const running = (prefix: string) =>
  columns.filter((column) => column.id.startsWith(prefix)).map((c) => c.id);
const signature = (value: string): SignAnswer => ({ kind: 'signature', signature: value });

/** Columns whose doc-example answer is itself a finding, with what they must answer instead. */
const KNOWN_FINDINGS: Record<string, (answer: SignAnswer) => void> = {
  // macOS /bin/sh: echo prints "-n ", the body, and a newline.
  'shell/bash-posix-xpg-echo': (answer) =>
    expect(answer).toEqual(signature(hmac(`-n ${DOC_BODY}\n`))),
  'shell/bash-posix-xpg-echo-c-locale': (answer) =>
    expect(answer).toEqual(signature(hmac(`-n ${DOC_BODY}\n`))),
};

describe('columns', () => {
  it('have unique <snippet>/<environment> ids and cover every environment the brief lists', () => {
    const ids = columns.map((column) => column.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'shell/bash',
      'shell/dash',
      'shell/zsh',
      'shell/mksh',
      'shell/busybox-ash',
      'shell/bash-posix-xpg-echo',
      'php/utf8',
      'php/c',
      'nodejs-cryptojs/node',
      'typescript-node-crypto/node-tsx',
      'typescript-node-crypto/deno',
      'typescript-node-crypto/bun',
      'go/go',
      'python/utf8',
      'python/c',
      'java/jdk17-utf8',
      'java/jdk17-c',
      'java/jdk17-no-locale',
      'java/jdk17-no-jaxb',
      'ruby/utf8',
      'ruby/c',
    ]) {
      expect(ids).toContain(id);
    }
    for (const column of columns) {
      expect(column.id).toBe(`${column.implementation.id}/${column.environment.id}`);
      // The UTF-8 shells' columns run the whole snippet, a fresh shell per case, and show its
      // request as their wire level; every other column has a worker and per-case mode.
      const informed =
        column.implementation.language === 'shell' && !column.environment.id.endsWith('-c-locale');
      expect(column.modes).toEqual(informed ? ['per-case'] : ['worker', 'per-case']);
      expect(column.wireLevel?.implementation.id).toBe(
        informed ? `wire-${column.implementation.id}` : undefined,
      );
    }
  });

  it('every toolchain of this machine is available (CI installs them all)', () => {
    const missing = [...availability].filter(([, found]) => !found.available);
    expect(missing).toEqual([]);
  });

  it('record the runtime version', () => {
    for (const [id, found] of availability) {
      if (found.available) expect(found.runtimeVersion, id).toMatch(/\d/);
    }
  });
});

describe('the doc example {"room_id":"room01"} with secret SECRET', () => {
  it.for(columns.map((column) => column.id))('%s', async (id, ctx) => {
    const found = availability.get(id);
    requireSubject(ctx, found?.available === false ? found.reason : undefined);
    const answer = await sign(id, DOC_BODY);
    if (id.endsWith('-no-jaxb')) {
      // Java 11+ has no javax.xml.bind: the snippet as published does not compile.
      expect(answer.kind).toBe('broken');
      expect(answer.kind === 'broken' && answer.message).toMatch(
        /^does not compile: .*package javax\.xml\.bind does not exist/,
      );
      return;
    }
    const finding = KNOWN_FINDINGS[id];
    if (finding) finding(answer);
    else expect(answer).toEqual(signature(hmac(DOC_BODY)));
  });
});

describe('bytes reach the snippet intact', () => {
  const bodies: Array<[string, Uint8Array]> = [
    ['a BOM', utf8('\uFEFF{"room_id":"room01"}')],
    ['CRLF line ends', utf8('{\r\n  "room_id": "room01"\r\n}')],
    ['trailing newlines', utf8('{"room_id":"room01"}\n\n\n')],
    ['leading spaces and a tab', utf8('  \t{"room_id":"room01"}')],
    ['non-ASCII', utf8('{"name":"Zoë Ünal ✓ 日本 🎉"}')],
    ['JSON escapes spelled out', utf8('{"name":"\\u00e9 \\/ \\"q\\""}')],
  ];
  const byteExact = [
    ...running('php/'),
    ...running('ruby/'),
    ...running('python/'),
    'go/go',
    'nodejs-cryptojs/node',
    ...running('typescript-node-crypto/'),
    'java/jdk17-utf8',
    ...running('java/jdk25-').filter((id) => !id.endsWith('no-jaxb')),
  ];
  for (const [what, body] of bodies) {
    it.each(byteExact.map((id) => [id]))(`${what}: %s agrees with node:crypto`, async (id) => {
      expect(await sign(id, body)).toEqual(signature(hmac(body)));
    });
  }

  it.each(byteExact.map((id) => [id]))('a long non-ASCII secret: %s', async (id) => {
    const secret = utf8('s€cret-with-ünïcödé-'.repeat(20));
    expect(await sign(id, DOC_BODY, secret)).toEqual(signature(hmac(DOC_BODY, secret)));
  });
});

describe('the shells: echo is where they differ, and only there', () => {
  const plainBodies = [
    utf8('{"name":"Zoë"}\n\n'),
    utf8('\uFEFF{"a":"b"}\r\n'),
    utf8('{"a":"$HOME `id` $(id) * ? [a]"}'),
  ];
  const shells = running('shell/').filter((id) => !id.startsWith('shell/bash-posix-xpg-echo'));
  it.each(shells.map((id) => [id]))(
    '%s signs bodies without backslashes like node:crypto',
    async (id) => {
      for (const body of plainBodies) expect(await sign(id, body)).toEqual(signature(hmac(body)));
    },
  );

  const escaped = '{"text":"line1\\nline2"}';
  const interpreted = '{"text":"line1\nline2"}';
  it.each([['shell/bash'], ['shell/busybox-ash']])(
    '%s keeps "\\n" in a body as two characters',
    async (id) => {
      expect(await sign(id, escaped)).toEqual(signature(hmac(escaped)));
    },
  );
  it.each([['shell/dash'], ['shell/zsh'], ['shell/mksh']])(
    '%s: echo turns "\\n" in the body into a newline (a real divergence)',
    async (id) => {
      expect(await sign(id, escaped)).toEqual(signature(hmac(interpreted)));
    },
  );

  it('bash --posix -O xpg_echo (macOS /bin/sh) signs "-n <body>" plus a newline', async () => {
    const answer = await sign('shell/bash-posix-xpg-echo', escaped);
    expect(answer).toEqual(signature(hmac(`-n ${interpreted}\n`)));
  });

  it('invalid UTF-8 passes through every shell byte for byte', async () => {
    const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x80, 0x7d]);
    for (const id of shells) expect(await sign(id, body), id).toEqual(signature(hmac(body)));
  });

  it('a NUL byte cannot be held by a shell variable: unrepresentable', async () => {
    for (const id of running('shell/')) {
      const body = await sign(id, new Uint8Array([0x7b, 0x00, 0x7d]));
      expect(body.kind, id).toBe('unrepresentable');
      const secret = await sign(id, DOC_BODY, new Uint8Array([0x41, 0x00]));
      expect(secret.kind, id).toBe('unrepresentable');
    }
  });
});

describe('text-only languages: invalid UTF-8 is unrepresentable, byte-string languages sign it', () => {
  const invalid = new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
  const surrogate = new Uint8Array([0xed, 0xa0, 0x80]);
  const textual = [
    ...running('python/'),
    ...running('java/').filter((id) => !id.endsWith('no-jaxb')),
    'nodejs-cryptojs/node',
    ...running('typescript-node-crypto/'),
  ];
  it.each(textual.map((id) => [id]))('%s', async (id) => {
    for (const body of [invalid, surrogate]) {
      const answer = await sign(id, body);
      expect(answer.kind).toBe('unrepresentable');
      expect(answer.kind === 'unrepresentable' && answer.reason).toMatch(/UTF-8/);
    }
    if (!id.startsWith('python/')) {
      // Java and JS secrets are strings too; Python's is a bytes literal and takes anything.
      expect((await sign(id, DOC_BODY, invalid)).kind).toBe('unrepresentable');
    }
  });
  it("python: a secret that is not UTF-8 still signs (b'...' holds any bytes)", async () => {
    expect(await sign('python/utf8', DOC_BODY, invalid)).toEqual(
      signature(hmac(DOC_BODY, invalid)),
    );
  });
  it.each([...running('php/'), ...running('ruby/'), 'go/go'].map((id) => [id]))(
    '%s',
    async (id) => {
      for (const body of [invalid, surrogate]) {
        expect(await sign(id, body, invalid)).toEqual(signature(hmac(body, invalid)));
      }
    },
  );
});

describe('locales', () => {
  const body = '{"name":"Zoë","city":"Kraków"}';
  const jdk17 = running('java/jdk17-').filter((id) => !id.endsWith('no-jaxb'));
  it.each(jdk17.filter((id) => !id.endsWith('-utf8')).map((id) => [id]))(
    '%s: Java 17 getBytes() uses US-ASCII there, so non-ASCII signs as "?" (a real divergence)',
    async (id) => {
      expect(await sign(id, body)).toEqual(
        signature(hmac([...body].map((char) => (char.charCodeAt(0) < 0x80 ? char : '?')).join(''))),
      );
      expect(await sign(id, DOC_BODY, 'sécret')).toEqual(signature(hmac(DOC_BODY, 's?cret')));
    },
  );
  const unaffected = [
    'java/jdk17-utf8',
    ...running('java/jdk25-').filter((id) => !id.endsWith('no-jaxb')),
    ...running('python/'),
    ...running('ruby/'),
    ...running('php/'),
  ];
  it.each(unaffected.map((id) => [id]))('%s signs non-ASCII like node:crypto', async (id) => {
    expect(await sign(id, body)).toEqual(signature(hmac(body)));
  });
});

describe("refusals are reported as the snippet's own errors", () => {
  it('java: an empty secret throws in SecretKeySpec', async () => {
    const answer = await sign('java/jdk17-utf8', DOC_BODY, new Uint8Array());
    expect(answer).toEqual({
      kind: 'refused',
      message: 'java.lang.IllegalArgumentException: Empty key',
    });
  });
});
