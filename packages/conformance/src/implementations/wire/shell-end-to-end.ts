/**
 * One end-to-end run of a shell snippet informs both of its levels: the signing column
 * (`shell/<shell>`, the signature the snippet computed, against the reference) and the wire
 * column (`wire-shell/<shell>`, the bytes curl sent against the bytes signed). The snippet
 * starts `openssl`, `awk` and `curl` for every case, which is nearly all of a run's time, so
 * running it once per case instead of once per level halves the cost of the shell columns.
 *
 * A run is a fresh shell per case, as a user runs the snippet: the body and secret reach it
 * as files (read with `$(cat …; printf x)`, which keeps every byte but NUL), never as argv,
 * so the harness itself never meets the 128 KiB argument limit that the snippet's own
 * `curl -d "$BODY"` meets. One harness line between the snippet's signing statements and its
 * request writes `$SIGNATURE` to a file: what the signing column's worker would have replied.
 *
 * @module
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { CaseInput, Session, SignAnswer, VectorTrace, WireAnswer } from '../../model.js';
import {
  isStopped,
  killTracked,
  newTrackedProcess,
  PROCESS_MARKER,
  untrack,
} from '../process-tracker.js';
import {
  secretText,
  WIRE_API_KEY,
  WireServers,
  wireAnswer,
  wirePrecheck,
} from './server-session.js';

/** Per-case time limit: a 1 MiB body through echo, openssl and curl takes well under a second. */
const CASE_TIMEOUT_MS = 30_000;

/** What the snippet's signing part did, read the way its signing column's worker reads it. */
export type SignFailureReading =
  /** The documented snippet: `$SIGNATURE` as it stands (`workers/shell.sh.tmpl`). */
  | 'signature-as-is'
  /** The correction stops with `exit 1` when it cannot sign (`workers/shell-corrected.sh.tmpl`). */
  | 'exit-status';

/** A shell snippet split where its signing ends and its request begins. */
export interface SplitSnippet {
  /** The statements up to and including the `SIGNATURE=` assignment (and its checks). */
  sign: string;
  /** The rest: the request (curl). */
  request: string;
  /** The variable the signature is left in, e.g. `SIGNATURE`. */
  signatureVariable: string;
}

/**
 * The script a case runs:
 * `<shell> run.sh <body-file> <secret-file> <api-key> <base-url> <signature-file>`.
 * The `x` keeps trailing newlines that command substitution would strip.
 *
 * @example
 * ```ts
 * writeFileSync('run.sh', renderEndToEndScript({ sign: 'SIGNATURE=abc\n', request: 'curl …\n', signatureVariable: 'SIGNATURE' }));
 * ```
 */
export function renderEndToEndScript(snippet: SplitSnippet): string {
  const lined = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  return [
    '# plugnmeet-signing end-to-end check: a shell snippet run whole (signature and curl).',
    '# Run as: <shell> run.sh <body-file> <secret-file> <api-key> <base-url> <signature-file>',
    'PNM_BODY=$(cat "$1" && printf x) || exit 97',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'PNM_BODY=${PNM_BODY%x}',
    'PNM_SECRET=$(cat "$2" && printf x) || exit 97',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'PNM_SECRET=${PNM_SECRET%x}',
    'PNM_API_KEY=$3',
    'PNM_BASE_URL=$4',
    'PNM_SIGNATURE_FILE=$5',
    '# --- snippet statements (begin) ---',
    `${lined(snippet.sign)}# --- snippet signed: the harness keeps the signature for the signing level ---`,
    `printf '%s' "$${snippet.signatureVariable}" > "$PNM_SIGNATURE_FILE" || exit 97`,
    `${lined(snippet.request)}# --- snippet statements (end) ---`,
    '',
  ].join('\n');
}

/**
 * The signing level's precheck. Shell variables cannot hold a NUL byte (zsh's can, but no
 * script text can put one in a literal, and `key:"$SECRET"` becomes a C string anyway).
 */
export function shellSignPrecheck(input: CaseInput): string | undefined {
  if (input.body.includes(0)) return 'body contains a NUL byte, which no shell variable can hold';
  if (input.secret.includes(0))
    return 'secret contains a NUL byte, which no shell variable can hold';
  return undefined;
}

/** The wire level's precheck: the shell's, and the server must be able to hold the secret. */
export function shellWirePrecheck(input: CaseInput): string | undefined {
  return shellSignPrecheck(input) ?? wirePrecheck(input);
}

/** The lines of curl's and the shell's stderr that say something (not the progress meter). */
export function errorLines(stderr: string): string {
  const lines = stderr
    .split(/\r|\n/)
    .map((line) => line.trim())
    .filter(
      (line) =>
        line !== '' && !/^[\d.kMG%\s:-]+$/.test(line) && !/^% Total|Dload\s+Upload/.test(line),
    );
  return lines.join('\n').slice(-600);
}

/** The shell workers' plain-text check on `$SIGNATURE` (`case … *[!0-9A-Za-z+/=:._()-]*`). */
const PLAIN_SIGNATURE = /^[0-9A-Za-z+/=:._()-]*$/;

/** The corrected worker's `tr -c 'A-Za-z0-9 .,:;?()_=+/-' ' '`, byte by byte. */
function trPlain(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9 .,:;?()_=+/-]/.test(char) ? char : ' ';
  }
  return out;
}

/**
 * The signing level's answer from the signature file, exactly as the signing worker would
 * have replied for the same statements (see `workers/shell*.sh.tmpl`).
 */
export function signingAnswer(
  reading: SignFailureReading,
  signature: Uint8Array | undefined,
  run: { exitCode: number | undefined; all: Uint8Array; why: string; stderrTail: string },
): SignAnswer {
  if (signature === undefined) {
    if (reading === 'exit-status' && run.exitCode !== undefined && run.exitCode !== 0) {
      // `$(pnm_sign 2>&1)` drops trailing newlines before tr sees the text.
      let end = run.all.length;
      while (end > 0 && run.all[end - 1] === 0x0a) end--;
      return {
        kind: 'refused',
        message: `the snippet exited with status ${run.exitCode}: ${trPlain(run.all.subarray(0, end))}`,
      };
    }
    return {
      kind: 'broken',
      message: `the snippet stopped before it signed: ${run.why}`,
      stderrTail: run.stderrTail,
    };
  }
  const text = Buffer.from(signature).toString('latin1');
  if (!PLAIN_SIGNATURE.test(text)) {
    return {
      kind: 'refused',
      message: `SIGNATURE holds characters that are not plain text (hex:${Buffer.from(signature).toString('hex')})`,
    };
  }
  return { kind: 'signature', signature: text };
}

/** What one run of a case gave each level. */
export interface EndToEndAnswers {
  sign: SignAnswer;
  wire: WireAnswer;
}

/** How to start the shell. */
export interface ShellLaunch {
  shellPath: string;
  shellArgs: readonly string[];
  env: Record<string, string>;
}

/** A run's raw result, from the shell's side. */
interface RunResult {
  exitCode: number | undefined;
  signal: string | undefined;
  stderr: string;
  all: Uint8Array;
  timedOut: boolean;
  signature: Uint8Array | undefined;
}

/**
 * The per-case runs of one shell snippet in one shell: each case is one run of the whole
 * script, and its trace holds both levels' parts (the signature the snippet computed, and
 * what curl sent). Cases run one at a time: each server's record must belong to one case.
 */
export class EndToEndRuns {
  readonly #launch: ShellLaunch;
  readonly #reading: SignFailureReading;
  readonly #servers: WireServers;
  readonly #dir = mkdtempSync(join(tmpdir(), 'pnm-shell-e2e-'));
  readonly #script: string;
  readonly #cwd: string;
  readonly #home: string;

  constructor(
    start: ConstructorParameters<typeof WireServers>[0],
    launch: ShellLaunch,
    split: SplitSnippet,
    reading: SignFailureReading,
  ) {
    this.#servers = new WireServers(start);
    this.#launch = launch;
    this.#reading = reading;
    this.#script = join(this.#dir, 'run.sh');
    writeFileSync(this.#script, renderEndToEndScript(split));
    // curl runs in an empty directory (a body `@name` names no file of ours) with an empty
    // HOME (no ~/.curlrc of the developer's changes what it sends).
    this.#cwd = join(this.#dir, 'cwd');
    this.#home = join(this.#dir, 'home');
    mkdirSync(this.#cwd);
    mkdirSync(this.#home);
    mkdirSync(join(this.#dir, 'in'));
  }

  /**
   * One run of the whole script for `input`, both levels' answers. A case no run can inform
   * (a NUL byte no shell holds, a secret no server holds) is not run at all.
   */
  async run(input: CaseInput): Promise<EndToEndAnswers> {
    const unjudged = shellWirePrecheck(input);
    if (unjudged !== undefined) {
      const unrepresentable = { kind: 'unrepresentable' as const, reason: unjudged };
      return { sign: unrepresentable, wire: unrepresentable };
    }
    const secret = secretText(input.secret) as string;
    const bodyFile = join(this.#dir, 'in', 'body');
    const secretFile = join(this.#dir, 'in', 'secret');
    const signatureFile = join(this.#dir, 'in', 'signature');
    writeFileSync(bodyFile, input.body);
    writeFileSync(secretFile, input.secret);
    rmSync(signatureFile, { force: true });
    const { requests, result } = await this.#servers.exchange(secret, (server) =>
      this.#spawn([bodyFile, secretFile, WIRE_API_KEY, server.url, signatureFile], signatureFile),
    );
    const why = result.timedOut
      ? `timed out after ${CASE_TIMEOUT_MS} ms`
      : result.signal
        ? `the shell was killed by ${result.signal}`
        : `the shell exited with ${String(result.exitCode)}`;
    // The script's private path means nothing in a report: name it as the user would.
    const stderr = result.stderr.replaceAll(this.#script, 'snippet.sh');
    const sign = signingAnswer(this.#reading, result.signature, {
      exitCode: result.timedOut || result.signal ? undefined : result.exitCode,
      all: result.all,
      why,
      stderrTail: stderr.slice(-2000),
    });
    // Nothing sent: the wire judge decides whether that was a refusal the input allows.
    const wire = wireAnswer(requests, () => {
      const said = errorLines(stderr);
      return { message: said ? `${why}: ${said}` : why, stderrTail: stderr.slice(-2000) };
    });
    return { sign, wire };
  }

  async #spawn(args: string[], signatureFile: string): Promise<RunResult> {
    // An interrupted run starts nothing more; the case is cut short like a killed one.
    if (isStopped()) {
      return {
        exitCode: undefined,
        signal: 'SIGKILL',
        stderr: '',
        all: new Uint8Array(),
        timedOut: false,
        signature: undefined,
      };
    }
    // Tracked like every worker: an interrupt or the end of the command kills the shell and
    // whatever the snippet started (openssl, curl), even one that left the process group.
    const tracked = newTrackedProcess();
    const child = execa(
      this.#launch.shellPath,
      [...this.#launch.shellArgs, this.#script, ...args],
      {
        cwd: this.#cwd,
        env: { ...this.#launch.env, HOME: this.#home, [PROCESS_MARKER]: tracked.token },
        extendEnv: false,
        stdin: 'ignore',
        reject: false,
        encoding: 'buffer',
        // Only a correction's refusal reads stdout (interleaved with stderr, as its worker's
        // `$(pnm_sign 2>&1)` does); the documented snippet's stdout is curl's copy of the
        // answer, which the server already recorded. Each pipe read costs runner CPU per case.
        ...(this.#reading === 'exit-status' ? { all: true } : { stdout: 'ignore' as const }),
        stripFinalNewline: false,
        // Own process group, so a time-out reaches curl and openssl too.
        detached: true,
        cleanup: true,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    tracked.pid = child.pid;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTracked(tracked);
    }, CASE_TIMEOUT_MS);
    try {
      const done = await child;
      let signature: Uint8Array | undefined;
      try {
        signature = readFileSync(signatureFile);
      } catch {
        signature = undefined;
      }
      return {
        exitCode: done.exitCode,
        signal: done.signal,
        stderr: Buffer.from(done.stderr ?? new Uint8Array()).toString('utf8'),
        all: done.all ?? new Uint8Array(),
        timedOut,
        signature,
      };
    } finally {
      clearTimeout(timer);
      // The case is over (a kill here would scan /proc once per case; an interrupt or the
      // end of the command still kills what is tracked).
      untrack(tracked);
    }
  }

  /**
   * A session over these runs: each case's trace holds both levels. `signOnly` is the
   * session (the column's own signing worker, started at the first such case) that signs
   * what a shell can hold and no server can (a secret that is not UTF-8): a whole run with
   * curl would be paid there for the signature alone; the worker answers exactly as the run
   * would (`test/shell-end-to-end.test.ts` holds the two to that).
   */
  session(signOnly: () => Promise<Session>): Session {
    let worker: Promise<Session> | undefined;
    return {
      send: async (input): Promise<VectorTrace> => {
        const unsendable = shellSignPrecheck(input) === undefined ? wirePrecheck(input) : undefined;
        if (unsendable !== undefined) {
          worker ??= signOnly();
          const signer = await worker;
          const signed: SignAnswer = signer.sign
            ? await signer.sign(input)
            : { kind: 'broken', message: 'the signing worker cannot sign', stderrTail: '' };
          return { signed, sent: { kind: 'unrepresentable', reason: unsendable } };
        }
        const { sign, wire } = await this.run(input);
        return { signed: sign, sent: wire };
      },
      close: async () => {
        await Promise.all([this.close(), worker?.then((session) => session.close())]);
      },
    };
  }

  /** Stops the servers and removes the private directory; never throws. */
  async close(): Promise<void> {
    await this.#servers.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
