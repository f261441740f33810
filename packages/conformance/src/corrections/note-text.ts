/**
 * How the maintainers' note writes values into Markdown: bytes shown in full or cut with
 * their size, and table cells that keep to one line.
 *
 * @module
 */
import { type BytesShown, fullSize } from '../reports/shown-value.js';
import { visible } from '../reports/visible.js';

/**
 * Bytes as inline code: text quoted with hidden characters escaped, else hex; cut past 100
 * (text) or 200 (hex) characters, or when the report already cut them, with the full size.
 *
 * @throws Never.
 * @example
 * ```ts
 * shownBytes({ hex: '7b7d', text: '{}' }); // '`"{}"`'
 * ```
 */
export function shownBytes(bytes: BytesShown): string {
  const size = fullSize(bytes);
  if (bytes.text === undefined) {
    const hex = bytes.hex || '(empty)';
    return hex.length > 200 || bytes.size !== undefined
      ? `hex \`${hex.slice(0, 200)}…\` (${size} bytes)`
      : `hex \`${hex}\``;
  }
  const quoted = visible(bytes.text);
  const text =
    quoted.length > 100 || bytes.size !== undefined
      ? `${quoted.slice(0, 97)}…" (${size} bytes)`
      : quoted;
  // A backquote would end the code span early; the look-alike ˋ keeps the text readable.
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

/**
 * Text for one Markdown table cell or list line: `|` escaped, line breaks made spaces.
 *
 * @throws Never.
 * @example
 * ```ts
 * cellText('a|b\nc'); // 'a\\|b c'
 * ```
 */
export function cellText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
}
