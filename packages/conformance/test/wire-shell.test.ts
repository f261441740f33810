/**
 * The documented shell snippet run end to end (signature and curl) in real shells against
 * the loopback test server: what arrived, and what the server said.
 */
import { describe, expect, type TestContext, test } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { correctionInfo } from '../src/corrections/catalog.js';
import { correctedProgram } from '../src/corrections/columns.js';
import { correctedShellWire } from '../src/corrections/shell-wire-correction.js';
import { SHELLS } from '../src/environments/shells.js';
import { programColumns } from '../src/implementations/snippet-columns.js';
import { documentedProgram } from '../src/implementations/snippet-program.js';
import {
  DOCUMENTED_SHELL_WIRE,
  type WholeShellSnippet,
} from '../src/implementations/wire/shell-wire.js';

const CORRECTED_SHELL_WIRE = correctedShellWire();

import type { Judgement } from '../src/judges/judgement.js';
import { judgeWire } from '../src/judges/wire.js';
import type { CaseInput, Column, Session } from '../src/model.js';
import { runCase } from '../src/runner/run-case.js';

// The wire columns run in the UTF-8 shells only (src/implementations/wire/index.ts).
const WIRE_SHELLS = SHELLS.filter((s) => s.locale === undefined);
const utf8 = new TextEncoder();
const SECRET = utf8.encode('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
const FAILED = '401 Failed to verify provided authentication details.';

/** The shell column whose wire level is `snippet` run whole in shell `id`. */
function column(id: string, snippet: WholeShellSnippet = DOCUMENTED_SHELL_WIRE): Column {
  const program =
    snippet.id === CORRECTED_SHELL_WIRE.id
      ? correctedProgram(correctionInfo('shell-corrected'))
      : documentedProgram('shell');
  const found = programColumns(program).find((c) => c.environment.id === id);
  if (!found?.wireLevel) throw new Error(`no wire level for ${snippet.id} in ${id}`);
  return found;
}

async function withSession<T>(
  context: TestContext,
  id: string,
  use: (
    sign: (
      body: Uint8Array | string,
      secret?: Uint8Array,
    ) => Promise<Judgement & { answer: unknown }>,
  ) => Promise<T>,
  snippet: WholeShellSnippet = DOCUMENTED_SHELL_WIRE,
): Promise<T | undefined> {
  const col = column(id, snippet);
  const probed = await col.probe();
  const availability = probed.available
    ? await (col.wireLevel as NonNullable<Column['wireLevel']>).probe()
    : probed;
  // No dash, curl or emulator: fail under CI, skip with the reason elsewhere, never pass.
  if (!availability.available) {
    requireSubject(context, availability.reason);
    return undefined;
  }
  const session: Session = await col.open('per-case');
  try {
    return await use(async (body, secret = SECRET) => {
      const input: CaseInput = {
        id: 'x',
        body: typeof body === 'string' ? utf8.encode(body) : body,
        secret,
      };
      const answer = (await runCase(session, input)).sent;
      if (!answer) throw new Error('the run left no request to judge');
      return { ...judgeWire(input.body, input.secret, answer), answer };
    });
  } finally {
    await session.close();
  }
}

describe('wire-shell: the documented snippet, curl included', () => {
  test('is the wire level of the shell column, one per shell', () => {
    const columns = WIRE_SHELLS.map((s) => column(s.id));
    expect(columns.map((c) => c.id)).toEqual(WIRE_SHELLS.map((s) => `shell/${s.id}`));
    const levels = columns.map((c) => c.wireLevel);
    expect(levels.map((l) => `${l?.implementation.id}/${l?.environment.id}`)).toEqual(
      WIRE_SHELLS.map((s) => `wire-shell/${s.id}`),
    );
    expect(levels.every((l) => l?.implementation.kind === 'wire')).toBe(true);
  });

  test('bash sends the documented body byte for byte, and the server accepts it', async (ctx) => {
    await withSession(ctx, 'bash', async (sign) => {
      expect((await sign('{"room_id":"room01"}')).outcome).toBe('pass');
      // A literal `-d "$BODY"` keeps CR and LF (only `-d @file` strips them).
      expect((await sign('{\r\n  "room_id": "room01"\n}\n')).outcome).toBe('pass');
      expect((await sign('')).outcome).toBe('pass');
      expect((await sign(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).outcome).toBe('pass');
    });
  });

  test('a body starting with @ is read by curl as a file name: an empty body is sent', async (ctx) => {
    await withSession(ctx, 'bash', async (sign) => {
      const judgement = await sign('@x');
      expect(judgement.outcome).toBe('fail');
      expect(judgement.cause).toBe('curl-data-at-file');
      expect(judgement.explanation).toContain('bytes sent ≠ bytes signed');
      expect(judgement.explanation).toContain(FAILED);
    });
  });

  test('bodies of 128 KiB and more cannot be one argv string: the request never leaves', async (ctx) => {
    await withSession(ctx, 'dash', async (sign) => {
      expect((await sign('x'.repeat(128 * 1024 - 1))).outcome).toBe('pass');
      const judgement = await sign('x'.repeat(128 * 1024));
      expect(judgement.outcome).toBe('error');
      expect(judgement.cause).toBe('broken');
      expect(judgement.detail).toMatch(
        /never reached the server: the shell exited with 126: .*Argument list too long/,
      );
    });
  });

  test("dash's echo rewrites JSON escapes before hashing: the server refuses the signature", async (ctx) => {
    await withSession(ctx, 'dash', async (sign) => {
      const judgement = await sign('{"a":"x\\ny"}');
      expect(judgement.outcome).toBe('fail');
      expect(judgement.cause).toBe('echo-interprets-backslashes');
      expect(judgement.explanation).toContain(
        `the bytes arrived unchanged and the server answered ${FAILED}`,
      );
    });
  });

  test('bash --posix -O xpg_echo hashes "-n " and a newline: every request is refused', async (ctx) => {
    await withSession(ctx, 'bash-posix-xpg-echo', async (sign) => {
      const judgement = await sign('{"room_id":"room01"}');
      expect(judgement.cause).toBe('echo-n-printed-literally');
      expect(judgement.explanation).toContain(FAILED);
    });
  });

  test('inputs no shell or server can hold are unrepresentable; an empty secret sends no signature', async (ctx) => {
    await withSession(ctx, 'bash', async (sign) => {
      expect((await sign(new Uint8Array([0x61, 0, 0x62]))).outcome).toBe('unrepresentable');
      expect((await sign('{}', new Uint8Array([0xff]))).outcome).toBe('unrepresentable');
      const empty = await sign('{}', new Uint8Array());
      expect(empty.cause).toBe('empty-signature');
      expect(empty.explanation).toContain('401 Missing HASH-SIGNATURE header.');
    });
  });
});

describe('wire-shell-corrected: the corrected snippet sends exactly the bytes it signed', () => {
  const bodies: Array<[string, Uint8Array | string]> = [
    ['the documented body', '{"room_id":"room01"}'],
    ['JSON escapes', '{"a":"x\\ny","b":"C:\\\\d","c":"\\u00e9\\c"}'],
    ['an option-like body', '-n'],
    ['a body starting with @', '@x'],
    ['CRLF and trailing newlines', '{\r\n  "room_id": "room01"\r\n}\n\n'],
    ['an empty body', ''],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
    ['128 KiB', 'x'.repeat(128 * 1024)],
    ['1 MiB', `{"a":"${'é'.repeat(512 * 1024)}"}`],
  ];

  test.for(WIRE_SHELLS.map((s) => s.id))('%s', async (id, ctx) => {
    await withSession(
      ctx,
      id,
      async (sign) => {
        for (const [name, body] of bodies) {
          const judgement = await sign(body);
          expect({ name, outcome: judgement.outcome, detail: judgement.detail }).toMatchObject({
            name,
            outcome: 'pass',
          });
        }
        // An empty secret: the script stops before sending, as the reference refuses.
        const empty = await sign('{}', new Uint8Array());
        expect(empty.answer).toMatchObject({ kind: 'not-sent' });
        expect(empty.outcome).toBe('pass');
      },
      CORRECTED_SHELL_WIRE,
    );
  });

  test('is a correction of wire-shell, in the wire matrix', () => {
    const level = column('dash', CORRECTED_SHELL_WIRE).wireLevel;
    expect(`${level?.implementation.id}/${level?.environment.id}`).toBe(
      'wire-shell-corrected/dash',
    );
    expect(level?.implementation).toMatchObject({ kind: 'wire', correctionOf: 'wire-shell' });
  });
});
