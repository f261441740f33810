/** Fails under CI=true, skips with the reason otherwise, when `missing` names a missing subject. */
export function requireSubject(
  context: { skip(note?: string): never },
  missing: string | undefined,
): void;
