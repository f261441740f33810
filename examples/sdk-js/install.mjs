#!/usr/bin/env node
/**
 * Installs the real plugnmeet-sdk-js from npm into a cache directory outside git (never
 * vendored): `<repo>/.cache/examples/sdk-js`, or $PNM_SDK_JS_DIR.
 *
 *   node examples/sdk-js/install.mjs
 *
 * `--ignore-scripts` because the package's own `preinstall` runs `npx only-allow pnpm`,
 * which fails under npm; the package has no dependencies and nothing to build.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { SDK_PACKAGE, SDK_VERSION, sdkDirectory } from './sdk-location.mjs';

const directory = sdkDirectory();
mkdirSync(directory, { recursive: true });
writeFileSync(`${directory}/package.json`, '{"private":true}\n');
execFileSync(
  'npm',
  [
    'install',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--prefix',
    directory,
    `${SDK_PACKAGE}@${SDK_VERSION}`,
  ],
  { stdio: 'inherit' },
);
console.log(`${SDK_PACKAGE}@${SDK_VERSION} installed in ${directory}`);
