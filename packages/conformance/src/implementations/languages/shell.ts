/**
 * The shell snippet (`echo -n | openssl dgst | awk`, then `curl`) in every shell of
 * `SHELLS`, each as its own program in a fresh process with a clean home. In the UTF-8
 * shells one end-to-end run of the whole script per case answers both this signing column
 * and its wire twin (`wire/shell-wire.ts`); the C-locale shells, which have no wire twin,
 * answer from their own worker.
 *
 * @module
 */
import { dirname, join } from 'node:path';
import { languageNeeds } from '../../environments/declared-toolchains.js';
import { C_LOCALE, cleanHome, explicitEnv, UTF8_LOCALE } from '../../environments/process-env.js';
import {
  pipelineTools,
  probeShell,
  SHELLS,
  type ShellEnvironment,
} from '../../environments/shells.js';
import type { Column } from '../../model.js';
import { type ColumnSpec, defineColumn, missing } from '../column-kit.js';
import { materialize } from '../program-cache.js';
import {
  localeEnvironment,
  plainVersion,
  type SnippetProgram,
  snippetColumnSpec,
} from '../snippet-program.js';
import { openSnippetSession, type SnippetLaunch } from '../snippet-session.js';
import { shellSignPrecheck } from '../wire/shell-end-to-end.js';
import { shellEndToEnd, WHOLE_SHELL_SNIPPETS } from '../wire/shell-wire.js';
import type { LanguageModule } from './language.js';

/**
 * The signing column of `program` in `shell` answered by its own worker: the snippet's
 * signing statements in a long-lived shell (or, per case, a fresh one).
 */
function shellWorkerSpec(
  program: SnippetProgram,
  shell: ShellEnvironment,
): ColumnSpec<SnippetLaunch> {
  const locale = shell.locale === 'c' ? C_LOCALE : UTF8_LOCALE;
  const note = shell.note ? ` (${shell.note})` : '';
  const id = program.implementation.id;
  return snippetColumnSpec(
    program,
    localeEnvironment(shell.id, `${shell.id}${note}`, locale),
    async () => {
      const found = await probeShell(shell);
      if (!found.available) return missing(found);
      const tools = await pipelineTools();
      if (!tools.available) return missing(tools);
      const rendered = program.render();
      const { dir } = await materialize(id, [], { [rendered.fileName]: rendered.source });
      const runtimeVersion = `${found.version}, ${tools.openssl}`;
      return {
        available: true,
        runtimeVersion,
        label: `${found.version}${note}, ${tools.openssl}, ${locale.label}`,
        ready: {
          spec: {
            command: found.path,
            args: [...shell.args, join(dir, rendered.fileName), id, plainVersion(runtimeVersion)],
            cwd: dir,
            env: { ...explicitEnv([dirname(found.path)], locale), HOME: cleanHome() },
          },
          precheck: shellSignPrecheck,
          options: { fileTransport: true },
        },
      };
    },
  );
}

/**
 * The signing column of a shell program answered by its own worker, whatever the wire twin:
 * the C-locale shells' columns, and what the others fall back to.
 *
 * @example
 * ```ts
 * const column = shellWorkerColumn(documentedProgram('shell'), bash);
 * ```
 */
export function shellWorkerColumn(program: SnippetProgram, shell: ShellEnvironment): Column {
  return defineColumn(shellWorkerSpec(program, shell));
}

/**
 * The column of `program` in `shell`. Where the same snippet also runs end to end (the
 * UTF-8 shells), each case is one run of the whole script, a fresh shell as a user runs it,
 * shared with the wire twin. Where those runs cannot happen here (no curl, no test server),
 * it falls back to its own worker, so the column stays what it was.
 */
function shellColumn(program: SnippetProgram, shell: ShellEnvironment): Column {
  const worker = shellWorkerSpec(program, shell);
  const whole = WHOLE_SHELL_SNIPPETS.find((s) => s.signingId === program.implementation.id);
  if (!whole || shell.locale !== undefined) return defineColumn(worker);
  const runs = shellEndToEnd(shell, whole);
  return defineColumn({
    ...worker,
    modes: ['per-case'],
    runGroup: `shell-end-to-end:${whole.id}/${shell.id}`,
    async open(launch, mode) {
      const ready = await runs.prepare();
      if (!ready.available) return openSnippetSession(launch, mode);
      // Its own signing worker signs what no server can take, whatever the mode: a fresh
      // worker per case costs more than the run with curl it replaces (+108 s CPU measured).
      return runs.open('sign', () => openSnippetSession(launch, 'worker'));
    },
  });
}

/**
 * The shell language module: the shell snippet in every shell of SHELLS.
 *
 * @example
 * ```ts
 * SHELL.columns(documentedProgram('shell'), {}); // shell/bash, shell/dash, …, shell/zsh-c-locale
 * ```
 */
export const SHELL: LanguageModule = {
  snippet: 'shell',
  get toolchains() {
    return languageNeeds('shell');
  },
  columns: (program) => SHELLS.map((shell) => shellColumn(program, shell)),
};
