#!/usr/bin/env node
// Only calls main(): no "am I the main module?" check, which fails behind node_modules/.bin symlinks.
import { main } from '../dist/cli/main.js';

main().then(() => {
  // A webhook delivery still out when the stop's wait ended (a receiver that never answers)
  // would keep the stopped process alive. Unref'd: it fires only if something still does.
  const timer = setTimeout(() => process.exit(), 1000);
  timer.unref?.();
});
