/**
 * Byte transformations that real environments apply to a body or secret before it is
 * hashed: each is a hypothesis about *why* an implementation's signature differs.
 *
 * @module
 */
import { sameBytes, strictUtf8 } from '../values/bytes.js';

/** A named way an environment mangles input bytes. Returns undefined when it changes nothing. */
export interface Transform {
  id: string;
  /** One sentence for the doc maintainer: what the environment did to the bytes. */
  explanation: string;
  apply(bytes: Uint8Array): Uint8Array | undefined;
}

const encoder = new TextEncoder();

function changed(original: Uint8Array, result: Uint8Array): Uint8Array | undefined {
  return sameBytes(original, result) ? undefined : result;
}

/**
 * How a shell's `echo` treats backslashes, measured on the shells themselves:
 * - `xsi` (dash): `\a \b \e \f \n \r \t \v \\`, `\0nnn` octal, `\c` stops all output;
 * - `zsh`: XSI plus `\xHH` and `\uXXXX`; a `\u` naming a lone surrogate is an error that
 *   ends the output ("character not in range");
 * - `mksh`: XSI plus `\xHH` and `\uXXXX` (a lone surrogate becomes its 3-byte form), and
 *   `\c` is dropped without stopping;
 * - `bash` with xpg_echo: like mksh, but `\c` stops the output;
 * - under the C locale (`zsh-c`, `bash-c`) a `\u`/`\U` above U+007F cannot be encoded:
 *   zsh stops with "character not in range", bash writes the escape back as `\u%04X`.
 */
export type EchoDialect = 'xsi' | 'zsh' | 'zsh-c' | 'mksh' | 'bash' | 'bash-c';

/** What `echo` wrote, and whether `\c` (or an error) cut it short. */
export interface Echoed {
  bytes: Uint8Array;
  stopped: boolean;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  e: 27,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};

/** UTF-8 of a code point, lone surrogates included (the 3-byte form shells produce). */
function codePointBytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [
    0xf0 | (cp >> 18),
    0x80 | ((cp >> 12) & 0x3f),
    0x80 | ((cp >> 6) & 0x3f),
    0x80 | (cp & 0x3f),
  ];
}

function hexDigits(bytes: Uint8Array, from: number, max: number): string {
  let digits = '';
  while (digits.length < max && from + digits.length < bytes.length) {
    const c = String.fromCharCode(bytes[from + digits.length] as number);
    if (!/[0-9a-fA-F]/.test(c)) break;
    digits += c;
  }
  return digits;
}

/** Applies a shell's `echo` escape processing to `bytes`. */
export function interpretEchoEscapes(bytes: Uint8Array, dialect: EchoDialect): Echoed {
  const out: number[] = [];
  const extended = dialect !== 'xsi';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte !== 92 || i + 1 >= bytes.length) {
      out.push(byte);
      continue;
    }
    const next = String.fromCharCode(bytes[i + 1] as number);
    if (next === 'c') {
      if (dialect === 'mksh') {
        i += 1;
        continue;
      }
      return { bytes: Uint8Array.from(out), stopped: true };
    }
    if (next in SIMPLE_ESCAPES || (extended && next === 'E')) {
      out.push(SIMPLE_ESCAPES[next] ?? 27);
      i += 1;
      continue;
    }
    if (next === '0') {
      let value = 0;
      let digits = 0;
      while (digits < 3 && i + 2 + digits < bytes.length) {
        const d = (bytes[i + 2 + digits] as number) - 48;
        if (d < 0 || d > 7) break;
        value = value * 8 + d;
        digits += 1;
      }
      out.push(value & 0xff);
      i += 1 + digits;
      continue;
    }
    const wide = next === 'U' && dialect !== 'mksh';
    if (extended && (next === 'x' || next === 'u' || wide)) {
      const hex = hexDigits(bytes, i + 2, next === 'x' ? 2 : next === 'u' ? 4 : 8);
      if (hex) {
        const value = Number.parseInt(hex, 16);
        const zsh = dialect === 'zsh' || dialect === 'zsh-c';
        const surrogate = value >= 0xd800 && value <= 0xdfff;
        if (next === 'x') out.push(value);
        else if (zsh && (surrogate || (dialect === 'zsh-c' && value > 0x7f))) {
          return { bytes: Uint8Array.from(out), stopped: true };
        } else if (dialect === 'bash-c' && value > 0x7f) {
          const digits = value
            .toString(16)
            .toUpperCase()
            .padStart(next === 'u' ? 4 : 8, '0');
          out.push(...encoder.encode(`\\${next}${digits}`));
        } else out.push(...codePointBytes(value));
        i += 1 + hex.length;
        continue;
      }
    }
    out.push(byte);
  }
  return { bytes: Uint8Array.from(out), stopped: false };
}

/** Java's `String.getBytes()` under a US-ASCII default charset: every non-ASCII code point becomes `?`. */
function asciiReplacement(bytes: Uint8Array): Uint8Array | undefined {
  const text = strictUtf8(bytes);
  if (text === undefined) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is exactly \x00-\x7f
  return changed(bytes, encoder.encode(text.replace(/[^\x00-\x7f]/gu, '?')));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Cuts at the first NUL byte, as C strings, argv and the environment do. */
function truncateAtNul(bytes: Uint8Array): Uint8Array | undefined {
  const nul = bytes.indexOf(0);
  return nul < 0 ? undefined : bytes.slice(0, nul);
}

/** Decodes leniently and re-encodes: what turning non-UTF-8 bytes into a string does. */
function replaceInvalidUtf8(bytes: Uint8Array): Uint8Array | undefined {
  return strictUtf8(bytes) === undefined
    ? encoder.encode(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes))
    : undefined;
}

/** The body as `echo` of `dialect` writes it, when that changes anything. */
function echoed(id: string, dialect: EchoDialect, explanation: string): Transform {
  return {
    id,
    explanation,
    apply: (bytes) => changed(bytes, interpretEchoEscapes(bytes, dialect).bytes),
  };
}

/**
 * bash with xpg_echo in POSIX mode (macOS /bin/sh): `-n` is printed, escapes are
 * interpreted in the given dialect, and a newline ends the output unless `\c` stopped it.
 */
function printedLiterally(dialect: 'bash' | 'bash-c'): Transform {
  return {
    id: 'echo-n-printed-literally',
    explanation:
      '`echo` does not take `-n` (POSIX mode with xpg_echo, as macOS /bin/sh): it hashes "-n ", the body with escapes interpreted, and a trailing newline',
    apply: (bytes) => {
      const output = interpretEchoEscapes(bytes, dialect);
      return concat(
        encoder.encode('-n '),
        output.bytes,
        encoder.encode(output.stopped ? '' : '\n'),
      );
    },
  };
}

/** Transforms that explain a wrong body. */
export const BODY_TRANSFORMS: readonly Transform[] = [
  echoed(
    'echo-interprets-backslashes',
    'xsi',
    '`echo` interpreted backslash escapes in the body (`\\n`, `\\\\`, `\\c`, `\\0nnn`), as XSI echo does in dash: JSON escapes are rewritten before hashing',
  ),
  ...(['zsh', 'mksh'] as const).map((dialect) =>
    echoed(
      'echo-interprets-extended-escapes',
      dialect,
      '`echo` interpreted backslash escapes including `\\xHH` and `\\uXXXX` (zsh, mksh): JSON `\\u` escapes become raw characters before hashing',
    ),
  ),
  echoed(
    'echo-interprets-extended-escapes',
    'zsh-c',
    '`echo` interpreted backslash escapes including `\\uXXXX`, and under the C locale stopped at the first one above U+007F ("character not in range"): the rest of the body was never hashed',
  ),
  printedLiterally('bash'),
  printedLiterally('bash-c'),
  {
    id: 'echo-took-body-as-option',
    explanation:
      '`echo` took the body itself for options (it looks like `-`, `-n`, `-e` or `-E`) and printed nothing',
    apply: (bytes) =>
      /^-[neE]*$/.test(new TextDecoder().decode(bytes)) ? new Uint8Array() : undefined,
  },
  {
    id: 'default-charset-ascii',
    explanation:
      '`getBytes()` with no charset used the platform default, US-ASCII under the C/POSIX locale on JDK ≤ 17: every non-ASCII character became `?`',
    apply: asciiReplacement,
  },
  {
    id: 'trailing-newlines-stripped',
    explanation: 'trailing newlines were stripped (shell command substitution `$(...)` does this)',
    apply: (bytes) => {
      let end = bytes.length;
      while (end > 0 && bytes[end - 1] === 10) end -= 1;
      return end === bytes.length ? undefined : bytes.slice(0, end);
    },
  },
  {
    id: 'newlines-stripped',
    explanation:
      'carriage returns and newlines were removed from the body (`curl -d @file` does this to a file it reads)',
    apply: (bytes) =>
      changed(
        bytes,
        bytes.filter((byte) => byte !== 10 && byte !== 13),
      ),
  },
  {
    id: 'bom-stripped',
    explanation: 'a leading UTF-8 byte order mark was dropped',
    apply: (bytes) =>
      bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.slice(3) : undefined,
  },
  {
    id: 'truncated-at-nul',
    explanation: 'the input was cut at its first NUL byte (C strings, argv, environment)',
    apply: truncateAtNul,
  },
  {
    id: 'invalid-utf8-replaced',
    explanation: 'bytes that are not UTF-8 were replaced by U+FFFD when the input became a string',
    apply: replaceInvalidUtf8,
  },
];

/** Transforms that explain a wrong secret. */
export const SECRET_TRANSFORMS: readonly Transform[] = [
  {
    id: 'default-charset-ascii',
    explanation: BODY_TRANSFORMS.find((t) => t.id === 'default-charset-ascii')?.explanation ?? '',
    apply: asciiReplacement,
  },
  {
    id: 'truncated-at-nul',
    explanation: 'the secret was cut at its first NUL byte (C strings, argv, environment)',
    apply: truncateAtNul,
  },
  {
    id: 'invalid-utf8-replaced',
    explanation: 'secret bytes that are not UTF-8 were replaced by U+FFFD',
    apply: replaceInvalidUtf8,
  },
];
