import { describe, expect, test } from 'vitest';
import { isConformanceError } from '../src/errors.js';
import { splitCommandLine } from '../src/implementations/command-line.js';

describe('splitCommandLine splits --impl as a POSIX shell would, without expanding', () => {
  test.each([
    ['python3 x.py', ['python3', 'x.py']],
    ['  a\t b  ', ['a', 'b']],
    [`sh -c 'exec python3 "my sdk/x.py"'`, ['sh', '-c', 'exec python3 "my sdk/x.py"']],
    [`python3 '/path with space/x.py'`, ['python3', '/path with space/x.py']],
    [`"a \\"b\\" \\$HOME \\x"`, ['a "b" $HOME \\x']],
    ['a\\ b c', ['a b', 'c']],
    [`a''b ""`, ['ab', '']],
    ['echo $HOME *.py; rm -rf /', ['echo', '$HOME', '*.py;', 'rm', '-rf', '/']],
  ])('%s', (command, words) => {
    expect(splitCommandLine(command)).toEqual(words);
  });

  test.each([
    [`node 'x.mjs`, 'unterminated single quote at character 6'],
    [`node "x.mjs`, 'unterminated double quote at character 6'],
    ['node x\\', 'ends with a backslash'],
    ['   ', 'names no command'],
  ])('%s is refused', (command, message) => {
    let error: unknown;
    try {
      splitCommandLine(command);
    } catch (e) {
      error = e;
    }
    expect(isConformanceError(error) && error.code).toBe('ERR_CONFORMANCE_USAGE');
    expect((error as Error).message).toContain(message);
  });
});
