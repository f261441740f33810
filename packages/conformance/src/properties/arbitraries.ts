/**
 * What the property search draws from: bodies that look like real plugNmeet requests
 * (JSON values serialized the ways real serializers do), arbitrary Unicode text and raw
 * bytes; secrets of many lengths and alphabets.
 *
 * @module
 */
import fc from 'fast-check';

/** A generated case, before it gets an id. */
export interface GeneratedCase {
  body: Uint8Array;
  secret: Uint8Array;
}

const utf8 = new TextEncoder();

/** How real serializers spell the same JSON value differently. */
type Spelling = 'compact' | 'pretty' | 'pretty-crlf' | 'escaped-unicode' | 'escaped-slashes';

function spell(value: unknown, spelling: Spelling): string {
  switch (spelling) {
    case 'compact':
      return JSON.stringify(value);
    case 'pretty':
      return JSON.stringify(value, null, 2);
    case 'pretty-crlf':
      return JSON.stringify(value, null, 4).replaceAll('\n', '\r\n');
    case 'escaped-unicode':
      // PHP's json_encode, Python's json.dumps default: non-ASCII as \uXXXX.
      return JSON.stringify(value).replace(
        /[\u007f-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    case 'escaped-slashes':
      // PHP's json_encode without JSON_UNESCAPED_SLASHES.
      return JSON.stringify(value).replaceAll('/', '\\/');
  }
}

const requestKeys = fc.constantFrom(
  'room_id',
  'user_info',
  'name',
  'user_id',
  'is_admin',
  'metadata',
  'room_title',
  'welcome_message',
  'record_id',
  'from',
  'limit',
  'order_by',
);

/** JSON request objects: plugNmeet-like keys, any JSON values. */
const requestObject = fc.dictionary(
  fc.oneof(requestKeys, fc.string()),
  fc.jsonValue({ maxDepth: 3 }),
  {
    maxKeys: 6,
  },
);

/** Request bodies as texts a real client would send. */
export const jsonBody: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: requestObject },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    ),
    fc.constantFrom<Spelling>(
      'compact',
      'pretty',
      'pretty-crlf',
      'escaped-unicode',
      'escaped-slashes',
    ),
  )
  .map(([value, spelling]) => utf8.encode(spell(value, spelling)));

/** Any Unicode text (whole code points, astral included), as UTF-8. */
export const unicodeBody: fc.Arbitrary<Uint8Array> = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  )
  .map((text) => utf8.encode(text));

/** Any bytes, UTF-8 or not. */
export const rawBody: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 96 });

/** Bodies: mostly realistic JSON, then Unicode text, then raw bytes. */
export const body: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: jsonBody },
  { weight: 3, arbitrary: unicodeBody },
  { weight: 2, arbitrary: rawBody },
);

const alphanumeric = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
);

/** Secrets: never empty (the empty secret is a vector, not a property case). */
export const secret: fc.Arbitrary<Uint8Array> = fc.oneof(
  // What plugNmeet generates: 36 alphanumerics; and other lengths around the 64-byte block.
  {
    weight: 4,
    arbitrary: fc
      .string({ unit: alphanumeric, minLength: 1, maxLength: 140 })
      .map((s) => utf8.encode(s)),
  },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 80 })
      .map((s) => utf8.encode(s)),
  },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'binary', minLength: 1, maxLength: 40 })
      .map((s) => utf8.encode(s)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 160 }) },
);

/** A whole case. */
export const generatedCase: fc.Arbitrary<GeneratedCase> = fc.record({ body, secret });
