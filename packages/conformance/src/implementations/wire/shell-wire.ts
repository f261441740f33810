/**
 * `wire-shell/<shell>`: the documented shell snippet run whole — `echo | openssl | awk` for
 * the signature, then its `curl` — in each shell, with its URL pointed at a loopback test
 * server. The server records what curl really sent and whether the signature held.
 *
 * The same run also gives the signing column (`shell/<shell>`) its answer (see
 * {@link EndToEndRuns}): {@link shellEndToEnd} is the one place both columns get it from.
 *
 * @module
 */
import { dirname } from 'node:path';
import { correctionInfo, readCorrection } from '../../corrections/catalog.js';
import { explicitEnv, UTF8_LOCALE } from '../../environments/process-env.js';
import { pipelineTools, probeShell, type ShellEnvironment } from '../../environments/shells.js';
import {
  aptInstall,
  commandVersion,
  findExecutable,
  memoize,
  notOnPath,
} from '../../environments/toolchains.js';
import type { Availability, Column, Session } from '../../model.js';
import { type SnippetInfo, snippetInfo } from '../../snippets/catalog.js';
import { applySlots, readSnippet, signStatements } from '../../snippets/slots.js';
import { defineColumn, missing } from '../column-kit.js';
import { loadTestServer } from './server-session.js';
import {
  EndToEndRuns,
  type ShellLaunch,
  type SignFailureReading,
  type SplitSnippet,
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

/** What the end-to-end runs of one snippet in one shell need, found once. */
type Ready = Availability<{
  version: string;
  label: string;
  start: ConstructorParameters<typeof EndToEndRuns>[0];
  split: SplitSnippet;
  launch: ShellLaunch;
}>;

/** The end-to-end runs of one snippet in one shell, shared by its two levels' sessions. */
export interface ShellEndToEnd {
  /** Finds the shell, openssl, curl and the test server once; never throws. */
  prepare(): Promise<Ready>;
  /**
   * A session of one level. The runs (servers, directory) live while any session is open,
   * so two sessions open at once share every case.
   *
   * @throws Error when {@link prepare} said unavailable.
   */
  open(level: 'wire'): Promise<Session>;
  /** The signing level, with the session that signs what no server can take (`EndToEndRuns.session`). */
  open(level: 'sign', signOnly: () => Promise<Session>): Promise<Session>;
}

const SHARED = new Map<string, ShellEndToEnd>();

/**
 * The one {@link ShellEndToEnd} of `snippet` in `shell`.
 *
 * @example
 * ```ts
 * const runs = shellEndToEnd(bash, DOCUMENTED_SHELL_WIRE);
 * const session = await runs.open('wire');
 * ```
 */
export function shellEndToEnd(shell: ShellEnvironment, snippet: WholeShellSnippet): ShellEndToEnd {
  const key = `${snippet.id}/${shell.id}`;
  const known = SHARED.get(key);
  if (known) return known;
  const locale = UTF8_LOCALE;
  const prepare = memoize(async (): Promise<Ready> => {
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
  });
  let runs: EndToEndRuns | undefined;
  let open = 0;
  const shared: ShellEndToEnd = {
    prepare,
    async open(level: 'sign' | 'wire', signOnly?: () => Promise<Session>) {
      const ready = await prepare();
      if (!ready.available) throw new Error(`${key} is unavailable: ${ready.reason}`);
      runs ??= new EndToEndRuns(ready.start, ready.launch, ready.split, snippet.reading);
      const mine = runs;
      open += 1;
      let closed = false;
      return mine.session(
        level,
        async () => {
          if (closed) return;
          closed = true;
          open -= 1;
          if (open === 0 && runs === mine) {
            runs = undefined;
            await mine.close();
          }
        },
        signOnly,
      );
    },
  };
  SHARED.set(key, shared);
  return shared;
}

/** One `wire-shell…/<shell>` column. */
export function shellWireColumn(shell: ShellEnvironment, snippet: WholeShellSnippet): Column {
  const runs = shellEndToEnd(shell, snippet);
  return defineColumn({
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
    environment: {
      id: shell.id,
      label: `${shell.id}${shell.note ? ` (${shell.note})` : ''}, curl, ${UTF8_LOCALE.label}`,
      variables: { ...UTF8_LOCALE.variables },
    },
    // Each case is one run of the script, as a user runs it.
    modes: ['per-case'],
    runGroup: `shell-end-to-end:${snippet.id}/${shell.id}`,
    async prepare() {
      const ready = await runs.prepare();
      if (!ready.available) return missing(ready);
      return { available: true, runtimeVersion: ready.version, label: ready.label, ready: runs };
    },
    open: (shared) => shared.open('wire'),
  });
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

/**
 * This project's correction of the shell snippet (`corrections/shell/`), run whole the same
 * way: it must send exactly the bytes it signed, for bodies of any size.
 */
export const CORRECTED_SHELL_WIRE: WholeShellSnippet = {
  id: 'wire-shell-corrected',
  label: 'Corrected shell snippet end to end (here-document + openssl + curl --data-binary @-)',
  kind: 'wire',
  origin: 'corrected',
  text: () => {
    const info = correctionInfo('shell-corrected');
    return applySlots(readCorrection(info), info.slots);
  },
  info: () => correctionInfo('shell-corrected'),
  signingId: 'shell-corrected',
  reading: 'exit-status',
  correctionOf: 'wire-shell',
  correctionReason: correctionInfo('shell-corrected').reason,
};

/** The whole snippets whose runs also inform a signing column, by that column's id. */
export const WHOLE_SHELL_SNIPPETS: readonly WholeShellSnippet[] = [
  DOCUMENTED_SHELL_WIRE,
  CORRECTED_SHELL_WIRE,
];
