/**
 * Webhook deliveries minted the way the plugNmeet notifier signs them
 * (plugnmeet-protocol webhook/notifier.go): the body is protojson of the event; the token is
 * an HS256 JWT keyed with the API secret with `iss` = API key, a 5-minute validity and a
 * `sha256` claim = standard padded base64 of SHA-256 over the body bytes; it goes, bare
 * (no `Bearer `), in both `Authorization` and `Hash-Token`. Plus forged and damaged ones.
 */
import { createHash, createHmac } from 'node:crypto';
import { UNSAFE_INT64 } from './stub-servers.mjs';

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** A compact JWS over `claims`; `alg` none gets an empty signature, like a forger's. */
export function mintToken(claims, key, alg = 'HS256') {
  const head = base64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = base64url(JSON.stringify(claims));
  const input = `${head}.${body}`;
  if (alg === 'none') return `${input}.`;
  const hash = { HS256: 'sha256', HS384: 'sha384' }[alg];
  return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
}

const sha256 = (bytes) => createHash('sha256').update(bytes);

/** Two genuine event bodies, with non-ASCII text and int64 values (strings, as protojson). */
function eventBodies() {
  const finished = `{"event":"room_finished","room":{"sid":"RM_drive","room_id":"drive-room","name":"Réunion ✓ 会議","creation_time":"${UNSAFE_INT64}"},"created_at":"1719225600","id":"EV_1"}`;
  const recording = `{"event":"end_recording","room":{"sid":"RM_drive","room_id":"drive-room"},"recording_info":{"record_id":"REC_1","recorder_id":"node_01","file_size":12.5},"created_at":"${UNSAFE_INT64}","id":"EV_2"}`;
  return [Buffer.from(finished, 'utf8'), Buffer.from(recording, 'utf8')];
}

/**
 * Every delivery the driver sends: `{ name, body (Buffer), headers, expectValid }`.
 */
export function webhookCases(apiKey, secret) {
  const now = Math.floor(Date.now() / 1000);
  const [finished, recording] = eventBodies();
  const claimsFor = (body, extra = {}) => ({
    iss: apiKey,
    nbf: now,
    exp: now + 300,
    sha256: sha256(body).digest('base64'),
    ...extra,
  });
  const both = (token) => ({ Authorization: token, 'Hash-Token': token });
  const genuine = mintToken(claimsFor(finished), secret);
  const forged = (name, claims, { alg, key = secret, body = finished } = {}) => ({
    name,
    body,
    headers: both(mintToken(claims, key, alg)),
    expectValid: false,
  });
  const { iss: _dropIss, ...noIssuer } = claimsFor(finished);
  const { sha256: _dropHash, ...noHash } = claimsFor(finished);
  return [
    { name: 'genuine, both headers', body: finished, headers: both(genuine), expectValid: true },
    {
      name: 'genuine, Authorization only',
      body: finished,
      headers: { Authorization: genuine },
      expectValid: true,
    },
    {
      name: 'genuine, Hash-Token only',
      body: finished,
      headers: { 'Hash-Token': genuine },
      expectValid: true,
    },
    {
      name: 'genuine, second event type',
      body: recording,
      headers: both(mintToken(claimsFor(recording), secret)),
      expectValid: true,
    },
    {
      name: 'tampered body',
      body: Buffer.from(finished.toString('utf8').replace('RM_drive', 'RM_evil!')),
      headers: both(genuine),
      expectValid: false,
    },
    {
      name: 're-serialized body',
      body: Buffer.from(JSON.stringify(JSON.parse(finished.toString('utf8')), null, 1)),
      headers: both(genuine),
      expectValid: false,
    },
    forged('expired', claimsFor(finished, { nbf: now - 900, exp: now - 600 })),
    forged('not yet valid', claimsFor(finished, { nbf: now + 600, exp: now + 900 })),
    forged('wrong issuer', claimsFor(finished, { iss: 'someone-else' })),
    forged('no issuer', noIssuer),
    forged('HS384', claimsFor(finished), { alg: 'HS384' }),
    forged('alg none', claimsFor(finished), { alg: 'none' }),
    forged('sha256 as hex', claimsFor(finished, { sha256: sha256(finished).digest('hex') })),
    forged(
      'sha256 as unpadded base64url',
      claimsFor(finished, { sha256: sha256(finished).digest('base64url') }),
    ),
    forged('no sha256', noHash),
    { name: 'no token', body: finished, headers: {}, expectValid: false },
    forged('signed with the API key', claimsFor(finished), { key: apiKey }),
  ];
}
