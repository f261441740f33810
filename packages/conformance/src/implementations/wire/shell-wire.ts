/**
 * `wire-shell/<shell>`: the documented shell snippet run whole — `echo | openssl | awk` for
 * the signature, then its `curl` — in each shell, with its URL pointed at a loopback test
 * server. The server records what curl really sent and whether the signature held.
 *
 * The same run gives the signing column (`shell/<shell>`) its answer: the wire column is the
 * signing column's wire level (see `languages/shell.ts`), judged from one trace per case.
 *
 * @module
 */
import { dirname } from 'node:path';
import { explicitEnv, UTF8_LOCALE } from '../../environments/process-env.js';
import { pipelineTools, probeShell, type ShellEnvironment } from '../../environments/shells.js';
import {
  aptInstall,
  commandVersion,
  findExecutable,
  memoize,
  notOnPath,
} from '../../environments/toolchains.js';
import type { Availability, WireLevel } from '../../model.js';
import { type SnippetInfo, snippetInfo } from '../../snippets/catalog.js';
import { applySlots, readSnippet, signStatements } from '../../snippets/slots.js';
import { loadTestServer } from './server-session.js';
import type {
  EndToEndRuns,
  ShellLaunch,
  SignFailureReading,
  SplitSnippet,
} from './shell-end-to-end.js';

export { shellWirePrecheck } from './shell-end-to-end.js';

/** A shell snippet to run whole: the documented one, or a correction of it. */
export interface WholeShellSnippet {
  /** Implementation id, e.g. `wire-shell`. */
  id: string;
  label: string;
  kind: 'wire';
  /** The documented snippet, or this project's correction of it. */
  origin: 'documented' | 'corrected';
  /** The snippet text with its slots applied: it reads `$PNM_BODY`, `$PNM_SECRET`, `$PNM_API_KEY`, `$PNM_BASE_URL`. */
  text: () => string;
  /** Its catalog entry: where its signing statements end, and its signature variable. */
  info: () => SnippetInfo<string>;
  /** The signing column that the same run informs (`shell`, `shell-corrected`). */
  signingId: string;
  /** How that signing column's worker reads a signing part that failed. */
  reading: SignFailureReading;
  correctionOf?: string;
  correctionReason?: string;
}

/** The documented snippet, every slot applied (URL included): the text run end to end. */
export function documentedShellText(): string {
  const info = snippetInfo('shell');
  return applySlots(readSnippet(info), info.slots);
}

/**
 * Splits a whole snippet where its signing worker stops (`signStatements`).
 *
 * @throws Error when the snippet no longer has the line its signing part ends at.
 * @example
 * ```ts
 * const { sign, request } = splitShellSnippet(DOCUMENTED_SHELL_WIRE);
 * ```
 */
export function splitShellSnippet(snippet: WholeShellSnippet): SplitSnippet {
  const text = snippet.text();
  const info = snippet.info();
  const sign = signStatements(info, text);
  if (!text.startsWith(sign)) throw new Error(`${snippet.id}: the signing part is not a prefix`);
  return { sign, request: text.slice(sign.length), signatureVariable: info.signatureVariable };
}

/** `curl 7.88.1`, probed once. */
export const curlVersion = memoize(async () => {
  if (!findExecutable('curl')) return undefined;
  return (await commandVersion('curl', ['--version'], /^(curl \S+)/)) ?? 'curl';
});

/** What the end-to-end runs of one snippet in one shell need. */
export type EndToEndReady = Availability<{
  version: string;
  label: string;
  start: ConstructorParameters<typeof EndToEndRuns>[0];
  split: SplitSnippet;
  launch: ShellLaunch;
}>;

/**
 * Finds what the end-to-end runs of `snippet` in `shell` need: the shell, openssl, curl and
 * the test server. Never throws.
 *
 * @example
 * ```ts
 * const ready = await prepareEndToEnd(bash, DOCUMENTED_SHELL_WIRE);
 * if (ready.available) runs = new EndToEndRuns(ready.start, ready.launch, ready.split, 'signature-as-is');
 * ```
 */
export async function prepareEndToEnd(
  shell: ShellEnvironment,
  snippet: WholeShellSnippet,
): Promise<EndToEndReady> {
  const locale = UTF8_LOCALE;
  try {
    const found = await probeShell(shell);
    if (!found.available) return found;
    const tools = await pipelineTools();
    if (!tools.available) return tools;
    const curl = await curlVersion();
    if (!curl) return notOnPath('curl', aptInstall('curl'));
    const server = await loadTestServer();
    if (!server.available) return server;
    // Splitting here makes a snippet that no longer fits its slots an unavailable column.
    const split = splitShellSnippet(snippet);
    return {
      available: true,
      version: `${found.version}, ${tools.openssl}, ${curl}`,
      label: `${found.version}${shell.note ? ` (${shell.note})` : ''}, ${tools.openssl}, ${curl}, ${locale.label}`,
      start: server.start,
      split,
      launch: {
        shellPath: found.path,
        shellArgs: shell.args,
        env: explicitEnv([dirname(found.path)], locale),
      },
    };
  } catch (error) {
    return {
      available: false,
      reason: `could not be prepared: ${(error as Error).message}`,
      install: '',
    };
  }
}

/**
 * The wire level of `snippet` run whole in `shell`: the column `wire-shell…/<shell>`,
 * judged from the signing column's own runs. `prepared` is that column's one preparation.
 *
 * @example
 * ```ts
 * const level = shellWireLevel(bash, DOCUMENTED_SHELL_WIRE, prepared);
 * level.implementation.id; // 'wire-shell'
 * ```
 */
export function shellWireLevel(
  shell: ShellEnvironment,
  snippet: WholeShellSnippet,
  prepared: () => Promise<EndToEndReady>,
): WireLevel {
  let label = `${shell.id}${shell.note ? ` (${shell.note})` : ''}, curl, ${UTF8_LOCALE.label}`;
  const environment = { id: shell.id, variables: { ...UTF8_LOCALE.variables } };
  return {
    implementation: {
      id: snippet.id,
      label: snippet.label,
      kind: snippet.kind,
      origin: snippet.origin,
      checks: 'wire',
      language: 'shell',
      ...(snippet.correctionOf ? { correctionOf: snippet.correctionOf } : {}),
      ...(snippet.correctionReason ? { correctionReason: snippet.correctionReason } : {}),
    },
    // The label names the versions found once probed, as every column's does.
    get environment() {
      return { ...environment, label };
    },
    async probe() {
      const ready = await prepared();
      if (!ready.available) return ready;
      label = ready.label;
      return { available: true, runtimeVersion: ready.version };
    },
  };
}

/** The documented snippet as a wire implementation. */
export const DOCUMENTED_SHELL_WIRE: WholeShellSnippet = {
  id: 'wire-shell',
  label: 'Shell snippet end to end (echo + openssl + curl → loopback server)',
  kind: 'wire',
  origin: 'documented',
  text: documentedShellText,
  info: () => snippetInfo('shell'),
  signingId: 'shell',
  reading: 'signature-as-is',
};
