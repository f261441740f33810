/**
 * `wire-shell/<shell>`: the documented shell snippet run whole — `echo | openssl | awk` for
 * the signature, then its `curl` — in each shell, with its URL pointed at a loopback test
 * server. The server records what curl really sent and whether the signature held.
 *
 * One shell process per case, as a user runs the snippet: the body and secret reach it as
 * files (read with `$(cat …; printf x)`, which keeps every byte but NUL), never as argv, so
 * the harness itself never meets the 128 KiB argument limit that the snippet's own
 * `curl -d "$BODY"` meets.
 *
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { correctionInfo, readCorrection } from '../../corrections/catalog.js';
import { explicitEnv, UTF8_LOCALE } from '../../environments/process-env.js';
import { pipelineTools, probeShell, type ShellEnvironment } from '../../environments/shells.js';
import { commandVersion, findExecutable, memoize } from '../../environments/toolchains.js';
import type {
  Availability,
  CaseInput,
  Column,
  ExecutionMode,
  Session,
  SignAnswer,
} from '../../model.js';
import { referenceSignature } from '../../reference.js';
import { snippetInfo } from '../../snippets/catalog.js';
import { applySlots, readSnippet } from '../../snippets/slots.js';
import {
  loadTestServer,
  secretText,
  WIRE_API_KEY,
  WireServers,
  wireAnswer,
  wirePrecheck,
} from './server-session.js';

/** A shell snippet to run whole: the documented one, or a correction of it. */
export interface WholeShellSnippet {
  /** Implementation id, e.g. `wire-shell`. */
  id: string;
  label: string;
  kind: 'wire';
  /** The snippet text with its slots applied: it reads `$PNM_BODY`, `$PNM_SECRET`, `$PNM_API_KEY`, `$PNM_BASE_URL`. */
  text: () => string;
  correctionOf?: string;
  correctionReason?: string;
}

/** Per-case time limit: a 1 MiB body through echo, openssl and curl takes well under a second. */
const CASE_TIMEOUT_MS = 30_000;

/** The documented snippet, every slot applied (URL included): the text run end to end. */
export function documentedShellText(): string {
  const info = snippetInfo('shell');
  return applySlots(readSnippet(info), info.slots);
}

/**
 * The script a case runs: `<shell> wire.sh <body-file> <secret-file> <api-key> <base-url>`.
 * The `x` keeps trailing newlines that command substitution would strip.
 */
export function renderWireScript(snippetText: string): string {
  return [
    '# plugnmeet-signing wire check: a shell snippet run whole (signature and curl).',
    '# Run as: <shell> wire.sh <body-file> <secret-file> <api-key> <base-url>',
    'PNM_BODY=$(cat "$1" && printf x) || exit 97',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'PNM_BODY=${PNM_BODY%x}',
    'PNM_SECRET=$(cat "$2" && printf x) || exit 97',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'PNM_SECRET=${PNM_SECRET%x}',
    'PNM_API_KEY=$3',
    'PNM_BASE_URL=$4',
    '# --- snippet statements (begin) ---',
    `${snippetText.endsWith('\n') ? snippetText : `${snippetText}\n`}# --- snippet statements (end) ---`,
    '',
  ].join('\n');
}

/** `curl 7.88.1`, probed once. */
export const curlVersion = memoize(async () => {
  if (!findExecutable('curl')) return undefined;
  return (await commandVersion('curl', ['--version'], /^(curl \S+)/)) ?? 'curl';
});

/** A shell variable cannot hold a NUL byte; nor can a server's YAML secret hold non-UTF-8. */
export function shellWirePrecheck(input: CaseInput): string | undefined {
  if (input.body.includes(0)) return 'body contains a NUL byte, which no shell variable can hold';
  if (input.secret.includes(0))
    return 'secret contains a NUL byte, which no shell variable can hold';
  return wirePrecheck(input);
}

/** The lines of curl's and the shell's stderr that say something (not the progress meter). */
function errorLines(stderr: string): string {
  const lines = stderr
    .split(/\r|\n/)
    .map((line) => line.trim())
    .filter(
      (line) =>
        line !== '' && !/^[\d.kMG%\s:-]+$/.test(line) && !/^% Total|Dload\s+Upload/.test(line),
    );
  return lines.join('\n').slice(-600);
}

interface ShellLaunch {
  shellPath: string;
  shellArgs: readonly string[];
  env: Record<string, string>;
}

/** A session: the servers, a private directory, one shell process per case. */
class ShellWireSession implements Session {
  readonly #servers: WireServers;
  readonly #launch: ShellLaunch;
  readonly #dir = mkdtempSync(join(tmpdir(), 'pnm-wire-shell-'));
  readonly #script: string;
  readonly #cwd: string;
  readonly #home: string;

  constructor(servers: WireServers, launch: ShellLaunch, snippetText: string) {
    this.#servers = servers;
    this.#launch = launch;
    this.#script = join(this.#dir, 'wire.sh');
    writeFileSync(this.#script, renderWireScript(snippetText));
    // curl runs in an empty directory (a body `@name` names no file of ours) with an empty
    // HOME (no ~/.curlrc of the developer's changes what it sends).
    this.#cwd = join(this.#dir, 'cwd');
    this.#home = join(this.#dir, 'home');
    mkdirSync(this.#cwd);
    mkdirSync(this.#home);
    mkdirSync(join(this.#dir, 'in'));
  }

  async sign(input: CaseInput): Promise<SignAnswer> {
    const reason = shellWirePrecheck(input);
    if (reason !== undefined) return { kind: 'unrepresentable', reason };
    const secret = secretText(input.secret) as string;
    const bodyFile = join(this.#dir, 'in', 'body');
    const secretFile = join(this.#dir, 'in', 'secret');
    writeFileSync(bodyFile, input.body);
    writeFileSync(secretFile, input.secret);
    const { requests, result } = await this.#servers.exchange(secret, async (server) => {
      const child = execa(
        this.#launch.shellPath,
        [...this.#launch.shellArgs, this.#script, bodyFile, secretFile, WIRE_API_KEY, server.url],
        {
          cwd: this.#cwd,
          env: { ...this.#launch.env, HOME: this.#home },
          extendEnv: false,
          stdin: 'ignore',
          reject: false,
          encoding: 'utf8',
          stripFinalNewline: false,
          // Own process group, so a time-out reaches curl and openssl too.
          detached: true,
          cleanup: true,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, CASE_TIMEOUT_MS);
      try {
        const done = await child;
        return {
          exitCode: done.exitCode,
          signal: done.signal,
          stderr: String(done.stderr ?? ''),
          timedOut,
        };
      } finally {
        clearTimeout(timer);
      }
    });
    if (requests.length === 0 && referenceSignature(input.body, input.secret) === undefined) {
      // Nothing sent for an input the reference refuses too (the empty secret): a refusal.
      const said = errorLines(result.stderr);
      return {
        kind: 'refused',
        message: said || `the shell exited with ${String(result.exitCode)}`,
      };
    }
    return wireAnswer(requests, () => {
      const why = result.timedOut
        ? `timed out after ${CASE_TIMEOUT_MS} ms`
        : result.signal
          ? `the shell was killed by ${result.signal}`
          : `the shell exited with ${String(result.exitCode)}`;
      // The script's private path means nothing in a report: name it as the user would.
      const stderr = result.stderr.replaceAll(this.#script, 'snippet.sh');
      const said = errorLines(stderr);
      return { message: said ? `${why}: ${said}` : why, stderrTail: stderr.slice(-2000) };
    });
  }

  async close(): Promise<void> {
    await this.#servers.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** One `wire-shell…/<shell>` column. */
export function shellWireColumn(shell: ShellEnvironment, snippet: WholeShellSnippet): Column {
  const locale = UTF8_LOCALE;
  const environment = {
    id: shell.id,
    label: `${shell.id}${shell.note ? ` (${shell.note})` : ''}, curl, ${locale.label}`,
    variables: { ...locale.variables },
  };
  const prepare = memoize(async () => {
    const found = await probeShell(shell);
    if (!found.found) return found;
    const tools = await pipelineTools();
    if (!tools.found) return tools;
    const curl = await curlVersion();
    if (!curl)
      return {
        found: false as const,
        reason: 'curl is not on PATH',
        install: 'apt-get install curl',
      };
    const server = await loadTestServer();
    if (!server.found) return server;
    // Reading the text here makes a snippet that no longer fits its slots an open() error.
    const text = snippet.text();
    environment.label = `${found.version}${shell.note ? ` (${shell.note})` : ''}, ${tools.openssl}, ${curl}, ${locale.label}`;
    return {
      found: true as const,
      version: `${found.version}, ${tools.openssl}, ${curl}`,
      start: server.start,
      text,
      launch: {
        shellPath: found.path,
        shellArgs: shell.args,
        env: explicitEnv([dirname(found.path)], locale),
      },
    };
  });
  return {
    id: `${snippet.id}/${shell.id}`,
    implementation: {
      id: snippet.id,
      label: snippet.label,
      kind: snippet.kind,
      language: 'shell',
      ...(snippet.correctionOf ? { correctionOf: snippet.correctionOf } : {}),
      ...(snippet.correctionReason ? { correctionReason: snippet.correctionReason } : {}),
    },
    environment,
    capabilities: ['sign'],
    modes: ['per-case'],
    async probe(): Promise<Availability> {
      const prepared = await prepare().catch((error: unknown) => ({
        found: false as const,
        reason: `could not be prepared: ${(error as Error).message}`,
        install: '',
      }));
      return prepared.found
        ? { available: true, runtimeVersion: prepared.version }
        : { available: false, reason: prepared.reason, install: prepared.install };
    },
    async open(mode: ExecutionMode): Promise<Session> {
      void mode; // each case is one run of the script, as a user runs it
      const prepared = await prepare();
      if (!prepared.found)
        throw new Error(`${snippet.id}/${shell.id} is unavailable: ${prepared.reason}`);
      return new ShellWireSession(new WireServers(prepared.start), prepared.launch, prepared.text);
    },
  };
}

/** The documented snippet as a wire implementation. */
export const DOCUMENTED_SHELL_WIRE: WholeShellSnippet = {
  id: 'wire-shell',
  label: 'Shell snippet end to end (echo + openssl + curl → loopback server)',
  kind: 'wire',
  text: documentedShellText,
};

/**
 * This project's correction of the shell snippet (`corrections/shell/`), run whole the same
 * way: it must send exactly the bytes it signed, for bodies of any size.
 */
export const CORRECTED_SHELL_WIRE: WholeShellSnippet = {
  id: 'wire-shell-corrected',
  label: 'Corrected shell snippet end to end (here-document + openssl + curl --data-binary @-)',
  kind: 'wire',
  text: () => {
    const info = correctionInfo('shell-corrected');
    return applySlots(readCorrection(info), info.slots);
  },
  correctionOf: 'wire-shell',
  correctionReason: correctionInfo('shell-corrected').reason,
};
