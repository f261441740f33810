/**
 * Webhook deliveries a verifier must refuse, each made from a genuine one by changing one
 * thing: the body, a claim, the algorithm, the key, the encoding of the body hash, or the
 * token's place. A verifier that accepts any of them can be fooled by whoever can reach it.
 *
 * @module
 */
import { createHash, createHmac } from 'node:crypto';
import type { WebhookCase, WebhookDelivery } from '../cases.js';

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** The padded standard base64 of SHA-256 of `body`: the `sha256` claim the server writes. */
export function bodyHashClaim(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64');
}

/** An HMAC-signed JWT of `header` and `claims` (HS256 unless the header says otherwise). */
export function signJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: string,
): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const algorithm = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)];
  if (algorithm === undefined) return `${input}.`;
  return `${input}.${createHmac(algorithm, key).update(input).digest('base64url')}`;
}

/** The claims of a JWT, read without checking anything. */
export function jwtClaims(token: string): Record<string, unknown> {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * The token a genuine delivery carries: the first of its `Authorization` and `Hash-Token`
 * headers (the notifier sets the same token in both), or `''` when it has neither.
 *
 * @throws Never.
 * @example
 * ```ts
 * jwtClaims(deliveryToken(genuine)).iss; // the API key
 * ```
 */
export function deliveryToken(delivery: WebhookDelivery): string {
  return (
    Object.entries(delivery.headers).find(([n]) => /^(authorization|hash-token)$/i.test(n))?.[1] ??
    ''
  );
}

/**
 * `delivery` with its token (in whichever of `Authorization` and `Hash-Token` it has)
 * replaced by `token`, or removed when `token` is undefined.
 *
 * @throws Never.
 * @example
 * ```ts
 * withToken(genuine, signJwt({ alg: 'HS256', typ: 'JWT' }, claims, secret));
 * ```
 */
export function withToken(delivery: WebhookDelivery, token: string | undefined): WebhookDelivery {
  const headers = { ...delivery.headers };
  for (const name of Object.keys(headers)) {
    if (/^(authorization|hash-token)$/i.test(name)) {
      if (token === undefined) delete headers[name];
      else headers[name] = token;
    }
  }
  return { body: delivery.body, headers };
}

/** A copy of `body` with one byte of its first string value changed (still valid JSON). */
function tampered(body: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(body);
  const quote = copy.indexOf(0x22);
  const at = copy.indexOf(0x22, copy.indexOf(0x3a, quote) + 1) + 1;
  copy[at] = copy[at] === 0x61 ? 0x62 : 0x61;
  return copy;
}

/** The most trailing spaces {@link bodyWhoseHash} tries. */
const MAX_SPACES = 256;

/**
 * `body` with the fewest trailing spaces (still the same JSON value) it takes for the
 * standard base64 of its SHA-256 to meet `wanted`: the same body always gives the same
 * bytes. About one hash in four has no `+` or `/`, three in four have one, so a few tries
 * do; missing in {@link MAX_SPACES} tries (odds below 10^-30) throws rather than hand back
 * a body without the property, which would make the forgery catch nothing.
 *
 * @throws {Error} When no body of up to {@link MAX_SPACES} trailing spaces meets `wanted`.
 */
function bodyWhoseHash(body: Uint8Array, wanted: (base64: string) => boolean): Uint8Array {
  for (let spaces = 0; spaces < MAX_SPACES; spaces++) {
    const candidate = new Uint8Array([...body, ...new Uint8Array(spaces).fill(0x20)]);
    if (wanted(createHash('sha256').update(candidate).digest('base64'))) return candidate;
  }
  throw new Error(`no body with up to ${MAX_SPACES} trailing spaces has the wanted hash`);
}

/** The same JSON value written again with other whitespace: other bytes, so another hash. */
function reserialized(body: Uint8Array): Uint8Array {
  const text = Buffer.from(body).toString('utf8');
  const again = JSON.stringify(JSON.parse(text), null, 1);
  return new TextEncoder().encode(again === text ? `${again} ` : again);
}

/**
 * The forgeries of `genuine` (a delivery whose token is valid now), each refused by the
 * upstream `webhook.VerifyRequest`: HS256 only, signed with the secret, `iss` the API key,
 * `exp`/`nbf` honoured, `sha256` exactly the padded standard base64 of SHA-256 of the body.
 *
 * @param now Seconds since the epoch, as the verifier will see them.
 * @throws {SyntaxError} When the genuine delivery's token or body is not what the server sends.
 * @throws {Error} Never in practice: when no body with the wanted hash is found (see `bodyWhoseHash`).
 * @example
 * ```ts
 * for (const forged of webhookForgeries(genuine, { apiKey: 'K', secret: 'S', now: Date.now() / 1000 })) …
 * ```
 */
export function webhookForgeries(
  genuine: WebhookDelivery,
  keys: { apiKey: string; secret: string; now: number },
): WebhookCase[] {
  const claims = jwtClaims(deliveryToken(genuine));
  const hs256 = { alg: 'HS256', typ: 'JWT' };
  const now = Math.floor(keys.now);
  const resign = (change: Record<string, unknown>, header = hs256, key = keys.secret) => {
    const next: Record<string, unknown> = { ...claims, ...change };
    for (const [name, value] of Object.entries(change)) if (value === undefined) delete next[name];
    return withToken(genuine, signJwt(header, next, key));
  };
  const hash = createHash('sha256').update(genuine.body);
  /** A delivery of `body` whose token is genuine but for its hash claim's encoding. */
  const withHashClaim = (body: Uint8Array, encoding: 'base64url'): WebhookDelivery => ({
    ...resign({ sha256: createHash('sha256').update(body).digest(encoding) }),
    body,
  });
  const forged = (id: string, description: string, delivery: WebhookDelivery): WebhookCase => ({
    id: `webhook-forged-${id}`,
    description,
    delivery,
    valid: false,
  });
  return [
    forged('tampered-body', 'one byte of the body changed after signing', {
      ...genuine,
      body: tampered(genuine.body),
    }),
    forged(
      'reserialized-body',
      'the same JSON value with other whitespace: a verifier must hash the bytes received',
      {
        ...genuine,
        body: reserialized(genuine.body),
      },
    ),
    forged(
      'expired',
      'exp an hour ago (re-signed with the secret)',
      resign({ nbf: now - 7200, exp: now - 3600 }),
    ),
    forged('not-yet-valid', 'nbf an hour from now', resign({ nbf: now + 3600, exp: now + 7200 })),
    forged('wrong-issuer', 'iss is another API key', resign({ iss: `${keys.apiKey}-other` })),
    forged('no-issuer', 'no iss claim', resign({ iss: undefined })),
    forged(
      'hs384',
      'signed with HS384: the server only signs HS256',
      resign({}, { alg: 'HS384', typ: 'JWT' }),
    ),
    forged('alg-none', 'alg none, no signature', resign({}, { alg: 'none', typ: 'JWT' })),
    forged('sha256-hex', 'the body hash as hex', resign({ sha256: hash.copy().digest('hex') })),
    // Two bodies picked for their hash, each re-signed with its own hash as unpadded
    // base64url: one whose standard base64 has no `+` or `/` (only the padding differs,
    // which a lenient decoder such as PHP's base64_decode ignores), one whose base64 has them
    // (the alphabet differs too). Never left to whatever hash the delivery happens to have.
    forged(
      'sha256-base64url-unpadded',
      'the body hash as unpadded base64url, for a body whose base64 hash has no + or /: only the padding differs',
      withHashClaim(
        bodyWhoseHash(genuine.body, (b64) => !/[+/]/.test(b64)),
        'base64url',
      ),
    ),
    forged(
      'sha256-base64url',
      'the body hash as unpadded base64url, for a body whose base64 hash has + or /: the alphabet differs too',
      withHashClaim(
        bodyWhoseHash(genuine.body, (b64) => /[+/]/.test(b64)),
        'base64url',
      ),
    ),
    forged('no-sha256', 'no sha256 claim', resign({ sha256: undefined })),
    forged('no-token', 'neither Authorization nor Hash-Token', withToken(genuine, undefined)),
    forged(
      'signed-with-api-key',
      'signed with the API key instead of the secret',
      resign({}, hs256, keys.apiKey),
    ),
  ];
}
