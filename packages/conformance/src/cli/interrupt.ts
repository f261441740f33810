/**
 * SIGINT, SIGTERM and SIGHUP during a run (Ctrl-C, `timeout`, a CI job cancelled, a
 * closed terminal): every process the run started is killed at once, the run stops
 * asking, what was judged is reported with `interrupted` in the summary, and the exit
 * code is 128 + the signal number. A second signal leaves at once.
 *
 * @module
 */
import { stopEverything } from '../implementations/process-tracker.js';

/** The exit code for each signal handled: 128 + its number, as shells report it. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

/** If the run has not settled this long after the signal, leave without a report. */
const SETTLE_MS = 10_000;

/** A watch on the interrupting signals, for one run. */
export interface InterruptWatch {
  /** Aborted with the signal's name as its reason. */
  readonly signal: AbortSignal;
  /** The exit code for the signal received, or undefined when none was. */
  exitCode(): number | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * Installs the handlers until `dispose()`.
 *
 * @example
 * ```ts
 * const interrupt = watchInterrupts();
 * try { await conformanceRun({ ...options, signal: interrupt.signal }); } finally { interrupt.dispose(); }
 * ```
 */
export function watchInterrupts(stderr: NodeJS.WritableStream = process.stderr): InterruptWatch {
  const controller = new AbortController();
  let received: HandledSignal | undefined;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]).map((name) => {
    const handler = () => {
      stopEverything();
      if (received !== undefined) process.exit(SIGNAL_EXIT_CODES[name]);
      received = name;
      try {
        stderr.write(
          `\npnm-conformance: ${name}: stopped every implementation; writing what was judged\n`,
        );
      } catch {}
      controller.abort(name);
      setTimeout(() => process.exit(SIGNAL_EXIT_CODES[name]), SETTLE_MS).unref();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => (received === undefined ? undefined : SIGNAL_EXIT_CODES[received]),
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
