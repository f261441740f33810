#!/usr/bin/env node
// `npm run conformance [-- args]`: bootstrap, then the pnm-conformance CLI with the args.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap } from './bootstrap.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
bootstrap();
const cli = join(root, 'packages', 'conformance', 'dist', 'cli', 'bin.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
