import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import { diagnose } from '../src/diagnosis/diagnose.js';
import { interpretEchoEscapes } from '../src/diagnosis/transforms.js';
import { cleanHome } from '../src/environments/process-env.js';

const encoder = new TextEncoder();
const secret = encoder.encode('zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6');
const hex = (bytes: Uint8Array) => createHmac('sha256', secret).update(bytes).digest('hex');
const has = (command: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
};

/** What a real shell's `echo -n "$BODY"` writes: the ground truth for the hypotheses. */
function echoed(shell: string[], body: string, lang = 'C.UTF-8'): Buffer {
  return execFileSync(shell[0] as string, [...shell.slice(1), '-c', 'echo -n "$BODY"'], {
    // An empty HOME and a UTF-8 locale, like the shell columns (src/environments/process-env.ts).
    env: { BODY: body, PATH: process.env.PATH ?? '', HOME: cleanHome(), LANG: lang, LC_ALL: lang },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

describe('diagnose reproduces causes from what real environments do', () => {
  const bodies = ['{"a":"x\\ny"}', '{"path":"C:\\\\dir"}', '{"t":"\\u00e9\\t"}', 'x\\cy', '\\0101'];

  test.for(bodies)('dash echo on %s', (body, ctx) => {
    requireSubject(ctx, has('dash') ? undefined : 'dash is not on PATH');
    const actual = hex(echoed(['dash'], body));
    expect(diagnose(encoder.encode(body), secret, actual)?.id).toBe('echo-interprets-backslashes');
  });

  const extended = [...bodies, '{"e":"\\ud83d\\ude00"}', '{"n":"a\\u0000b"}', '\\x41'];

  test.for(extended)('zsh echo on %s', (body, ctx) => {
    requireSubject(ctx, has('zsh') ? undefined : 'zsh is not on PATH');
    const actual = hex(echoed(['zsh'], body));
    expect(diagnose(encoder.encode(body), secret, actual)?.id).toMatch(
      /^echo-interprets-(extended-escapes|backslashes)$/,
    );
  });

  test.for(extended)('mksh echo on %s', (body, ctx) => {
    requireSubject(ctx, has('mksh') ? undefined : 'mksh is not on PATH');
    const actual = hex(echoed(['mksh'], body));
    expect(diagnose(encoder.encode(body), secret, actual)?.id).toMatch(
      /^echo-interprets-(extended-escapes|backslashes)$/,
    );
  });

  test.each(extended)('bash --posix -O xpg_echo on %s', (body) => {
    const actual = hex(echoed(['bash', '--posix', '-O', 'xpg_echo'], body));
    expect(diagnose(encoder.encode(body), secret, actual)?.id).toBe('echo-n-printed-literally');
  });

  const nonAscii = [
    '{"t":"\\u00e9"}',
    '{"e":"\\u20ac x"}',
    '{"s":"\\U0001F600"}',
    '{"d":"\\ud83d"}',
  ];

  test.for(nonAscii)('zsh echo under the C locale on %s', (body, ctx) => {
    requireSubject(ctx, has('zsh') ? undefined : 'zsh is not on PATH');
    const actual = hex(echoed(['zsh'], body, 'C'));
    expect(diagnose(encoder.encode(body), secret, actual)?.id).toBe(
      'echo-interprets-extended-escapes',
    );
  });

  test.each(nonAscii)('bash --posix -O xpg_echo under the C locale on %s', (body) => {
    const actual = hex(echoed(['bash', '--posix', '-O', 'xpg_echo'], body, 'C'));
    expect(diagnose(encoder.encode(body), secret, actual)?.id).toBe('echo-n-printed-literally');
  });

  test('an option-lookalike body is eaten by echo', () => {
    const actual = hex(echoed(['bash'], '-n'));
    expect(diagnose(encoder.encode('-n'), secret, actual)?.id).toBe('echo-took-body-as-option');
  });

  test('command substitution strips trailing newlines', () => {
    const body = '{"a":1}\n\n';
    const stripped = execFileSync('bash', ['-c', 'B=$(printf "%s" "$BODY"); printf "%s" "$B"'], {
      env: { BODY: body },
    });
    expect(diagnose(encoder.encode(body), secret, hex(stripped))?.id).toBe(
      'trailing-newlines-stripped',
    );
  });

  test('uppercase hex is named as such', () => {
    const body = encoder.encode('{}');
    expect(diagnose(body, secret, hex(body).toUpperCase())?.id).toBe('uppercase-hex');
  });

  test('an unrelated signature stays unexplained', () => {
    expect(diagnose(encoder.encode('{}'), secret, hex(encoder.encode('{ }')))).toBeUndefined();
  });

  test('interpretEchoEscapes follows XSI: \\c stops output, \\0nnn is octal', () => {
    const out = (s: string) =>
      new TextDecoder().decode(interpretEchoEscapes(encoder.encode(s), 'xsi').bytes);
    expect(out('a\\cb')).toBe('a');
    expect(out('\\0101\\n')).toBe('A\n');
    expect(out('\\q')).toBe('\\q');
  });
});
