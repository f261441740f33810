/**
 * Columns for outside implementations (`--impl "<command>"`): any program that speaks
 * protocol v1 on stdin/stdout, in any language.
 *
 * @module
 */

import type { Column } from '../model.js';
import { defineColumn } from './column-kit.js';
import { splitCommandLine } from './command-line.js';
import { type Containment, probeContainmentFor } from './containment.js';
import { implementationEnv } from './implementation-env.js';
import { perCaseSession } from './per-case-session.js';
import { type LaunchSpec, ProcessSession, type ProcessSessionOptions } from './process-session.js';
import { capabilitiesOf } from './protocol.js';

/** Options of an outside column: session limits, and the variables to pass through. */
export type OutsideOptions = Partial<ProcessSessionOptions> & {
  /** Names of the runner's environment variables the implementation also gets (`--pass-env`). */
  passEnv?: readonly string[];
  /**
   * How to contain the implementation's processes, probed once per run by the caller
   * ({@link probeContainmentFor}) and shared by every column; probed for this column alone
   * when unset.
   */
  containment?: Containment;
};

/**
 * The implementation's `language` as a part of a column id. It is the implementation's
 * text, not ours: a comma would make a column `--only` cannot name, a NUL or slash would
 * break the keys ids are joined into, and control characters would reach the terminal.
 */
function languageId(language: string | undefined): string {
  const id = (language ?? '')
    .replace(/[^\p{L}\p{N}._+#-]/gu, '_')
    .slice(0, 40)
    .toLowerCase();
  return id === '' || /^_+$/.test(id) ? 'unknown' : id;
}

/**
 * A column that runs `command` (split like a POSIX shell would, quotes included, but
 * without a shell) as a protocol v1 implementation, in the minimal environment of
 * {@link implementationEnv}. Its capabilities come from its hello reply. The process that
 * answered hello is kept as the first worker, so a slow start is paid once; one that could
 * not say hello is not started again, and every case reports why.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` when `command` cannot be split
 * (an unterminated quote, say).
 * @example
 * ```ts
 * const column = await outsideColumn(`sh -c 'exec python3 "my sdk/signer.py"'`, 1);
 * ```
 */
export async function outsideColumn(
  command: string,
  index: number,
  options: OutsideOptions = {},
): Promise<Column> {
  const [file, ...args] = splitCommandLine(command);
  const { passEnv = [], containment, ...sessionOptions } = options;
  const spec: LaunchSpec = {
    command: file ?? '',
    args,
    env: implementationEnv(process.env, passEnv),
    // Code the runner does not trust: whatever it starts must die with it.
    containment: containment ?? probeContainmentFor(process.env),
  };
  let first: ProcessSession | undefined;
  let failure: string | undefined;
  try {
    first = await ProcessSession.start(spec, sessionOptions);
  } catch (error) {
    failure = (error as Error).message;
  }
  const hello = first?.hello;
  const id = `impl-${index}`;
  const language = languageId(hello?.language);
  const capabilities = hello ? capabilitiesOf(hello) : ['sign' as const];
  const runtimeVersion = hello ? `${hello.name} ${hello.version}` : `did not start: ${failure}`;
  return defineColumn({
    implementation: {
      id,
      label: hello ? `${hello.name} ${hello.version}` : command,
      kind: 'outside',
      origin: 'outside',
      checks: 'signature',
      language,
    },
    environment: { id: language, label: command },
    capabilities,
    ...(hello?.minTimeoutMs === undefined ? {} : { minTimeoutMs: hello.minTimeoutMs }),
    modes: ['worker', 'per-case'],
    // An implementation that cannot even say hello is a broken implementation, not a
    // missing toolchain: it stays available and every case reports why.
    prepare: async () => ({ available: true, runtimeVersion, ready: spec }),
    async open(launch, mode) {
      if (failure !== undefined) throw new Error(failure);
      const kept = first;
      first = undefined;
      if (mode === 'per-case') {
        await kept?.close();
        return perCaseSession(launch, sessionOptions);
      }
      return kept ?? ProcessSession.start(launch, sessionOptions);
    },
  });
}
