import { describe, expect, it } from 'vitest';
import { LOG_TEXT_LIMIT_BYTES, requestLogRecord } from '../src/request-log.js';
import type { RecordedRequest } from '../src/types.js';

const recorded = (body: Uint8Array): RecordedRequest => ({
  index: 0,
  method: 'POST',
  url: '/auth/room/isRoomActive',
  path: '/auth/room/isRoomActive',
  headers: {},
  rawHeaders: [],
  body,
  text: '',
  auth: undefined,
  response: { status: 200, headers: {}, body: new Uint8Array(0), hungUp: false },
});

describe('the body_text of a request line', () => {
  it('is left out, saying why, when its JSON form would pass the limit', () => {
    // Each NUL byte is six bytes of JSON (\u0000): 11 MiB of them pass 64 MiB.
    const body = new Uint8Array(11 * 1024 * 1024);
    const record = requestLogRecord(recorded(body));
    expect(record.body_text).toBeNull();
    expect(String(record.body_text_omitted)).toContain(`over the log's ${LOG_TEXT_LIMIT_BYTES}`);
    expect(Buffer.from(String(record.body_base64), 'base64').equals(Buffer.from(body))).toBe(true);
  });

  it('is kept for a large body of plain text', () => {
    const body = new TextEncoder().encode(`{"pad":"${'x'.repeat(11 * 1024 * 1024)}"}`);
    const record = requestLogRecord(recorded(body));
    expect(String(record.body_text).length).toBe(body.length);
    expect(record).not.toHaveProperty('body_text_omitted');
  });

  it('keeps a leading byte order mark: the text is the bytes', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    expect(requestLogRecord(recorded(body)).body_text).toBe('\ufeff{}');
  });
});
