#!/usr/bin/env node
/**
 * Installs the real plugnmeet-sdk-js from npm into a cache directory outside git (never
 * vendored): `<repo>/.cache/examples/sdk-js`, or $PNM_SDK_JS_DIR; and beside it
 * lossless-json, which the adapter reads the runner's messages with.
 *
 *   node examples/sdk-js/install.mjs
 *
 * `--ignore-scripts` because the package's own `preinstall` runs `npx only-allow pnpm`,
 * which fails under npm; neither package has dependencies or anything to build.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { PACKAGES, sdkDirectory } from './sdk-location.mjs';

const directory = sdkDirectory();
mkdirSync(directory, { recursive: true });
writeFileSync(`${directory}/package.json`, '{"private":true}\n');
execFileSync(
  'npm',
  ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', directory, ...PACKAGES],
  { stdio: 'inherit' },
);
console.log(`${PACKAGES.join(', ')} installed in ${directory}`);
