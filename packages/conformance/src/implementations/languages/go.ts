/**
 * The Go snippet (`crypto/hmac`), built once with the Go toolchain on PATH and run as a
 * binary: a snippet that does not compile is a broken column, with the compiler's words.
 *
 * @module
 */
import { dirname, join } from 'node:path';
import { languageNeeds } from '../../environments/declared-toolchains.js';
import { explicitEnv, UTF8_LOCALE } from '../../environments/process-env.js';
import { commandRuntime } from '../../environments/runtimes.js';
import { aptInstall, findExecutable, memoize, runCommand } from '../../environments/toolchains.js';
import type { Column } from '../../model.js';
import { missing } from '../column-kit.js';
import { materialize } from '../program-cache.js';
import {
  BUILD_TIMEOUT_MS,
  localeEnvironment,
  type SnippetProgram,
  snippetColumn,
} from '../snippet-program.js';
import type { LanguageModule } from './language.js';

const go = memoize(() =>
  commandRuntime('go', ['env', 'GOVERSION'], /^(go\S+)/, aptInstall('golang-go')),
);

function goColumn(program: SnippetProgram): Column {
  const locale = UTF8_LOCALE;
  const environment = localeEnvironment('go', 'Go toolchain on PATH', locale);
  return snippetColumn(program, environment, async () => {
    const found = await go();
    if (!found.available) return missing(found);
    const rendered = program.render();
    // GOTOOLCHAIN=local: build with the toolchain found, never download another.
    const buildEnv = explicitEnv([dirname(found.path)], locale, { GOTOOLCHAIN: 'local' });
    const built = await materialize(
      program.implementation.id,
      [found.path, found.version],
      { [rendered.fileName]: rendered.source },
      async (dir) => {
        const result = await runCommand(found.path, ['build', '-o', 'worker', rendered.fileName], {
          env: buildEnv,
          cwd: dir,
          timeoutMs: BUILD_TIMEOUT_MS,
        });
        if (result.interrupted) throw new Error(`go build was interrupted: ${result.output}`);
        if (result.exitCode === 0 && findExecutable(join(dir, 'worker'))) return undefined;
        return result.output.trim() || `go build exited with ${String(result.exitCode)}`;
      },
    );
    const runtimeVersion = found.version;
    const label = `Go ${found.version.replace(/^go/, '')}, ${locale.label}`;
    if (built.buildError !== undefined) {
      return {
        available: true,
        runtimeVersion,
        label,
        broken: `does not compile: ${built.buildError}`,
      };
    }
    return {
      available: true,
      runtimeVersion,
      label,
      ready: {
        spec: {
          command: join(built.dir, 'worker'),
          args: [],
          cwd: built.dir,
          env: explicitEnv([], locale),
        },
      },
    };
  });
}

/**
 * The go language module: the Go snippet, built once.
 *
 * @example
 * ```ts
 * GO.columns(documentedProgram('go'), {}); // go/go
 * ```
 */
export const GO: LanguageModule = {
  snippet: 'go',
  get toolchains() {
    return languageNeeds('go');
  },
  columns: (program) => [goColumn(program)],
};
