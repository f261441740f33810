#!/usr/bin/env node
/**
 * The `pnm-conformance` executable. It only calls {@link main}: no "am I the main module"
 * check, which breaks when npm starts the bin through a `node_modules/.bin` symlink (the
 * check then compares the link's path with the module's and silently never runs, so a
 * release gate would pass every implementation without judging one).
 *
 * @module
 */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
