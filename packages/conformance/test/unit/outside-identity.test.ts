/**
 * An outside implementation is named by its hello, never by its flag's position: the
 * identity, the disambiguation of two that say the same, and the reading of `impl-N` keys.
 * Spawns nothing (the CLI-level reordering test is test/outside-identity.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { type ColumnRef, columnKey } from '../../src/column-key.js';
import { isConformanceError } from '../../src/errors.js';
import type { ExpectationsFile } from '../../src/expectations/file.js';
import { adoptPositionalKeys } from '../../src/expectations/positional-keys.js';
import {
  distinctIdentities,
  type Introduced,
} from '../../src/implementations/distinct-identities.js';
import { idPart, outsideIdentity, scriptName } from '../../src/implementations/outside-identity.js';
import type { HelloReply } from '../../src/implementations/protocol.js';

const hello = (fields: Partial<HelloReply>): HelloReply => ({
  op: 'hello',
  protocol: 2,
  capabilities: ['call'],
  ...fields,
});
const sdkJs = (runtime: string, version = '1.4.1') =>
  hello({ name: 'plugnmeet-sdk-js', version, language: 'javascript', runtime });

describe('the identity a hello gives', () => {
  test('name → implementation id; runtime, else language → environment id; the hello kept as said', () => {
    expect(outsideIdentity(sdkJs('deno'), ['deno', 'run', 'adapter.mjs'])).toEqual({
      implementation: 'plugnmeet-sdk-js',
      environment: 'deno',
      said: { name: 'plugnmeet-sdk-js', version: '1.4.1', language: 'javascript', runtime: 'deno' },
    });
    const php = hello({ name: 'plugnmeet-sdk', version: '2.2.5', language: 'php' });
    expect(columnKey(outsideIdentity(php, ['php', 'adapter.php']))).toBe('plugnmeet-sdk/php');
  });

  test('the command does not change it, only the hello does', () => {
    const a = outsideIdentity(sdkJs('node'), ['node', '/a/adapter.mjs']);
    const b = outsideIdentity(sdkJs('node'), ['/usr/bin/node', '--no-warnings', '/b/other.mjs']);
    expect(a).toEqual(b);
  });

  test.each([
    ['plugnmeet-sdk-js', 'plugnmeet-sdk-js'],
    ['My SDK (beta)', 'my_sdk_beta'],
    ['@scope/client', 'scope_client'],
    ['a,b\u0000c', 'a_b_c'],
    ['\u001b]0;owned\u0007', '0_owned'],
    ['C#', 'c#'],
    ['--', undefined],
    ['', undefined],
  ])('idPart(%j) is %j: no comma, slash, NUL or control character reaches an id', (text, id) => {
    expect(idPart(text)).toBe(id);
  });

  test('an id is cut to 40 code points, never inside a character', () => {
    const id = idPart('𝒳'.repeat(50)) ?? '';
    expect(Array.from(id)).toHaveLength(40);
    expect(id).toBe('𝒳'.repeat(40));
  });

  test.each([
    [['python3', 'examples/python/my_signer.py'], 'my_signer'],
    [['deno', 'run', '--allow-read', '/opt/sdk/my_signer.ts'], 'my_signer'],
    [['./my_signer'], 'my_signer'],
    [['sh', '-c', 'exec python3 "/opt/my sdk/signer.py"'], 'signer'],
    [['node', 'x.mjs', '/tmp/pids'], 'x'],
  ])('without a hello, %j is named after its script: %j', (words, name) => {
    expect(scriptName(words)).toBe(name);
    expect(outsideIdentity(undefined, words)).toEqual({
      implementation: name,
      environment: 'unknown',
    });
  });

  test('a hello whose name leaves nothing is named after its script too; its language stays', () => {
    const identity = outsideIdentity(hello({ name: '???', language: 'go' }), ['./signer']);
    expect(columnKey(identity)).toBe('signer/go');
    expect(identity.said?.name).toBe('???');
  });
});

const introduced = (command: string, identity: ReturnType<typeof outsideIdentity>): Introduced => ({
  command,
  identity,
});

describe('two --impl whose hellos give the same column', () => {
  const node = introduced('node adapter.mjs', outsideIdentity(sdkJs('node'), []));
  const deno = introduced('deno run adapter.mjs', outsideIdentity(sdkJs('deno'), []));

  test('distinct identities keep their ids, in either order', () => {
    const ids = (list: Introduced[]) => distinctIdentities(list, new Set()).map(columnKey);
    expect(ids([node, deno])).toEqual(['plugnmeet-sdk-js/node', 'plugnmeet-sdk-js/deno']);
    expect(ids([deno, node])).toEqual(['plugnmeet-sdk-js/deno', 'plugnmeet-sdk-js/node']);
  });

  test('one SDK at two versions: each id says its version, whichever flag comes first', () => {
    const newer = introduced('node new/adapter.mjs', outsideIdentity(sdkJs('node', '1.5.0'), []));
    const forward = distinctIdentities([node, newer], new Set()).map(columnKey);
    const backward = distinctIdentities([newer, node], new Set()).map(columnKey);
    expect(forward).toEqual(['plugnmeet-sdk-js-1.4.1/node', 'plugnmeet-sdk-js-1.5.0/node']);
    expect(backward).toEqual([...forward].reverse());
  });

  test('the same identity twice is a usage error naming both commands', () => {
    const again = introduced('node ./adapter.mjs', node.identity);
    const error = (() => {
      try {
        distinctIdentities([node, deno, again], new Set());
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(isConformanceError(error) && error.code).toBe('ERR_CONFORMANCE_USAGE');
    const message = (error as Error).message;
    expect(message).toContain('"node adapter.mjs"');
    expect(message).toContain('"node ./adapter.mjs"');
    expect(message).toContain('plugnmeet-sdk-js/node');
    expect(message).not.toContain('deno');
  });

  test('two that cannot say hello, run from scripts of the same name, are refused too', () => {
    const a = introduced('./a/signer', outsideIdentity(undefined, ['./a/signer']));
    const b = introduced('./b/signer', outsideIdentity(undefined, ['./b/signer']));
    expect(() => distinctIdentities([a, b], new Set())).toThrow(/"\.\/a\/signer".*"\.\/b\/signer"/);
  });

  test('an id of a built-in column (with --with-snippets) is refused, naming the command', () => {
    const go = introduced('./signer', outsideIdentity(hello({ name: 'go', language: 'go' }), []));
    const builtIn = new Set([columnKey({ implementation: 'go', environment: 'go' })]);
    expect(() => distinctIdentities([go], builtIn)).toThrow(/"\.\/signer".*go\/go.*built-in/);
  });
});

describe('expectations keyed impl-N, by position', () => {
  const entry = (implementation: string, environment: string) => ({
    implementation,
    environment,
    cause: 'lost-values',
    explanation: 'x',
    vectors: ['call-property'],
  });
  const file: ExpectationsFile = {
    formatVersion: 1,
    description: '',
    expectations: [
      entry('impl-2', 'javascript'),
      entry('plugnmeet-sdk', 'python'),
      entry('impl-1', 'python'),
      entry('impl-9', 'php'),
    ],
  };
  const positioned = (position: number, language: string, identity: ColumnRef) => ({
    command: `cmd-${position}`,
    identity,
    positionalKey: { implementation: `impl-${position}`, environment: language },
  });
  const run = [
    positioned(1, 'python', { implementation: 'plugnmeet-sdk', environment: 'python' }),
    positioned(2, 'javascript', { implementation: 'plugnmeet-sdk-js', environment: 'deno' }),
  ];

  test('are read as the key of the --impl at that position, each with a warning naming the new key', () => {
    const warnings: string[] = [];
    const read = adoptPositionalKeys(file, 'sdk.json', run, (w) => warnings.push(w));
    expect(read.expectations.map(columnKey)).toEqual([
      'plugnmeet-sdk-js/deno',
      'plugnmeet-sdk/python',
      'plugnmeet-sdk/python',
      'impl-9/php',
    ]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('sdk.json: /expectations/0 says "implementation": "impl-2"');
    expect(warnings[0]).toContain('the 2nd --impl ("cmd-2")');
    expect(warnings[0]).toContain('"implementation": "plugnmeet-sdk-js", "environment": "deno"');
    expect(warnings[1]).toContain('/expectations/2');
    expect(warnings[2]).toContain('/expectations/3');
    expect(warnings[2]).toContain('no --impl of this run');
    // Nothing else of an entry changes.
    expect(read.expectations[0]).toEqual({ ...file.expectations[0], ...run[1]?.identity });
  });

  test('an entry whose environment was not that position’s language matched nothing before, and still does not', () => {
    const warnings: string[] = [];
    const stale = { ...file, expectations: [entry('impl-1', 'javascript')] };
    const read = adoptPositionalKeys(stale, 'x.json', run, (w) => warnings.push(w));
    expect(read.expectations.map(columnKey)).toEqual(['impl-1/javascript']);
    expect(warnings[0]).toContain('no --impl of this run');
  });

  test('a file without impl-N keys is read unchanged and without a warning', () => {
    const warnings: string[] = [];
    const current = { ...file, expectations: [entry('plugnmeet-sdk', 'python')] };
    expect(adoptPositionalKeys(current, 'x.json', run, (w) => warnings.push(w))).toEqual(current);
    expect(warnings).toEqual([]);
  });
});
