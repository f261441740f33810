/**
 * schemas/protocol.json as the runner applies it to an implementation's replies: what it
 * accepts, and for what it refuses, the JSON path at fault and the words the report shows.
 * Nothing spawned.
 */
import { describe, expect, test } from 'vitest';
import {
  failureProblem,
  helloProblem,
  type RequestOp,
  replyProblem,
} from '../../src/implementations/protocol.js';
import { firstIssue } from '../../src/schemas/issue.js';
import { validatorFor } from '../../src/schemas/load.js';

/** The JSON Pointer of the first problem of `value` under `#/$defs/definition`. */
function pointerOf(definition: string, value: unknown): string | undefined {
  const validate = validatorFor('protocol', `#/$defs/${definition}`);
  return validate(value) ? undefined : firstIssue(validate.errors ?? [], value).jsonPath;
}

describe('hello replies', () => {
  test.each([
    [
      'v1 as PROTOCOL.md shows it',
      {
        op: 'hello',
        protocol: 1,
        name: 'n',
        version: '1',
        language: 'python',
        capabilities: ['sign', 'verify'],
      },
    ],
    ['v1 with sign only and no name', { op: 'hello', protocol: 1, capabilities: ['sign'] }],
    [
      'v1 naming v2 capabilities (ignored)',
      { op: 'hello', protocol: 1, capabilities: ['sign', 'call'] },
    ],
    ['v1 with an item that is no string', { op: 'hello', protocol: 1, capabilities: ['sign', 7] }],
    [
      'v2 with every capability',
      { op: 'hello', protocol: 2, capabilities: ['sign', 'verify', 'call', 'webhook'] },
    ],
    ['v2 with call only', { op: 'hello', protocol: 2, capabilities: ['call'] }],
    [
      'v2 with an unknown capability beside a known one',
      { op: 'hello', protocol: 2, capabilities: ['fly', 'webhook'] },
    ],
    ['extra properties', { op: 'hello', protocol: 1, capabilities: ['sign'], sdk: { url: 'x' } }],
  ])('accepts %s', (_name, reply) => {
    expect(helloProblem(reply)).toBeUndefined();
  });

  test.each([
    ['not an object', ['hello'], '', 'the hello reply must be a JSON object'],
    ['null', null, '', 'the hello reply must be a JSON object'],
    [
      'no op',
      { protocol: 1, capabilities: ['sign'] },
      '/op',
      '"op" must be "hello" (the first reply must be {"op":"hello",...}), got nothing',
    ],
    [
      'another op',
      { op: 'sign', protocol: 1, capabilities: ['sign'] },
      '/op',
      '"op" must be "hello" (the first reply must be {"op":"hello",...}), got "sign" (string)',
    ],
    [
      'protocol as a string',
      { op: 'hello', protocol: '1', capabilities: ['sign'] },
      '/protocol',
      '"protocol" must be the number 1 or 2, got "1" (string)',
    ],
    [
      'no protocol',
      { op: 'hello', capabilities: ['sign'] },
      '/protocol',
      '"protocol" must be the number 1 or 2, got nothing',
    ],
    [
      'protocol 3',
      { op: 'hello', protocol: 3, capabilities: ['sign'] },
      '/protocol',
      '"protocol" must be the number 1 or 2, got 3 (number)',
    ],
    [
      'a name that is no string',
      { op: 'hello', protocol: 2, name: 5, capabilities: ['call'] },
      '/name',
      '"name" must be a string, got 5 (number)',
    ],
    [
      'a language that is null',
      { op: 'hello', protocol: 1, language: null, capabilities: ['sign'] },
      '/language',
      '"language" must be a string, got null (null)',
    ],
    [
      'v1 without sign',
      { op: 'hello', protocol: 1, capabilities: ['verify'] },
      '/capabilities',
      '"capabilities" must be an array that includes "sign", got ["verify"] (array)',
    ],
    [
      'v1 without capabilities',
      { op: 'hello', protocol: 1 },
      '/capabilities',
      '"capabilities" must be an array that includes "sign", got nothing',
    ],
    [
      'v1 with capabilities as a string',
      { op: 'hello', protocol: 1, capabilities: 'sign' },
      '/capabilities',
      '"capabilities" must be an array that includes "sign", got "sign" (string)',
    ],
    [
      'v2 with none',
      { op: 'hello', protocol: 2, capabilities: [] },
      '/capabilities',
      '"capabilities" must be an array with at least one of sign, verify, call, webhook, got [] (array)',
    ],
    [
      'v2 with unknown ones only',
      { op: 'hello', protocol: 2, capabilities: ['fly'] },
      '/capabilities',
      '"capabilities" must be an array with at least one of sign, verify, call, webhook, got ["fly"] (array)',
    ],
  ])('refuses %s', (_name, reply, pointer, message) => {
    expect(pointerOf('helloReply', reply)).toBe(pointer);
    expect(helloProblem(reply)).toBe(message);
  });
});

describe('replies to requests', () => {
  test.each<[string, RequestOp, unknown]>([
    ['a signature', 'sign', { id: 't', signature: 'ab' }],
    ['a refusal', 'sign', { id: 't', error: 'empty secret' }],
    ['unrepresentable', 'sign', { id: 't', unrepresentable: 'not UTF-8' }],
    [
      'a verdict to sign (the session names it as the wrong answer)',
      'sign',
      { id: 't', valid: true },
    ],
    ['a verdict', 'verify', { id: 't', valid: false }],
    ['a signature with extra properties', 'verify', { id: 't', signature: 'ab', took: 3 }],
    ['a result', 'call', { id: 't', result: { room: { sid: 1 } } }],
    ['a null result', 'call', { id: 't', result: null }],
    [
      'a failure',
      'call',
      { id: 't', failure: { kind: 'api', httpStatus: 200, statusCode: 'NOT_FOUND', message: 'm' } },
    ],
    [
      'a failure of any shape (its shape is checked apart)',
      'call',
      { id: 't', failure: { kind: 'oops' } },
    ],
    ['a call refused', 'call', { id: 't', error: 'no such endpoint' }],
    ['a genuine webhook', 'webhook', { id: 't', valid: true, event: { event: 'room_started' } }],
    ['a genuine webhook without its event', 'webhook', { id: 't', valid: true }],
    ['a forged webhook', 'webhook', { id: 't', valid: false, reason: 'expired' }],
    ['a webhook refused', 'webhook', { id: 't', error: 'x' }],
  ])('accepts %s', (_name, op, reply) => {
    expect(replyProblem(reply, 't', new Set(), op)).toBeUndefined();
  });

  test.each<[string, RequestOp, unknown, string, string]>([
    ['not an object', 'sign', 'ff', '', 'a reply to sign must be a JSON object'],
    ['an array', 'verify', [], '', 'a reply to verify must be a JSON object'],
    [
      'no answer field',
      'sign',
      { id: 't' },
      '',
      'a reply to sign must be an object with exactly one of signature, valid, error, unrepresentable, got none of them',
    ],
    [
      'two answer fields',
      'sign',
      { id: 't', signature: 'ab', error: 'e' },
      '',
      'a reply to sign must be an object with exactly one of signature, valid, error, unrepresentable, got signature, error',
    ],
    [
      'a signature that is no string',
      'sign',
      { id: 't', signature: 12 },
      '/signature',
      '"signature" must be a string, got 12 (number)',
    ],
    [
      'a verdict that is no boolean',
      'verify',
      { id: 't', valid: 'true' },
      '/valid',
      '"valid" must be a boolean, got "true" (string)',
    ],
    [
      'unrepresentable that is no string',
      'sign',
      { id: 't', unrepresentable: true },
      '/unrepresentable',
      '"unrepresentable" must be a string, got true (boolean)',
    ],
    [
      'a call with result and error',
      'call',
      { id: 't', result: 1, error: 'e' },
      '',
      'a reply to call must be an object with exactly one of result, failure, error, got result, error',
    ],
    [
      'a call with a signature',
      'call',
      { id: 't', signature: 'ab' },
      '',
      'a reply to call must be an object with exactly one of result, failure, error, got none of them',
    ],
    [
      'a failure that is a list',
      'call',
      { id: 't', failure: [] },
      '/failure',
      '"failure" must be an object, got [] (array)',
    ],
    [
      'a webhook with a reason only',
      'webhook',
      { id: 't', reason: 'x' },
      '',
      'a reply to webhook must be an object with exactly one of valid, error, got none of them',
    ],
    [
      'a webhook answered with a result',
      'webhook',
      { id: 't', result: {} },
      '',
      'a reply to webhook must be an object with exactly one of valid, error, got none of them',
    ],
  ])('refuses %s', (_name, op, reply, pointer, message) => {
    const definition = {
      sign: 'signReply',
      verify: 'verifyReply',
      call: 'callEnvelope',
      webhook: 'webhookReply',
    }[op];
    expect(pointerOf(definition, reply)).toBe(pointer);
    expect(replyProblem(reply, 't', new Set(), op)).toBe(message);
  });

  test("the id is the runner's to judge, before the schema", () => {
    expect(replyProblem({ id: 'a', signature: 5 }, 't', new Set(['a']))).toBe(
      'answered request "a" a second time (a duplicate reply) instead of "t"',
    );
    expect(replyProblem({ id: 7, signature: 'ab' }, 't')).toBe(
      'answered out of order: expected id "t", got 7',
    );
    expect(replyProblem({ signature: 'ab' }, 't')).toBe(
      'answered out of order: expected id "t", got undefined',
    );
  });
});

describe('call failures', () => {
  const failure = { kind: 'http', httpStatus: 502, statusCode: null, message: 'bad gateway' };
  test.each([
    ['every field', failure],
    ['no HTTP status', { ...failure, kind: 'network', httpStatus: null }],
    [
      'a status code',
      { ...failure, kind: 'auth', httpStatus: 401, statusCode: 'INVALID_TOKEN_OR_SIGNATURE' },
    ],
    ['extra properties', { ...failure, kind: 'unsupported', retry: false }],
  ])('accepts %s', (_name, value) => {
    expect(failureProblem({ id: 't', failure: value })).toBeUndefined();
  });

  test.each([
    [
      'an unknown kind',
      { ...failure, kind: 'oops' },
      '/failure/kind',
      '"failure.kind" must be one of auth, api, http, network, timeout, unsupported, got "oops" (string)',
    ],
    [
      'no kind',
      { httpStatus: null, statusCode: null, message: '' },
      '/failure/kind',
      '"failure.kind" must be one of auth, api, http, network, timeout, unsupported, got nothing',
    ],
    [
      'an HTTP status that is no integer',
      { ...failure, httpStatus: 502.5 },
      '/failure/httpStatus',
      '"failure.httpStatus" must be an integer or null, got 502.5 (number)',
    ],
    [
      'an HTTP status as text',
      { ...failure, httpStatus: '502' },
      '/failure/httpStatus',
      '"failure.httpStatus" must be an integer or null, got "502" (string)',
    ],
    [
      'no HTTP status',
      { kind: 'api', statusCode: null, message: '' },
      '/failure/httpStatus',
      '"failure.httpStatus" must be an integer or null, got nothing',
    ],
    [
      'a status code that is a number',
      { ...failure, statusCode: 16 },
      '/failure/statusCode',
      '"failure.statusCode" must be a string or null, got 16 (number)',
    ],
    [
      'no message',
      { kind: 'api', httpStatus: 200, statusCode: null },
      '/failure/message',
      '"failure.message" must be a string, got nothing',
    ],
  ])('refuses %s', (_name, value, pointer, message) => {
    expect(pointerOf('callReply', { id: 't', failure: value })).toBe(pointer);
    expect(failureProblem({ id: 't', failure: value })).toBe(message);
  });
});

describe('requests, as PROTOCOL.md shows them', () => {
  const b64 = Buffer.from('{}').toString('base64');
  test.each([
    ['helloRequest', { op: 'hello', protocol: 2 }],
    ['signRequest', { op: 'sign', id: 'a', body: b64, secret: b64 }],
    ['verifyRequest', { op: 'verify', id: 'a', body: b64, secret: b64, signature: 'AB' }],
    [
      'callRequest',
      {
        op: 'call',
        id: 'a',
        server: { url: 'http://127.0.0.1:1', apiKey: 'k', secret: 's' },
        endpoint: 'room/isRoomActive',
        request: { room_id: 'r' },
        timeoutMs: 5000,
      },
    ],
    [
      'webhookRequest',
      {
        op: 'webhook',
        id: 'a',
        apiKey: 'k',
        secret: 's',
        body: b64,
        headers: { Authorization: 't' },
      },
    ],
    ['byeRequest', { op: 'bye' }],
  ])('%s', (definition, request) => {
    expect(pointerOf(definition, request)).toBeUndefined();
  });

  test('a request is not a reply of any kind', () => {
    expect(validatorFor('protocol')({ op: 'sign', id: 'a', body: b64, secret: b64 })).toBe(false);
    expect(validatorFor('protocol')({ id: 'a', signature: 'ab' })).toBe(true);
  });
});
