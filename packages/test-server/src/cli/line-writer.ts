/**
 * stdout for a process whose reader may stop reading. Node queues every write it cannot hand
 * to the pipe in memory, without limit: a harness that reads the `listening` line and then
 * never reads again would make the emulator grow by each request's log line (a 10 MiB body
 * is a 27 MB line) until it dies. Request and webhook lines are therefore dropped while more
 * than a bound is queued, and counted; once the reader catches up, one
 * `{"type":"dropped","lines":N}` line says how many were lost. Serving never waits for the
 * reader: an emulator that stopped answering because nobody reads its log would hang the very
 * tests it serves.
 *
 * @module
 */

/** The stream written to: `process.stdout`, or any writable with a queue length. */
export interface QueuedSink {
  write(text: string): boolean;
  readonly writableLength: number;
  on(event: 'drain' | 'error', listener: (...args: unknown[]) => void): unknown;
}

/** Writes lines to a sink, dropping (and counting) droppable ones while it is backed up. */
export interface LineWriter {
  /** Writes a line that must not be lost (`listening`, `stopped`), after any dropped notice. */
  keep(line: string): void;
  /** Writes a request or webhook line, or drops it while more than the bound is queued. */
  log(line: string): void;
  /** Lines dropped so far, in total. */
  readonly dropped: number;
}

/** The default bound: bytes queued for the reader beyond which log lines are dropped. */
export const LOG_QUEUE_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * A {@link LineWriter} over `sink`. At most `limitBytes` plus one line are ever queued by
 * droppable lines. A broken pipe (the reader went away) is not an error: later lines are
 * dropped.
 *
 * @throws Never.
 * @example
 * ```ts
 * const out = boundedLineWriter(process.stdout);
 * out.keep('{"type":"listening",…}\n');
 * out.log(`${requestLogLine(request)}\n`); // dropped and counted while stdout is not read
 * ```
 */
export function boundedLineWriter(
  sink: QueuedSink,
  limitBytes: number = LOG_QUEUE_LIMIT_BYTES,
): LineWriter {
  let pendingDrops = 0;
  let total = 0;
  let broken = false;
  const notice = () => {
    if (pendingDrops === 0 || broken) return;
    const line = { type: 'dropped', lines: pendingDrops, reason: 'stdout was not read' };
    pendingDrops = 0;
    sink.write(`${JSON.stringify(line)}\n`);
  };
  sink.on('error', () => {
    broken = true;
  });
  sink.on('drain', notice);
  return {
    keep(line) {
      if (broken) return;
      notice();
      sink.write(line);
    },
    log(line) {
      if (broken || sink.writableLength > limitBytes) {
        pendingDrops++;
        total++;
        return;
      }
      notice();
      sink.write(line);
    },
    get dropped() {
      return total;
    },
  };
}
