import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { requireSubject } from '../../../scripts/test-subject.mjs';
import {
  type FormPart,
  parseMultipart,
  SAMPLE_API_KEY,
  SAMPLE_SECRET,
  startTestServer,
  type TestServer,
} from '../src/index.js';
import { sign } from './helpers.js';
import { hasGo, runGoFixture } from './upstream-go.js';

const B = 'XyZ';
const CT = `multipart/form-data; boundary=${B}`;
const END = `--${B}--\r\n`;
const bytes = (...pieces: Array<string | Uint8Array>) =>
  new Uint8Array(
    Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))),
  );
/** One part: its Content-Disposition value, any further header lines, its content. */
const part = (disposition: string, content: string | Uint8Array, headers = '') =>
  bytes(`--${B}\r\nContent-Disposition: ${disposition}\r\n${headers}\r\n`, content, '\r\n');
const BINARY = new Uint8Array([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0x0d, 0x0a, 0x80]);

type Case = { contentType: string; body: Uint8Array };

// Bodies the way clients write them, and the ways they go wrong.
const CASES: Record<string, Case> = {
  'a field and a file': {
    contentType: CT,
    body: bytes(
      part('form-data; name="document_link"', 'https://example.com/a.pdf'),
      part(
        'form-data; name="document"; filename="s.pdf"',
        '%PDF-1.4',
        'Content-Type: application/pdf\r\n',
      ),
      END,
    ),
  },
  'binary file bytes, CR LF and dashes among them': {
    contentType: CT,
    body: bytes(part('form-data; name="document"; filename="b.bin"', BINARY), END),
  },
  'a file part without a Content-Type': {
    contentType: CT,
    body: bytes(part('form-data; name="document"; filename="s.pdf"', '%PDF'), END),
  },
  'an empty filename (a browser with no file chosen)': {
    contentType: CT,
    body: bytes(
      part(
        'form-data; name="document"; filename=""',
        '',
        'Content-Type: application/octet-stream\r\n',
      ),
      END,
    ),
  },
  'octet-stream without a filename': {
    contentType: CT,
    body: bytes(
      part('form-data; name="document"', 'xx', 'Content-Type: application/octet-stream\r\n'),
      END,
    ),
  },
  'a preamble and an epilogue': {
    contentType: CT,
    body: bytes('preamble\r\n', part('form-data; name="a"', '1'), END, 'epilogue'),
  },
  'repeated names, interleaved': {
    contentType: CT,
    body: bytes(
      part('form-data; name="a"', '1'),
      part('form-data; name="b"', '2'),
      part('form-data; name="a"', '3'),
      END,
    ),
  },
  'CR and LF inside a field': {
    contentType: CT,
    body: bytes(part('form-data; name="a"', 'x\r\ny\nz\r'), END),
  },
  'a quoted-pair in a name': {
    contentType: CT,
    body: bytes(part('form-data; name="a\\"b"', '1'), END),
  },
  'an unquoted name, lowercase header, no spaces': {
    contentType: CT,
    body: bytes(`--${B}\r\ncontent-disposition:form-data;name=a\r\n\r\n1\r\n`, END),
  },
  'filename* in RFC 5987 form': {
    contentType: CT,
    body: bytes(part(`form-data; name="document"; filename*=UTF-8''%C3%A9.pdf`, '%PDF'), END),
  },
  'a UTF-8 filename': {
    contentType: CT,
    body: bytes(part('form-data; name="document"; filename="é.pdf"', '%PDF'), END),
  },
  'Content-Transfer-Encoding is not undone': {
    contentType: CT,
    body: bytes(part('form-data; name="a"', 'MQ==', 'Content-Transfer-Encoding: base64\r\n'), END),
  },
  'a part without a name, and one with an empty name': {
    contentType: CT,
    body: bytes(
      part('form-data', '1'),
      part('form-data; name=""', '2'),
      part('form-data; name="c"', '3'),
      END,
    ),
  },
  'parts without form-data disposition': {
    contentType: CT,
    body: bytes(
      `--${B}\r\nContent-Type: text/plain\r\n\r\n1\r\n`,
      part('attachment; name="a"', '2'),
      END,
    ),
  },
  'no part at all': { contentType: CT, body: bytes(END) },
  'no CR LF after the closing delimiter': {
    contentType: CT,
    body: bytes(part('form-data; name="a"', '1'), `--${B}--`),
  },
  'a quoted boundary, BOUNDARY in capitals': {
    contentType: `multipart/form-data; BOUNDARY="${B}"`,
    body: bytes(part('form-data; name="a"', '1'), END),
  },
  'an empty body': { contentType: CT, body: bytes() },
  'cut short after a field': { contentType: CT, body: bytes(part('form-data; name="a"', '1')) },
  'cut short inside a file': {
    contentType: CT,
    body: bytes(
      `--${B}\r\nContent-Disposition: form-data; name="document"; filename="s.pdf"\r\n\r\n%PDF-1.4 and`,
    ),
  },
  'a part header that never ends': {
    contentType: CT,
    body: bytes(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n1\r\n`, END),
  },
};

// Where the emulator's reader and the real server's are known to differ, and why. Each is
// checked to still differ, so that the list cannot go stale.
const KNOWN: Record<string, Case & { why: string }> = {
  'LF-only line breaks': {
    why: 'busboy takes only CR LF; Go also takes LF alone. No client found sends LF alone.',
    contentType: CT,
    body: bytes(`--${B}\nContent-Disposition: form-data; name="a"\n\n1\n`, `--${B}--\n`),
  },
  'transport padding after a delimiter (RFC 2046)': {
    why: 'busboy drops the part; Go reads it. No client found pads.',
    contentType: CT,
    body: bytes(`--${B}  \r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n`, END),
  },
  'a field that is not UTF-8': {
    why: "a field's data is its text (U+FFFD for bytes that are not UTF-8); a Go string keeps the bytes",
    contentType: CT,
    body: bytes(part('form-data; name="a"', new Uint8Array([0xff, 0xfe, 0x41])), END),
  },
  'a path in a filename': {
    why: "FormPart.filename is what the client sent; Go's FileName() keeps the last segment",
    contentType: CT,
    body: bytes(part('form-data; name="document"; filename="dir/s.pdf"', '%PDF'), END),
  },
  'multipart/form-data inside another Content-Type': {
    why: 'the emulator reads any Content-Type with a boundary (its multipart check is a substring, as for auth); fasthttp refuses it',
    contentType: `text/plain; multipart/form-data; boundary=${B}`,
    body: bytes(part('form-data; name="a"', '1'), END),
  },
};

type GoFile = { filename: string; contentType: string; data: string };
type GoForm = {
  values?: Record<string, string[]>;
  files?: Record<string, GoFile[]>;
  error?: string;
};
type Form = { values: Record<string, string[]>; files: Record<string, GoFile[]> } | 'error';

/** Builds test/fixtures/multipart-go (Fiber v3.5.0's c.MultipartForm()) and runs it on `cases`. */
async function fiberForms(cases: readonly Case[]): Promise<GoForm[]> {
  return runGoFixture<GoForm>(
    'multipart-go',
    cases.map((c) => ({
      contentType: c.contentType,
      body: Buffer.from(c.body).toString('base64'),
    })),
  );
}

/** Go's form, its content types as media types the way FormPart gives them. */
function goForm(form: GoForm): Form {
  if (form.error !== undefined) return 'error';
  const files = Object.fromEntries(
    Object.entries(form.files ?? {}).map(([name, list]) => [
      name,
      list.map((f) => ({
        ...f,
        contentType: (f.contentType.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain',
      })),
    ]),
  );
  return { values: form.values ?? {}, files };
}

/** The emulator's parts grouped as Go groups them: by name, values apart from files. */
function ourForm(parts: readonly FormPart[] | undefined): Form {
  if (parts === undefined) return 'error';
  const values: Record<string, string[]> = {};
  const files: Record<string, GoFile[]> = {};
  for (const p of parts) {
    const data = Buffer.from(p.data).toString('base64');
    if (p.filename === undefined) {
      values[p.name] = [...(values[p.name] ?? []), data];
    } else {
      const file = { filename: p.filename, contentType: p.contentType ?? '', data };
      files[p.name] = [...(files[p.name] ?? []), file];
    }
  }
  return { values, files };
}

describe('parseMultipart against the real Fiber v3.5.0 (Go mime/multipart)', () => {
  it('reads every case as the real server does', { timeout: 300_000 }, async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const names = Object.keys(CASES);
    const fiber = await fiberForms(names.map((name) => CASES[name] as Case));
    const ours = await Promise.all(
      names.map(async (name) => {
        const c = CASES[name] as Case;
        return ourForm(await parseMultipart(c.body, c.contentType));
      }),
    );
    for (const [i, name] of names.entries()) {
      expect(ours[i], name).toEqual(goForm(fiber[i] as GoForm));
    }
    // Not trivial: files, values and refusals all occur.
    expect(ours.filter((f) => f === 'error').length).toBeGreaterThanOrEqual(4);
    expect(ours.some((f) => f !== 'error' && Object.keys(f.files).length > 0)).toBe(true);
  });

  it('differs only where it is known to, and says why', { timeout: 300_000 }, async (ctx) => {
    requireSubject(ctx, hasGo ? undefined : 'go is not on PATH');
    const names = Object.keys(KNOWN);
    const fiber = await fiberForms(names.map((name) => KNOWN[name] as Case));
    for (const [i, name] of names.entries()) {
      const c = KNOWN[name] as Case & { why: string };
      const ours = ourForm(await parseMultipart(c.body, c.contentType));
      expect(ours, `${name}: ${c.why}`).not.toEqual(goForm(fiber[i] as GoForm));
    }
  });
});

describe('parseMultipart on what this runtime sends', () => {
  it("reads back a FormData as this runtime's fetch serializes it, bytes exact", async () => {
    const form = new FormData();
    form.append('document_link', 'https://example.com/é.pdf');
    form.append('document', new Blob([BINARY], { type: 'application/pdf' }), 'slides é.pdf');
    form.append('document_link', '');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const contentType = request.headers.get('content-type') ?? '';
    const body = new Uint8Array(await request.arrayBuffer());
    const parts = await parseMultipart(body, contentType);
    expect(parts?.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['document_link', undefined, 'text/plain'],
      ['document', 'slides é.pdf', 'application/pdf'],
      ['document_link', undefined, 'text/plain'],
    ]);
    expect(parts?.map((p) => p.data)).toEqual([
      new TextEncoder().encode('https://example.com/é.pdf'),
      BINARY,
      new Uint8Array(),
    ]);
  });

  it('resolves to undefined for a body it cannot read, without a boundary, and never throws', async () => {
    for (const name of [
      'an empty body',
      'cut short after a field',
      'cut short inside a file',
      'a part header that never ends',
    ]) {
      const c = CASES[name] as Case;
      expect(await parseMultipart(c.body, c.contentType), name).toBeUndefined();
    }
    const good = CASES['a field and a file'] as Case;
    expect(await parseMultipart(good.body, 'multipart/form-data')).toBeUndefined();
    expect(await parseMultipart(good.body, '')).toBeUndefined();
  });
});

describe('multipart uploads through the server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const upload = async (body: Uint8Array<ArrayBuffer>, contentType = CT) => {
    const response = await fetch(`${server?.url}/auth/room/uploadWhiteboardFile`, {
      method: 'POST',
      body,
      headers: {
        'API-KEY': SAMPLE_API_KEY,
        'HASH-SIGNATURE': sign('up1', SAMPLE_SECRET),
        'Room-Id': 'up1',
        'Content-Type': contentType,
      },
    });
    return [response.status, await response.json()];
  };

  it('a malformed body gets a 400 that says so, is recorded as sent, and the server goes on', async () => {
    server = await startTestServer();
    const room = JSON.stringify({
      room_id: 'up1',
      metadata: { room_title: 'T', room_features: {} },
    });
    const created = await fetch(`${server.url}/auth/room/create`, {
      method: 'POST',
      body: room,
      headers: {
        'API-KEY': SAMPLE_API_KEY,
        'HASH-SIGNATURE': sign(room, SAMPLE_SECRET),
        'Content-Type': 'application/json',
      },
    });
    expect(created.status).toBe(200);
    const cut = (CASES['cut short inside a file'] as Case).body as Uint8Array<ArrayBuffer>;
    expect(await upload(cut)).toEqual([
      400,
      { status: false, msg: 'invalid multipart form', status_code: 'INVALID_PARAMETERS' },
    ]);
    expect(server.lastRequest?.body).toEqual(cut);
    expect(server.lastRequest?.auth?.mode).toBe('room-id');
    const good = (CASES['a field and a file'] as Case).body as Uint8Array<ArrayBuffer>;
    expect(await upload(good)).toEqual([
      200,
      { status: true, msg: 'file uploaded successfully', status_code: 'SUCCESS' },
    ]);
    expect(server.lastRequest?.body).toEqual(good);
  });
});
