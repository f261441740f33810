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
import { memoize } from '../../environments/toolchains.js';
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
import { EndToEndRuns, shellSignPrecheck } from '../wire/shell-end-to-end.js';
import { prepareEndToEnd, shellWireLevel } from '../wire/shell-wire.js';
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
 * The shell snippet's column in `shell` with a signing worker (one shell process signing
 * case after case, or a fresh one per case): the column of every shell the snippet does not
 * run whole in, and what an end-to-end column must answer exactly as.
 *
 * @throws Never (a missing shell makes the column unavailable).
 * @example
 * ```ts
 * const column = shellWorkerColumn(documentedProgram('shell'), dash);
 * ```
 */
export function shellWorkerColumn(program: SnippetProgram, shell: ShellEnvironment): Column {
  return defineColumn(shellWorkerSpec(program, shell));
}

/**
 * The shell snippet's column in `shell`. Where the snippet also runs whole (the documented
 * one and its correction, in the UTF-8 shells), it is a subject with two levels: one run of
 * the whole script per case, curl and all, gives its signature to this column and the
 * request it sent to its wire level (`wire-shell…/<shell>`). A case no server can take is
 * signed by the column's own worker; without curl, the column signs through the worker
 * alone and its wire level is unavailable.
 */
function shellColumn(program: SnippetProgram, shell: ShellEnvironment): Column {
  const whole = program.wholeRun;
  if (!whole || shell.locale !== undefined) return shellWorkerColumn(program, shell);
  const worker = shellWorkerSpec(program, shell);
  const endToEnd = memoize(() => prepareEndToEnd(shell, whole));
  return defineColumn({
    ...worker,
    modes: ['per-case'],
    wireLevel: shellWireLevel(shell, whole, endToEnd),
    async open(launch, mode) {
      const ready = await endToEnd();
      if (!ready.available) return openSnippetSession(launch, mode);
      const runs = new EndToEndRuns(ready.start, ready.launch, ready.split, whole.reading);
      // Its own signing worker signs what no server can take, whatever the mode: a fresh
      // worker per case costs more than the run with curl it replaces (+108 s CPU measured).
      return runs.session(() => openSnippetSession(launch, 'worker'));
    },
  });
}

export const SHELL: LanguageModule = {
  snippet: 'shell',
  get toolchains() {
    return languageNeeds('shell');
  },
  columns: (program) => SHELLS.map((shell) => shellColumn(program, shell)),
};
