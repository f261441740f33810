/**
 * A strict JSON syntax check that says where a file goes wrong.
 *
 * `JSON.parse` error messages differ between V8, JavaScriptCore and versions of each, and
 * some carry no position at all. This scanner follows RFC 8259 itself and reports a line
 * and column on every runtime. It also refuses a key repeated inside one object, which
 * `JSON.parse` silently resolves to the last value: in a vector file that is always a
 * mistake (two `body` keys, say), never an intent.
 *
 * @module
 */

/** Where and why the text is not acceptable JSON. */
export interface JsonProblem {
  line: number;
  column: number;
  reason: string;
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const code = text.codePointAt(offset) ?? 0;
  if (code === 0xfeff) return 'a byte order mark (U+FEFF)';
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).padStart(4, '0')}`;
  return `'${String.fromCodePoint(code)}'`;
}

class Scanner {
  offset = 0;

  constructor(readonly text: string) {}

  fail(reason: string, offset = this.offset): never {
    throw new Stop(offset, reason);
  }

  unexpected(expected: string): never {
    this.fail(`expected ${expected}, found ${describeChar(this.text, this.offset)}`);
  }

  skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.offset);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.offset++;
    }
  }

  value(depth: number): void {
    this.skipSpace();
    const ch = this.text[this.offset];
    if (ch === '{') this.object(depth + 1);
    else if (ch === '[') this.array(depth + 1);
    else if (ch === '"') this.string();
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) this.number();
    else this.literal();
  }

  literal(): void {
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return;
      }
    }
    this.unexpected('a value');
  }

  object(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.offset++;
    this.skipSpace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      this.skipSpace();
      if (this.text[this.offset] !== '"') this.unexpected('a property name in double quotes');
      const start = this.offset;
      const key = this.string();
      if (keys.has(key)) this.fail(`duplicate key ${JSON.stringify(key)} in one object`, start);
      keys.add(key);
      this.skipSpace();
      if (this.text[this.offset] !== ':') this.unexpected("':' after a property name");
      this.offset++;
      this.value(depth);
      this.skipSpace();
      const next = this.text[this.offset];
      this.offset++;
      if (next === '}') return;
      if (next !== ',') {
        this.offset--;
        this.unexpected("',' or '}' after a property value");
      }
    }
  }

  array(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.offset++;
    this.skipSpace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return;
    }
    for (;;) {
      this.value(depth);
      this.skipSpace();
      const next = this.text[this.offset];
      this.offset++;
      if (next === ']') return;
      if (next !== ',') {
        this.offset--;
        this.unexpected("',' or ']' after an array element");
      }
    }
  }

  /** Scans a string literal and returns its decoded value (needed to compare keys). */
  string(): string {
    const start = this.offset;
    this.offset++;
    for (;;) {
      const ch = this.text[this.offset];
      if (ch === undefined) this.fail('unterminated string', start);
      if (ch === '"') break;
      if (ch < ' ')
        this.fail(`${describeChar(this.text, this.offset)} inside a string (escape it)`);
      if (ch === '\\') {
        const escaped = this.text[this.offset + 1] ?? '';
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6))) {
            this.fail('\\u must be followed by four hex digits');
          }
          this.offset += 6;
          continue;
        }
        if (escaped === '' || !'"\\/bfnrt'.includes(escaped))
          this.fail(`invalid escape \\${escaped}`);
        this.offset += 2;
        continue;
      }
      this.offset++;
    }
    this.offset++;
    return JSON.parse(this.text.slice(start, this.offset)) as string;
  }

  number(): void {
    NUMBER.lastIndex = this.offset;
    const match = NUMBER.exec(this.text);
    if (!match) this.unexpected('a number');
    this.offset += match[0].length;
  }
}

/** 1-based line and column (in UTF-16 code units) of `offset`. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Checks that `text` is exactly one JSON value (RFC 8259, no BOM, no repeated keys).
 * Returns `undefined` when it is, or where and why it is not.
 */
export function findJsonProblem(text: string): JsonProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value(0);
    scanner.skipSpace();
    if (scanner.offset < text.length) scanner.unexpected('end of file after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...position(text, error.offset), reason: error.reason };
  }
}
