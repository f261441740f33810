#!/usr/bin/env node
// Copies the repository's top-level vectors/ (the files, their schema, README and the
// Wycheproof licence) into this package's vectors/, which the published package ships:
// an installed loader must find its vectors without the repository around it.
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../../vectors/', import.meta.url));
const target = fileURLToPath(new URL('../vectors/', import.meta.url));
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
