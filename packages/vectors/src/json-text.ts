/**
 * A vector file's JSON, read strictly and with a line and column for every problem.
 *
 * `JSON.parse` error messages differ between V8, JavaScriptCore and versions of each, and
 * some carry no position at all; it also silently resolves a key repeated inside one object
 * to its last value, which in a vector file is always a mistake (two `body` keys, say),
 * never an intent. lossless-json reads RFC 8259 itself, the same on every runtime, and
 * says at which offset the text goes wrong.
 *
 * Two things it does not do are done here, each shown by a test in malformed.test.ts:
 * - a key repeated with an *equal* value: lossless-json 4.3.3 calls `onDuplicateKey` only
 *   when the two values differ, and lets `{"name":"a","name":"a"}` through (the Python
 *   checker, scripts/vectors.py, refuses it, as a serde struct in Rust would);
 * - nesting: lossless-json recurses once per level, so a file of 200,000 `[` ends in a
 *   RangeError (the call stack) instead of a SyntaxError with a position.
 *
 * @module
 */
import { parse } from 'lossless-json';

/** Where and why the text is not acceptable JSON. */
export interface JsonProblem {
  line: number;
  column: number;
  reason: string;
}

const MAX_DEPTH = 512;

/** lossless-json ends each message with the offset (from 0) and, often, what it found. */
const LIBRARY_TAIL = /(?: but got '[\s\S]'| but reached end of input)? at position (\d+)$/;

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

const duplicateKey = (key: string) => `duplicate key ${JSON.stringify(key)} in one object`;

/** A lossless-json SyntaxError as an offset and a reason naming what was found there. */
function fromLibrary(text: string, error: SyntaxError): Stop {
  const tail = LIBRARY_TAIL.exec(error.message);
  // The pinned version puts a position in every message; another one is a bug to see.
  if (!tail) throw error;
  const offset = Number(tail[1]);
  let head = error.message.slice(0, tail.index);
  // "Invalid character '<a raw tab>'": the character is described below instead.
  if (head.endsWith(`'${text[offset]}'`)) head = head.slice(0, -3).trimEnd();
  return new Stop(offset, `${head}, found ${describeChar(text, offset)}`);
}

/**
 * What lossless-json lets through (a key repeated with an equal value) or cannot reach
 * (nesting deeper than {@link MAX_DEPTH}) in text that is valid JSON up to the problem.
 * Iterative: depth costs no stack.
 */
function structureProblem(text: string): Stop | undefined {
  // One entry per open container: the keys seen so far of an object, undefined for an array.
  const open: (Set<string> | undefined)[] = [];
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          escaped = true;
          i++;
        }
      }
      const keys = open.at(-1);
      if (keyNext && keys) {
        const key = escaped
          ? (JSON.parse(text.slice(start, i + 1)) as string)
          : text.slice(start + 1, i);
        if (keys.has(key)) return new Stop(start, duplicateKey(key));
        keys.add(key);
      }
      keyNext = false;
    } else if (char === '{' || char === '[') {
      if (open.length === MAX_DEPTH) return new Stop(i, `nesting deeper than ${MAX_DEPTH}`);
      open.push(char === '{' ? new Set() : undefined);
      keyNext = char === '{';
    } else if (char === '}' || char === ']') open.pop();
    else if (char === ',') keyNext = open.at(-1) !== undefined;
  }
  return undefined;
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

/** What `parse` threw, as a problem of the text. */
function thrownProblem(text: string, error: unknown): Stop {
  if (error instanceof Stop) return error;
  if (error instanceof SyntaxError) return fromLibrary(text, error);
  // Out of stack: the text is valid up to a depth that the iterative check reports.
  const deep = error instanceof RangeError ? structureProblem(text) : undefined;
  if (!deep) throw error;
  return deep;
}

/**
 * Reads `text` as exactly one JSON value (RFC 8259, no BOM, no repeated keys, at most 512
 * levels deep), numbers as `JSON.parse` reads them. Returns the value, or where and why the
 * text is not acceptable.
 *
 * @example
 * ```ts
 * readJsonText('{"a":1,"a":1}'); // { problem: { line: 1, column: 8, reason: 'duplicate key "a" in one object' } }
 * ```
 */
export function readJsonText(text: string): { value: unknown } | { problem: JsonProblem } {
  let value: unknown;
  let stop: Stop | undefined;
  try {
    value = parse(text, null, {
      parseNumber: Number,
      // `position` is one past the key's opening quote.
      onDuplicateKey: ({ key, position }) => {
        throw new Stop(position - 1, duplicateKey(key));
      },
    });
    stop = structureProblem(text);
  } catch (error) {
    stop = thrownProblem(text, error);
  }
  if (stop) return { problem: { ...position(text, stop.offset), reason: stop.reason } };
  return { value };
}
