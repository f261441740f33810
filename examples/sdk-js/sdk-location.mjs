/**
 * Where install.mjs puts the SDK (and lossless-json, which the adapter reads the runner's
 * messages with) and where the adapter loads them from: one place, so the two cannot
 * disagree.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SDK_PACKAGE = 'plugnmeet-sdk-js';
export const SDK_VERSION = '1.4.1';
/** The version the workspace pins too (pnpm-workspace.yaml, `catalog`). */
export const LOSSLESS_JSON_VERSION = '4.3.3';

/** What install.mjs installs, `name@version` each. */
export const PACKAGES = [`${SDK_PACKAGE}@${SDK_VERSION}`, `lossless-json@${LOSSLESS_JSON_VERSION}`];

/** `$PNM_SDK_JS_DIR`, else `<repo>/.cache/examples/sdk-js` (git ignores `.cache/`). */
export function sdkDirectory() {
  return (
    process.env.PNM_SDK_JS_DIR ||
    fileURLToPath(new URL('../../.cache/examples/sdk-js', import.meta.url))
  );
}

/**
 * Imports an installed package's ESM build by file URL (the same file under Node, Deno and
 * Bun), with its manifest.
 */
async function importInstalled(name, entry) {
  const root = `${sdkDirectory()}/node_modules/${name}`;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  } catch {
    throw new Error(`${name} is not installed in ${root}: run node examples/sdk-js/install.mjs`);
  }
  return { module: await import(pathToFileURL(`${root}/${entry(manifest)}`).href), manifest };
}

/** The installed SDK and its version. */
export async function loadSdk() {
  const { module, manifest } = await importInstalled(SDK_PACKAGE, (m) => m.module);
  return { PlugNmeet: module.PlugNmeet, version: manifest.version };
}

/** The installed lossless-json's `parse`. */
export async function loadLosslessParse() {
  const { module } = await importInstalled('lossless-json', (m) => m.exports['.'].import);
  return module.parse;
}
