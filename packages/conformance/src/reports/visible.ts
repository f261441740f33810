/**
 * Shows text so that nothing hides: control characters, invisible and unusual spaces,
 * BOMs and joiners are written as escapes; ordinary printable text stays as it is.
 *
 * @module
 */

// Control characters, the C1 range, all Unicode spaces other than U+0020, zero-width
// characters, joiners, bidi controls, BOM, and lone surrogates.
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\ud800-\udfff]/gu;

/**
 * A JSON-style quoted rendering of `text` with hidden characters escaped as `\uXXXX`.
 *
 * @example
 * ```ts
 * visible('a\u00a0b'); // '"a\\u00a0b"'
 * ```
 */
export function visible(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(HIDDEN, (c) => {
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
  return `"${escaped}"`;
}

/**
 * `text` for one line of a terminal or Markdown table, unquoted, with every hidden or
 * control character escaped as in {@link visible} (so an implementation's colour codes,
 * window-title sequences, NUL and BEL are shown, never obeyed) and cut after `max`
 * characters.
 *
 * @example
 * ```ts
 * printable('\u001b]0;owned\u0007 hi'); // '\\u001b]0;owned\\u0007 hi'
 * ```
 */
export function printable(text: string, max = 2000): string {
  const escaped = text.replace(HIDDEN, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
