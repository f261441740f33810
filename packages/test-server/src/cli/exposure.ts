/**
 * Whether the address `pnm-test-server` listens on can be reached from other machines: an
 * open control API there lets anyone steer the server, so the CLI warns.
 *
 * @module
 */

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
