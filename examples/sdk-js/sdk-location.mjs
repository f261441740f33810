/**
 * Where install.mjs puts the SDK and where the adapter loads it from: one place, so the
 * two cannot disagree.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SDK_PACKAGE = 'plugnmeet-sdk-js';
export const SDK_VERSION = '1.4.1';

/** `$PNM_SDK_JS_DIR`, else `<repo>/.cache/examples/sdk-js` (git ignores `.cache/`). */
export function sdkDirectory() {
  return (
    process.env.PNM_SDK_JS_DIR ||
    fileURLToPath(new URL('../../.cache/examples/sdk-js', import.meta.url))
  );
}

/**
 * Imports the installed SDK's ESM build by file URL (the same file under Node, Deno and
 * Bun) and reads its installed version.
 */
export async function loadSdk() {
  const root = `${sdkDirectory()}/node_modules/${SDK_PACKAGE}`;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  } catch {
    throw new Error(
      `${SDK_PACKAGE} is not installed in ${root}: run node examples/sdk-js/install.mjs`,
    );
  }
  const { PlugNmeet } = await import(pathToFileURL(`${root}/${manifest.module}`).href);
  return { PlugNmeet, version: manifest.version };
}
