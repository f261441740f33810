/**
 * Packs every public package and installs the tarballs with npm into a fresh directory
 * outside the workspace, once for the whole suite: the directory a user's project would be.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { npmInstall, packAll } from '../../../scripts/install-packages.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The user's project: `node_modules/` with the installed tarballs, nothing else. */
    installDir: string;
    /** Its `node_modules/.bin`. */
    binDir: string;
  }
}

const PNPM = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '.cache',
  'pnpm',
  'node_modules',
  '.bin',
  'pnpm',
);

export default function setup(project: TestProject) {
  // realpath: on some machines tmpdir() is itself a symlink, and the tests compare paths.
  const installDir = realpathSync(mkdtempSync(join(tmpdir(), 'pnm-installed-')));
  const tarballs = packAll(join(installDir, 'tarballs'), PNPM);
  const binDir = npmInstall(installDir, tarballs);
  project.provide('installDir', installDir);
  project.provide('binDir', binDir);
  return () => rmSync(installDir, { recursive: true, force: true });
}
