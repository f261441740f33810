/**
 * JSON read without losing digits: an SDK's reply may carry an int64 as a number above
 * 2^53, and `JSON.parse` would round it before the runner could tell whether the SDK did.
 *
 * @module
 */
/** A JSON number as written: its literal text, never rounded. */
export class ExactNumber {
  constructor(readonly text: string) {}
  /** The value as a BigInt when the literal is an integer (`12`, `-3`, `1e3` is not). */
  integer(): bigint | undefined {
    return /^-?\d+$/.test(this.text) ? BigInt(this.text) : undefined;
  }
  toJSON(): number {
    return Number(this.text);
  }
}

/** A JSON value with every number kept as an {@link ExactNumber}. */
export type ExactJson =
  | null
  | boolean
  | string
  | ExactNumber
  | ExactJson[]
  | { [key: string]: ExactJson };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * Parses JSON text like `JSON.parse`, except that numbers keep their literal text.
 *
 * @throws {SyntaxError} Naming the offset of the first error, as `JSON.parse` would throw.
 * @example
 * ```ts
 * const value = parseExactJson('{"id":9007199254740993}') as { id: ExactNumber };
 * value.id.integer(); // 9007199254740993n
 * ```
 */
export function parseExactJson(text: string): ExactJson {
  let at = 0;
  const fail = (what: string): never => {
    // A reply is the implementation's text: bad JSON is its divergence, reported like
    // JSON.parse reports it, never a ConformanceError (those are the user's mistakes).
    throw new SyntaxError(`invalid JSON at offset ${at}: ${what}`);
  };
  const skip = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const value = (): ExactJson => {
    skip();
    const c = text[at];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const [word, result] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return result;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (!number) return fail(`unexpected ${c === undefined ? 'end' : JSON.stringify(c)}`);
    at = NUMBER.lastIndex;
    return new ExactNumber(number[0]);
  };
  const string = (): string => {
    // The JSON string grammar is JSON.parse's own: find the closing quote, let it decode.
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) fail('unterminated string');
    at++;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch (error) {
      return fail((error as Error).message);
    }
  };
  const array = (): ExactJson[] => {
    const items: ExactJson[] = [];
    at++;
    skip();
    if (text[at] === ']') {
      at++;
      return items;
    }
    for (;;) {
      items.push(value());
      skip();
      if (text[at] === ']') break;
      if (text[at] !== ',') fail('expected , or ]');
      at++;
    }
    at++;
    return items;
  };
  const object = (): { [key: string]: ExactJson } => {
    const entries: { [key: string]: ExactJson } = {};
    at++;
    skip();
    if (text[at] === '}') {
      at++;
      return entries;
    }
    for (;;) {
      skip();
      if (text[at] !== '"') fail('expected a key');
      const key = string();
      skip();
      if (text[at] !== ':') fail('expected :');
      at++;
      Object.defineProperty(entries, key, { value: value(), enumerable: true, writable: true });
      skip();
      if (text[at] === '}') break;
      if (text[at] !== ',') fail('expected , or }');
      at++;
    }
    at++;
    return entries;
  };
  const result = value();
  skip();
  if (at !== text.length) fail('trailing text');
  return result;
}
