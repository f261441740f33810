/**
 * What a conformance run is given: what to plan it from (columns, vectors, expectations,
 * selection) and how to run it (seed, runs, shard, …). The command line, `docs-patch`, the
 * GitHub action (through the command line) and the library all say it this way.
 *
 * @module
 */
import type { Vector, VectorFile } from '@plugnmeet-signing/vectors';
import type { Expectation, ExpectationsFile } from '../expectations/file.js';
import type { Column, ExecutionMode } from '../model.js';
import type { Secret } from '../reports/redact.js';
import type { RunListener } from '../runner/events.js';

/** An expectations file to read. */
export interface ExpectationsSource {
  path: string;
  /**
   * The user named it: it must exist, unless the run is about to create it. A file nobody
   * named (the package's own, which a build may leave out) may be missing: no entries.
   */
  given: boolean;
  /** The run will write it (`--update-expectations`). */
  creating?: boolean;
}

/** What a run is planned from: the load, check and select steps. */
export interface PlanOptions {
  /**
   * The columns to choose from, or what makes them. A function is called once the vectors
   * passed their check: making an outside column starts its implementation, which a wrong
   * vector should never cost.
   */
  columns: readonly Column[] | (() => Promise<readonly Column[]>);
  /** The vector files. Default: the shipped ones and those of `vectorDirs`. */
  vectorFiles?: readonly VectorFile[];
  /** Directories of the user's own vector files (`--vectors`), added to the shipped ones. */
  vectorDirs?: readonly string[];
  /** The expectations, or the file to read. Default: the package's `expectations.json`. */
  expectations?: readonly Expectation[] | ExpectationsSource;
  /**
   * Rewrites the expectations once the columns are made (`--impl`: entries of an older
   * file keyed `impl-N` by flag position take the key of the implementation's hello).
   */
  adoptExpectations?: (file: ExpectationsFile, path: string) => ExpectationsFile;
  /** `--only`: implementations, environments, columns, languages or vector tags. */
  only?: readonly string[];
  /** `--skip`: the same names, left out. */
  skip?: readonly string[];
  /** A further filter on the vectors, after `only` and `skip`. */
  vectorFilter?: (vector: Vector) => boolean;
}

/** How a planned run runs: the run, settle and redact steps. */
export interface RunSettings {
  seed: number;
  /** Property cases per column (split between shards). */
  runs: number;
  /** A property failure's replay path (with its `seed`). */
  path?: string;
  mode?: ExecutionMode;
  /** Columns at once. */
  jobs: number;
  /** Unavailable columns fail the run (`--require-all`, and under CI). */
  requireAll: boolean;
  /** The i-th of n shares of the matrix; its report is judged as a whole only by `merge`. */
  shard?: { index: number; count: number };
  listener?: RunListener;
  /**
   * Stops the run early: no further case starts, what was judged before is kept, and the
   * summary says `interrupted` with the signal's reason (the signal name, say).
   */
  signal?: AbortSignal;
  /** What the report must not contain. Default: the secrets of `process.env` (`secretsOf`). */
  secrets?: readonly Secret[];
}

/** Everything `conformanceRun` takes. */
export interface ConformanceRunOptions extends PlanOptions, RunSettings {}
