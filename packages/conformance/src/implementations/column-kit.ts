/**
 * The column kit: one way to make a matrix column. A column spec says what the column is
 * and how to prepare and open it; {@link defineColumn} owns the rest — preparing once,
 * turning a preparation that throws into a broken column, the label the probe found, and
 * answering `probe()` and `open()` from the one preparation. Every built-in column (the
 * snippets in every language, the corrections, the wire columns) is made here.
 *
 * @module
 */
import { columnKey } from '../column-key.js';
import { memoize } from '../environments/toolchains.js';
import type {
  Availability,
  Capability,
  Column,
  EnvironmentInfo,
  ExecutionMode,
  ImplementationInfo,
  Session,
  WireLevel,
} from '../model.js';
import { FixedBrokenSession } from './snippet-session.js';

/** What is known once a column is prepared, whichever way it went. */
interface PreparedInfo {
  /** Versions of what runs the column, for the report (`go1.22.2`, `bash 5.2.15, OpenSSL 3.0`). */
  runtimeVersion: string;
  /** The environment's label with the versions found; the spec's label stays until then. */
  label?: string;
}

/**
 * A column's preparation: ready to open with `ready`; here but `broken` (the toolchain is
 * present and the program cannot run on it — it does not compile, say: every case answers
 * broken with these words, and the column stays available so the finding shows); or not
 * available, with why and how to install what is missing.
 */
export type Prepared<Ready> = Availability<
  PreparedInfo & ({ ready: Ready; broken?: undefined } | { broken: string })
>;

/** Everything that makes one column. */
export interface ColumnSpec<Ready> {
  implementation: ImplementationInfo;
  /** The environment as described before probing (its label is replaced by the prepared one). */
  environment: EnvironmentInfo;
  /** Default: `['sign']`. */
  capabilities?: readonly Capability[];
  /** See {@link Column.minTimeoutMs}. */
  minTimeoutMs?: number;
  /** The modes it supports, the default first. */
  modes: readonly ExecutionMode[];
  /** See {@link Column.wireLevel}. */
  wireLevel?: WireLevel;
  /** Finds the toolchain and builds the program. Called once per column, at its first probe or open. */
  prepare(): Promise<Prepared<Ready>>;
  /** A session on what `prepare` made ready. */
  open(ready: Ready, mode: ExecutionMode): Promise<Session>;
}

/**
 * The column a spec describes. Preparing is lazy and done once, so building every column
 * is cheap and only the selected ones probe their toolchains. A `prepare` that throws gives
 * a broken column (available, every case answers why), never an unhandled rejection.
 *
 * @throws Error from `open()` when the column is unavailable (the runner opens only
 * columns whose `probe()` said available).
 * @example
 * ```ts
 * const column = defineColumn({
 *   implementation, environment: { id: 'utf8', label: 'Python, LANG=en_US.UTF-8' },
 *   modes: ['worker', 'per-case'],
 *   prepare: async () => ({ available: true, runtimeVersion: 'Python 3.11.2', ready: launch }),
 *   open: (launch, mode) => openSnippetSession(launch, mode),
 * });
 * ```
 */
export function defineColumn<Ready>(spec: ColumnSpec<Ready>): Column {
  const id = columnKey({
    implementation: spec.implementation.id,
    environment: spec.environment.id,
  });
  let label = spec.environment.label;
  const prepare = memoize(async (): Promise<Prepared<Ready>> => {
    const prepared = await spec.prepare().catch(
      (error: unknown): Prepared<Ready> => ({
        available: true,
        runtimeVersion: 'unknown',
        broken: `could not be prepared: ${(error as Error).message}`,
      }),
    );
    if (prepared.available && prepared.label) label = prepared.label;
    return prepared;
  });
  return {
    id,
    implementation: spec.implementation,
    // The label names the versions found once probed; reading it is all a report does.
    get environment(): EnvironmentInfo {
      return { ...spec.environment, label };
    },
    capabilities: spec.capabilities ?? ['sign'],
    ...(spec.minTimeoutMs === undefined ? {} : { minTimeoutMs: spec.minTimeoutMs }),
    modes: spec.modes,
    ...(spec.wireLevel ? { wireLevel: spec.wireLevel } : {}),
    async probe(): Promise<Availability> {
      const prepared = await prepare();
      return prepared.available
        ? { available: true, runtimeVersion: prepared.runtimeVersion }
        : { available: false, reason: prepared.reason, install: prepared.install };
    },
    async open(mode: ExecutionMode): Promise<Session> {
      const prepared = await prepare();
      if (!prepared.available) throw new Error(`${id} is unavailable: ${prepared.reason}`);
      if (prepared.broken !== undefined) return new FixedBrokenSession(prepared.broken);
      return spec.open(prepared.ready, mode);
    },
  };
}

/**
 * What is missing, as a preparation: passes on an unavailable toolchain's reason and install
 * hint unchanged.
 *
 * @example
 * ```ts
 * const found = await runtimes.go();
 * if (!found.available) return missing(found);
 * ```
 */
export function missing(found: { reason: string; install: string }): Prepared<never> {
  return { available: false, reason: found.reason, install: found.install };
}
