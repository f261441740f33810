/**
 * The column of a snippet run by an interpreter (PHP, Python, Ruby, Node.js): the worker
 * program is one file handed to the interpreter, in one locale.
 *
 * @module
 */
import { dirname, join } from 'node:path';
import { explicitEnv, type LocaleSetting } from '../environments/process-env.js';
import type { Runtime } from '../environments/runtimes.js';
import type { Availability, Column } from '../model.js';
import { missing } from './column-kit.js';
import { materialize } from './program-cache.js';
import { localeEnvironment, type SnippetProgram, snippetColumn } from './snippet-program.js';

/**
 * `program` run by the interpreter `probe` finds, under `locale`.
 *
 * @example
 * ```ts
 * interpretedColumn(program, ruby, 'Ruby', C_LOCALE); // ruby/c: `ruby worker.rb` under LANG=C
 * ```
 */
export function interpretedColumn(
  program: SnippetProgram,
  probe: () => Promise<Availability<Runtime>>,
  runtimeName: string,
  locale: LocaleSetting,
): Column {
  const id = program.implementation.id;
  const environment = localeEnvironment(locale.id, `${runtimeName}, ${locale.label}`, locale);
  return snippetColumn(program, environment, async () => {
    const found = await probe();
    if (!found.available) return missing(found);
    const rendered = program.render();
    const { dir } = await materialize(id, [], { [rendered.fileName]: rendered.source });
    return {
      available: true,
      runtimeVersion: `${runtimeName} ${found.version}`,
      label: `${runtimeName} ${found.version}, ${locale.label}`,
      ready: {
        spec: {
          command: found.path,
          args: [join(dir, rendered.fileName)],
          cwd: dir,
          env: explicitEnv([dirname(found.path)], locale),
        },
      },
    };
  });
}
