#!/usr/bin/env node
// Only calls main(): no "am I the main module?" check, which fails behind node_modules/.bin symlinks.
import { main } from '../dist/cli/main.js';

main();
