/** Runs `install` until it succeeds, at most `attempts` times, with a short back-off. */
export function retryInstall<T>(
  options: { what: string; registry: string; attempts?: number; backoffMs?: number },
  install: () => T,
): T;
