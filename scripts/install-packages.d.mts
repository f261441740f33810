/** Types of install-packages.mjs, for the tests that import it. */
export interface PublicPackage {
  path: string;
  name: string;
  version: string;
}
/** The workspace packages a registry would serve: every package not marked private. */
export function publicPackages(): PublicPackage[];
/** Packs every public package with `pnpm` into `outDir`; returns the tarballs' paths. */
export function packAll(outDir: string, pnpm: string): string[];
/** `npm install` of `specs` into a fresh `prefix`; returns its `node_modules/.bin`. */
export function npmInstall(prefix: string, specs: readonly string[]): string;
