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

// A reader that stops early (`pnm-conformance --list | head`) closes stdout: the rest of the
// output has nobody to read it, but the run, its reports and its exit code still matter, so
// the write errors that follow are let go instead of crashing with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

process.exitCode = await main(process.argv.slice(2));
