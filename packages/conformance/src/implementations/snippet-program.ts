/**
 * What a language module builds its columns from: a program (a documented snippet, or this
 * project's correction of one) and {@link snippetColumn}, the column kit set up for protocol
 * v1 workers spawned from a launch spec.
 *
 * @module
 */
import type { LocaleSetting } from '../environments/process-env.js';
import type { Column, EnvironmentInfo, ExecutionMode, ImplementationInfo } from '../model.js';
import { type SnippetId, snippetInfo } from '../snippets/catalog.js';
import { type RenderedProgram, renderWorker } from '../snippets/render.js';
import { type ColumnSpec, defineColumn, type Prepared } from './column-kit.js';
import { openSnippetSession, type SnippetLaunch } from './snippet-session.js';
import { DOCUMENTED_SHELL_WIRE, type WholeShellSnippet } from './wire/shell-wire.js';

/**
 * What a column runs: a documented snippet or a correction of one. `of` picks the
 * environments (those of the documented snippet); the program is rendered from the source.
 */
export interface SnippetProgram {
  /** The documented snippet whose environments the columns run in. */
  of: SnippetId;
  implementation: ImplementationInfo;
  /** The worker program, with the template's extra placeholders filled from `vars`. */
  render(vars?: Record<string, string>): RenderedProgram;
  /**
   * The whole snippet, request and all, where it also runs end to end (the shell snippet
   * and its correction): its columns then show the request it sent as their wire level.
   */
  wholeRun?: WholeShellSnippet;
}

/**
 * A documented snippet, as published.
 *
 * @example
 * ```ts
 * const columns = programColumns(documentedProgram('go'));
 * ```
 */
export function documentedProgram(id: SnippetId): SnippetProgram {
  const info = snippetInfo(id);
  return {
    of: id,
    implementation: {
      id,
      label: info.label,
      kind: 'snippet',
      origin: 'documented',
      checks: 'signature',
      language: info.language,
    },
    render: (vars) => renderWorker(id, vars),
    ...(id === 'shell' ? { wholeRun: DOCUMENTED_SHELL_WIRE } : {}),
  };
}

/** Snippet workers run either way: a long-lived worker, or a fresh process per case. */
const MODES: readonly ExecutionMode[] = ['worker', 'per-case'];

/** Compiling on a busy 2-core machine while other columns start can take a while. */
export const BUILD_TIMEOUT_MS = 180_000;

/**
 * The spec of a column of `program` in `environment`: `prepare` finds the toolchain and
 * builds the program once; the sessions are protocol v1 workers started from the launch it
 * gives. A language that opens its sessions another way starts from this spec.
 *
 * @example
 * ```ts
 * const spec = snippetColumnSpec(program, environment, prepare);
 * defineColumn({ ...spec, modes: ['per-case'] });
 * ```
 */
export function snippetColumnSpec(
  program: SnippetProgram,
  environment: EnvironmentInfo,
  prepare: () => Promise<Prepared<SnippetLaunch>>,
): ColumnSpec<SnippetLaunch> {
  return {
    implementation: program.implementation,
    environment,
    modes: MODES,
    prepare,
    open: (launch, mode) => openSnippetSession(launch, mode),
  };
}

/**
 * A column of `program` in `environment`, made by the column kit from
 * {@link snippetColumnSpec}.
 *
 * @example
 * ```ts
 * snippetColumn(program, localeEnvironment('utf8', 'Ruby, LANG=en_US.UTF-8', UTF8_LOCALE), prepare);
 * ```
 */
export function snippetColumn(
  program: SnippetProgram,
  environment: EnvironmentInfo,
  prepare: () => Promise<Prepared<SnippetLaunch>>,
): Column {
  return defineColumn(snippetColumnSpec(program, environment, prepare));
}

/**
 * An environment that is a locale setting, with the variables it sets for the report.
 *
 * @example
 * ```ts
 * localeEnvironment(C_LOCALE.id, 'PHP, LANG=C LC_ALL=C', C_LOCALE);
 * ```
 */
export function localeEnvironment(
  id: string,
  label: string,
  locale: LocaleSetting,
): EnvironmentInfo {
  return { id, label, variables: { ...locale.variables } };
}

/**
 * A version string made safe to splice into JSON and shell text (the shell worker echoes it
 * in its hello).
 *
 * @example
 * ```ts
 * plainVersion('bash 5.2.15(1)-release'); // 'bash 5.2.15(1)-release'
 * ```
 */
export function plainVersion(text: string): string {
  return text.replace(/[^\w .:+~/()-]/g, '');
}
