/**
 * The routes the control API replaced and what each answer weighs, so that replacing routes
 * is bounded in count and bytes like the queue is.
 *
 * @module
 */

/** Replaced routes, by normalized path, with the bytes of each answer. */
export interface RouteLedger {
  /** Whether replacing `route` with an answer of `bytes` keeps both bounds. */
  fits(route: string, bytes: number, maxRoutes: number, maxBytes: number): boolean;
  /** Notes `route` as replaced by an answer of `bytes` (replacing any earlier note). */
  replaced(route: string, bytes: number): void;
  /** Forgets `route`, or every route when none is given. */
  restored(route?: string): void;
  /** How many routes are replaced, and their answers' bytes together. */
  totals(): { routes: number; bytes: number };
}

/**
 * A fresh ledger (one per mounted control API: no module-global state).
 *
 * @throws Never.
 * @example
 * ```ts
 * const ledger = createRouteLedger();
 * if (ledger.fits('/auth/room/create', 120, 256, 16 << 20)) ledger.replaced('/auth/room/create', 120);
 * ```
 */
export function createRouteLedger(): RouteLedger {
  const sizes = new Map<string, number>();
  const totals = () => {
    let bytes = 0;
    for (const size of sizes.values()) bytes += size;
    return { routes: sizes.size, bytes };
  };
  return {
    fits(route, bytes, maxRoutes, maxBytes) {
      const now = totals();
      const earlier = sizes.get(route);
      const routes = now.routes + (earlier === undefined ? 1 : 0);
      return routes <= maxRoutes && now.bytes - (earlier ?? 0) + bytes <= maxBytes;
    },
    replaced(route, bytes) {
      sizes.set(route, bytes);
    },
    restored(route) {
      if (route === undefined) sizes.clear();
      else sizes.delete(route);
    },
    totals,
  };
}
