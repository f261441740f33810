/**
 * Who an outside implementation is. The column an `--impl` becomes is named by what its
 * hello says — its name, and its runtime or else its language — never by the position of
 * its flag, so an expectations file keyed by it still matches when the flags are reordered.
 * One that cannot say hello is named after the script its command runs.
 *
 * @module
 */
import type { ColumnRef } from '../column-key.js';
import type { HelloIdentity } from '../model.js';
import type { HelloReply } from './protocol.js';

/** An `--impl`'s identity: its column's two ids, and what it said of itself. */
export interface OutsideIdentity extends ColumnRef {
  /** Its hello as said; absent when it could not say hello. */
  said?: HelloIdentity;
}

/** Long enough for any real name; an id is typed into `--only` and shown in every report. */
const MAX_ID_CHARACTERS = 40;

/**
 * `text` as a part of a column id, or undefined when nothing of it is left. The text is
 * the implementation's, not ours: a comma would make a column `--only` cannot name, a NUL
 * or slash would break the keys ids are joined into, and control characters would reach
 * the terminal. So it is lowercased, every run of characters other than letters, digits
 * and `. _ + # -` becomes one `_`, and `_`, `-` and `.` are trimmed from both ends.
 *
 * @throws Never.
 * @example
 * ```ts
 * idPart('plugnmeet-sdk-js'); // 'plugnmeet-sdk-js'
 * idPart('My SDK (beta)');    // 'my_sdk_beta'
 * idPart('\u001b[31m');       // '31m'
 * ```
 */
export function idPart(text: string | undefined): string | undefined {
  const slug = (text ?? '').toLowerCase().replace(/[^\p{L}\p{N}._+#-]+/gu, '_');
  // Cut by code points, so a letter outside the BMP is never split in two.
  const id = Array.from(slug.replace(/^[._-]+/, ''))
    .slice(0, MAX_ID_CHARACTERS)
    .join('')
    .replace(/[._-]+$/, '');
  return id === '' ? undefined : id;
}

/**
 * The name of the script a command runs, for an implementation that cannot say hello:
 * the first word after the program that is not an option and looks like a path (holds a
 * `/` or a `.`), else the program; without its directory and its last extension. So
 * `python3 my_signer.py`, `deno run --allow-read my_signer.ts` and `./my_signer` are all
 * `my_signer`, wherever their flag stands.
 *
 * @throws Never.
 * @example
 * ```ts
 * scriptName(['python3', '/opt/sdk/my_signer.py']); // 'my_signer'
 * ```
 */
export function scriptName(words: readonly string[]): string | undefined {
  const [program, ...args] = words;
  const script = args.find((word) => !word.startsWith('-') && /[/.]/.test(word)) ?? program ?? '';
  const base = script.replace(/\/+$/, '').split('/').at(-1) ?? '';
  return idPart(base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base);
}

/**
 * The identity of the implementation that `words` (its command, split) started and that
 * answered `hello` (undefined when it could not). Its implementation id is its hello's
 * `name`; its environment id is the `runtime` it names, else its `language` (`unknown`
 * when neither says anything). A name with nothing usable in it is replaced by the
 * command's script, as for an implementation that could not say hello.
 *
 * @throws Never.
 * @example
 * ```ts
 * outsideIdentity(
 *   { op: 'hello', protocol: 2, name: 'plugnmeet-sdk-js', version: '1.4.1',
 *     language: 'javascript', runtime: 'deno', capabilities: ['call'] },
 *   ['deno', 'run', 'adapter.mjs'],
 * ); // { implementation: 'plugnmeet-sdk-js', environment: 'deno', said: { … } }
 * ```
 */
export function outsideIdentity(
  hello: HelloReply | undefined,
  words: readonly string[],
): OutsideIdentity {
  const fallback = scriptName(words) ?? 'implementation';
  if (hello === undefined) return { implementation: fallback, environment: 'unknown' };
  const said: HelloIdentity = {
    name: hello.name ?? '',
    version: hello.version ?? '',
    language: hello.language ?? '',
    ...(typeof hello.runtime === 'string' ? { runtime: hello.runtime } : {}),
  };
  return {
    implementation: idPart(said.name) ?? fallback,
    environment: idPart(said.runtime) ?? idPart(said.language) ?? 'unknown',
    said,
  };
}

/**
 * How an identity reads for a person: `plugnmeet-sdk-js 1.4.1 on deno (javascript)`.
 *
 * @throws Never.
 * @example
 * ```ts
 * describeIdentity({ implementation: 'x', environment: 'unknown' }); // 'no hello'
 * ```
 */
export function describeIdentity(identity: OutsideIdentity): string {
  const { said } = identity;
  if (said === undefined) return 'no hello';
  const runtime = said.runtime === undefined ? '' : ` on ${said.runtime}`;
  return `${said.name} ${said.version}${runtime} (${said.language})`;
}
