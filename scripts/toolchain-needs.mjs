#!/usr/bin/env node
// Prints what the conformance columns need installed, as the language modules declare it
// (packages/conformance/src/implementations/languages/*.ts): one line per need,
// `<debian package>\t<command|file>\t<command name or file path>`. scripts/setup-toolchains
// reads it, so a new language's toolchain is installed by declaring it in its module alone.
// Runs on the TypeScript sources through tsx (the build comes after the toolchains).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const conformance = new URL('../packages/conformance/', import.meta.url);
// tsx as the conformance package depends on it; its ESM entry (the CommonJS one registers
// hooks by a path that pnpm's layout breaks).
const tsxDir = dirname(
  createRequire(new URL('package.json', conformance)).resolve('tsx/package.json'),
);
const { tsImport } = await import(pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href);
const { LANGUAGES } = await tsImport(
  new URL('src/implementations/languages/index.ts', conformance).href,
  import.meta.url,
);
const lines = new Set();
for (const language of Object.values(LANGUAGES)) {
  for (const need of language.toolchains) {
    lines.add(
      'command' in need
        ? `${need.debian}\tcommand\t${need.command}`
        : `${need.debian}\tfile\t${need.file}`,
    );
  }
}
process.stdout.write([...lines].map((line) => `${line}\n`).join(''));
