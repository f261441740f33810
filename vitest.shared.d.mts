/** The settings every package's vitest config starts from. */
export const sharedTest: { setupFiles: string[] };
