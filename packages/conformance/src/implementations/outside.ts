/**
 * Columns for outside implementations (`--impl "<command>"`): any program that speaks
 * protocol v1 on stdin/stdout, in any language.
 *
 * @module
 */

import type { ColumnKey, ColumnRef } from '../column-key.js';
import type { Column } from '../model.js';
import { defineColumn } from './column-kit.js';
import { splitCommandLine } from './command-line.js';
import { type Containment, probeContainmentFor } from './containment.js';
import { distinctIdentities } from './distinct-identities.js';
import { implementationEnv } from './implementation-env.js';
import { idPart, type OutsideIdentity, outsideIdentity } from './outside-identity.js';
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

/** An `--impl` started and asked hello: what it said, and how to run it. */
interface Started {
  command: string;
  spec: LaunchSpec;
  /** The process that answered hello, kept as the first worker. */
  first?: ProcessSession;
  /** Why it could not say hello. */
  failure?: string;
  identity: OutsideIdentity;
}

/** One `--impl`'s column, its command, and the key it had by position before hellos named columns. */
export interface OutsideColumn {
  column: Column;
  command: string;
  /** Its column's ids and what its hello said, as one value. */
  identity: OutsideIdentity;
  /**
   * `impl-<position>/<language>`, the key an expectations file of the last release gave this
   * column; read for one release only, to map such files by position (`positional-keys.ts`).
   */
  positionalKey: ColumnRef;
}

/**
 * Starts `command` (split like a POSIX shell would, quotes included, but without a shell)
 * in the minimal environment of {@link implementationEnv} and asks its hello.
 */
async function start(command: string, options: OutsideOptions): Promise<Started> {
  const words = splitCommandLine(command);
  const [file, ...args] = words;
  const { passEnv = [], containment, ...sessionOptions } = options;
  const spec: LaunchSpec = {
    command: file ?? '',
    args,
    env: implementationEnv(process.env, passEnv),
    // Code the runner does not trust: whatever it starts must die with it.
    containment: containment ?? probeContainmentFor(process.env),
  };
  try {
    const first = await ProcessSession.start(spec, sessionOptions);
    return { command, spec, first, identity: outsideIdentity(first.hello, words) };
  } catch (error) {
    return {
      command,
      spec,
      failure: (error as Error).message,
      identity: outsideIdentity(undefined, words),
    };
  }
}

/** The column of a started implementation, named by `identity`. */
function columnOf(started: Started, identity: OutsideIdentity, options: OutsideOptions): Column {
  const { passEnv: _passEnv, containment: _containment, ...sessionOptions } = options;
  const { command, spec, failure } = started;
  const { said } = identity;
  let first = started.first;
  const hello = first?.hello;
  const capabilities = hello ? capabilitiesOf(hello) : ['sign' as const];
  // The runtime it names is already the column's environment id.
  const label = said ? `${said.name} ${said.version}` : command;
  return defineColumn({
    implementation: {
      id: identity.implementation,
      label,
      kind: 'outside',
      origin: 'outside',
      checks: 'signature',
      language: idPart(said?.language) ?? 'unknown',
      ...(said ? { identity: said } : {}),
    },
    environment: { id: identity.environment, label: command },
    capabilities,
    ...(hello?.minTimeoutMs === undefined ? {} : { minTimeoutMs: hello.minTimeoutMs }),
    modes: ['worker', 'per-case'],
    // An implementation that cannot even say hello is a broken implementation, not a
    // missing toolchain: it stays available and every case reports why.
    prepare: async () => ({
      available: true,
      runtimeVersion: said ? label : `did not start: ${failure}`,
      ready: spec,
    }),
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

/**
 * The `language` as the last release made it part of a column id (each character other
 * than letters, digits and `. _ + # -` replaced by `_`): kept only to read `impl-N` keys.
 */
function positionalLanguage(language: string | undefined): string {
  const id = (language ?? '')
    .replace(/[^\p{L}\p{N}._+#-]/gu, '_')
    .slice(0, 40)
    .toLowerCase();
  return id === '' || /^_+$/.test(id) ? 'unknown' : id;
}

/**
 * One column per command, in the order given, each a protocol v1/v2 implementation whose
 * capabilities and name come from its hello reply. A column is named by that hello
 * (`outside-identity.ts`): the same implementations give the same column ids in whatever
 * order their flags come. The process that answered hello is kept as the first worker, so
 * a slow start is paid once; one that could not say hello is not started again, every case
 * reports why, and its column is named after its command's script.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` when a command cannot be split (an
 * unterminated quote, say), or when two commands' hellos name the same column (or one
 * names a column of `reserved`; see {@link distinctIdentities}).
 * @example
 * ```ts
 * const [python, php] = await outsideColumns(
 *   ['python3 examples/python/plugnmeet_signer.py', 'php examples/php/plugnmeet_signer.php'],
 * );
 * python.column.id; // 'python-example/python'
 * ```
 */
export async function outsideColumns(
  commands: readonly string[],
  options: OutsideOptions = {},
  reserved: ReadonlySet<ColumnKey> = new Set(),
): Promise<OutsideColumn[]> {
  // A command that cannot be split is refused before anything starts.
  for (const command of commands) splitCommandLine(command);
  const started: Started[] = [];
  for (const command of commands) started.push(await start(command, options));
  let identities: OutsideIdentity[];
  try {
    identities = distinctIdentities(started, reserved);
  } catch (error) {
    await Promise.all(started.map((one) => one.first?.close()));
    throw error;
  }
  return started.map((one, i) => ({
    column: columnOf(one, identities[i] as OutsideIdentity, options),
    command: one.command,
    identity: identities[i] as OutsideIdentity,
    positionalKey: {
      implementation: `impl-${i + 1}`,
      environment: positionalLanguage(one.first?.hello?.language),
    },
  }));
}

/**
 * The column of one outside implementation (see {@link outsideColumns}).
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` when `command` cannot be split.
 * @example
 * ```ts
 * const column = await outsideColumn(`sh -c 'exec python3 "my sdk/signer.py"'`);
 * ```
 */
export async function outsideColumn(
  command: string,
  options: OutsideOptions = {},
): Promise<Column> {
  const [only] = await outsideColumns([command], options);
  return (only as OutsideColumn).column;
}
