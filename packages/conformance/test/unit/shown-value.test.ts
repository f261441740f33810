/**
 * What a report shows of one value: texts cut to SHOWN_CHARS and byte strings to
 * SHOWN_BYTES, each saying its full size when cut (issue 18).
 */
import { describe, expect, test } from 'vitest';
import { bytesField } from '../../src/reports/bytes-field.js';
import {
  bytesShown,
  cutNote,
  cutText,
  fullSize,
  SHOWN_BYTES,
  SHOWN_CHARS,
} from '../../src/reports/shown-value.js';

describe('cutText', () => {
  test('keeps a short text as it is', () => {
    expect(cutText('abc')).toBe('abc');
    expect(cutText('x'.repeat(SHOWN_CHARS))).toBe('x'.repeat(SHOWN_CHARS));
  });

  test('cuts a long one, numbers of a million digits too, and says how long it was', () => {
    const digits = '9'.repeat(999_000);
    expect(cutText(digits)).toBe(`${'9'.repeat(SHOWN_CHARS)}… (999000 characters in all)`);
  });

  test('never cuts inside a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(10)}`;
    expect(cutText(text, 10)).toBe(`${'a'.repeat(9)}… (${text.length} characters in all)`);
  });
});

describe('bytesShown', () => {
  test('shows short bytes whole, with text only when UTF-8', () => {
    expect(bytesShown(new Uint8Array([0x68, 0x69]))).toEqual({ hex: '6869', text: 'hi' });
    expect(bytesShown(new Uint8Array([0xff]))).toEqual({ hex: 'ff' });
  });

  test('cuts long bytes to SHOWN_BYTES, saying the full size, without reading the rest', () => {
    const bytes = new Uint8Array(60 * 1024 * 1024).fill(0x61);
    const shown = bytesField(bytes);
    expect(shown.hex).toBe('61'.repeat(SHOWN_BYTES));
    expect(shown.text).toBe('a'.repeat(SHOWN_BYTES));
    expect(shown.size).toBe(bytes.length);
    expect(fullSize(shown)).toBe(bytes.length);
    expect(cutNote(shown)).toBe(` (the first ${SHOWN_BYTES} of ${bytes.length} bytes)`);
  });

  test('a cut inside a multi-byte character still shows the text before it', () => {
    const bytes = new TextEncoder().encode('aé'.repeat(10)); // 30 bytes
    const shown = bytesShown(bytes, 4); // 'a', 'é' (2 bytes), 'a'
    expect(shown.text).toBe('aéa');
    const split = bytesShown(bytes, 5); // ends inside the second é
    expect(split.text).toBe('aéa');
    expect(split.size).toBe(30);
  });

  test('bytes that are not UTF-8 in the shown part have no text', () => {
    expect(bytesShown(new Uint8Array(100).fill(0xff), 10)).toEqual({
      hex: 'ff'.repeat(10),
      size: 100,
    });
  });
});
