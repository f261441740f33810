/**
 * Splits an `--impl` command into words the way a POSIX shell would, without running a
 * shell: quotes and backslashes are honoured, nothing is expanded (no variables, globs or
 * command substitution) and no metacharacter has a meaning. PROTOCOL.md tells users to
 * write `sh -c '…'` when they want a shell, and paths with spaces need quotes, so both
 * must split as they would at a prompt.
 *
 * @module
 */
import { ConformanceError } from '../errors.js';

/**
 * The words of `command`: blanks separate words; `'…'` keeps everything literally;
 * `"…"` keeps everything but `\"`, `\\`, `` \` ``, `\$` and backslash-newline, which lose
 * their backslash; a backslash outside quotes keeps the next character literally.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` for an unterminated quote, a trailing
 * backslash, or a command with no words.
 * @example
 * ```ts
 * splitCommandLine(`sh -c 'exec python3 "/opt/my sdk/x.py"'`);
 * // ['sh', '-c', 'exec python3 "/opt/my sdk/x.py"']
 * ```
 */
export function splitCommandLine(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const fail = (why: string): never => {
    throw new ConformanceError(
      'ERR_CONFORMANCE_USAGE',
      `--impl ${JSON.stringify(command)}: ${why}`,
    );
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const close = command.indexOf("'", i + 1);
      if (close === -1) fail(`unterminated single quote at character ${i + 1}`);
      word += command.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        const d = command[j] as string;
        const e = command[j + 1];
        if (d === '\\' && e !== undefined && '"\\$`\n'.includes(e)) {
          if (e !== '\n') word += e;
          j++;
        } else word += d;
      }
      if (j >= command.length) fail(`unterminated double quote at character ${i + 1}`);
      i = j;
    } else if (c === '\\') {
      const next = command[i + 1];
      if (next === undefined) fail('ends with a backslash');
      if (next !== '\n') word += next;
      i++;
    } else word += c;
  }
  if (inWord) words.push(word);
  if (words.length === 0) fail('names no command');
  return words;
}
