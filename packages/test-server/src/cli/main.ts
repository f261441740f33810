/**
 * `pnm-test-server`: the emulator as a process, for SDK test suites in any language.
 *
 * @module
 */
import { mountControlApi, refuseControlApi } from '../control/api.js';
import { createControlJournal } from '../control/journal.js';
import { TestServerError } from '../errors.js';
import { requestLogLine, webhookLogLine } from '../request-log.js';
import { startTestServer } from '../server.js';
import { parseCliArgs, USAGE } from './args.js';
import { isLoopbackHost } from './exposure.js';
import { boundedLineWriter } from './line-writer.js';

/** Where the CLI writes; the process streams by default. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * A request or webhook line, which may be dropped while the reader lags; default `stdout`.
   * The process's own io drops them past 8 MiB queued and says how many (`line-writer.ts`).
   */
  log?(text: string): void;
}

function processIo(): CliIo {
  const out = boundedLineWriter(process.stdout);
  return {
    stdout: (text) => out.keep(text),
    stderr: (text) => process.stderr.write(text),
    log: (text) => out.log(text),
  };
}

/** How long a stop waits for webhook deliveries in flight before cancelling them. */
export const STOP_GRACE_MS = 2_000;

/**
 * Runs `pnm-test-server` until SIGINT or SIGTERM. stdout carries only JSON lines: first
 * `{"type":"listening","url":…}`, then one `{"type":"request",…}` per request, and
 * `{"type":"stopped"}` last; stderr carries the human-readable line. Sets
 * `process.exitCode` (0 after a clean stop, 2 for a usage error, 3 when it cannot listen)
 * rather than calling `process.exit`, so pending output is flushed.
 *
 * @returns Once the server has stopped (or failed to start).
 * @throws Never: failures become the exit code and a message on stderr.
 * @example
 * ```ts
 * // bin/pnm-test-server.js
 * import { main } from '../dist/cli/main.js';
 * main();
 * ```
 */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = processIo(),
): Promise<void> {
  const log = io.log ?? io.stdout;
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`pnm-test-server: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    io.stdout(USAGE);
    process.exitCode = 0;
    return;
  }
  let server: Awaited<ReturnType<typeof startTestServer>>;
  // Kept only when the control API can list it.
  const journal = options.control ? createControlJournal() : undefined;
  try {
    server = await startTestServer({
      port: options.port,
      host: options.host,
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...(options.secret === undefined ? {} : { secret: options.secret }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      commaSpace: options.commaSpace,
      // The process serves real SDKs: answer exactly like the server, nothing invented.
      unknownFields: false,
      // A long-running process must not keep every body in memory.
      keepRequests: false,
      onRequest: (request) => {
        journal?.recordRequest(request);
        log(`${requestLogLine(request)}\n`);
      },
      webhookUrls: options.webhooks,
      onWebhook: (delivery) => {
        journal?.recordWebhook(delivery);
        log(`${webhookLogLine(delivery)}\n`);
      },
    });
  } catch (error) {
    const reason = error instanceof TestServerError ? error.message : String(error);
    io.stderr(`pnm-test-server: ${reason}\n`);
    process.exitCode = 3;
    return;
  }
  // Mounted before the listening line, which is what clients wait for.
  if (journal) {
    mountControlApi(server, {
      journal,
      ...(options.controlToken === undefined ? {} : { token: options.controlToken }),
    });
  } else refuseControlApi(server);
  const control = journal ? `${server.url}/__control` : null;
  if (journal && options.controlToken === undefined && !isLoopbackHost(options.host)) {
    io.stderr(
      `pnm-test-server: warning: the control API is open to anyone who can reach ${options.host}; start it with --control-token T, or listen on 127.0.0.1\n`,
    );
  }
  io.stderr(
    `pnm-test-server: listening on ${server.url} (API key ${server.apiKey})${control ? `, control API at ${control}` : ''}\n`,
  );
  io.stdout(
    `${JSON.stringify({ type: 'listening', url: server.url, seed: server.seed, control })}\n`,
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Deliveries in flight get a short grace, then close() cancels them: a receiver that
      // never answers must not hold the stop (each delivery also has its own timeout).
      let grace: ReturnType<typeof setTimeout> | undefined;
      Promise.race([
        server.webhooksSettled(),
        new Promise<void>((done) => {
          grace = setTimeout(done, STOP_GRACE_MS);
        }),
      ])
        .then(() => {
          clearTimeout(grace);
          return server.close();
        })
        .then(() => {
          io.stdout(`${JSON.stringify({ type: 'stopped', signal })}\n`);
          resolve();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.exitCode = 0;
}
