/**
 * What a stopping `pnm-test-server` waits for, and for how long.
 *
 * @module
 */

/** How long a stop waits for webhook deliveries still out before closing anyway. */
export const STOP_WAIT_MS = 2_000;

/**
 * Resolves when `settled` does or after `ms`, whichever comes first: a receiver that never
 * answers must not keep SIGTERM from stopping the process. The timer is cleared either way.
 *
 * @throws Never (a rejected `settled` counts as settled).
 * @example
 * ```ts
 * await settledWithin(server.webhooksSettled(), STOP_WAIT_MS);
 * await server.close();
 * ```
 */
export async function settledWithin(settled: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      settled.catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether `host` only listens on the loopback interface (`127.0.0.0/8`, `::1`, `localhost`).
 * Anything else, `0.0.0.0` and `::` included, can be reached from other machines.
 *
 * @throws Never.
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)
  );
}
