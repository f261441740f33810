// Installs from a package registry at test time fail now and then for reasons that are not
// ours (a registry's transient TLS error, SELF_SIGNED_CERT_IN_CHAIN from a proxy, a reset
// connection): one such failure once failed a whole `npm test`. Every install the suite
// makes goes through here: a few attempts with a short back-off, each failure said with the
// registry it came from, and the last one thrown with all of them.

/**
 * Runs `install` until it succeeds, at most `attempts` times, waiting `backoffMs`, then twice
 * that, between attempts.
 *
 * @template T
 * @param {{ what: string, registry: string, attempts?: number, backoffMs?: number }} options
 *   `what` is installed (`plugnmeet-sdk-js@1.4.1`) from `registry` (`npm`, `PyPI`, …)
 * @param {() => T} install synchronous; throws when the install failed
 * @returns {T} what `install` returned
 * @throws {Error} after the last attempt: every attempt's failure, with the registry named
 * @example
 * retryInstall({ what: 'plugnmeet-sdk 1.0.2', registry: 'PyPI' }, () => execFileSync('pip', [...]));
 */
export function retryInstall({ what, registry, attempts = 3, backoffMs = 2000 }, install) {
  const failures = [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      return install();
    } catch (error) {
      const message = String(error?.stderr || error?.message || error).trim();
      failures.push(`attempt ${attempt}: ${message.split('\n').slice(-5).join('\n  ')}`);
      process.stderr.write(
        `[retry-install] installing ${what} from ${registry} failed (attempt ${attempt} of ${attempts})\n`,
      );
      if (attempt >= attempts) {
        throw new Error(
          `could not install ${what} from the ${registry} registry after ${attempts} attempts:\n${failures.join('\n')}`,
          { cause: error },
        );
      }
      // A synchronous sleep: the installs around this are synchronous too.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, backoffMs * 2 ** (attempt - 1));
    }
  }
}
