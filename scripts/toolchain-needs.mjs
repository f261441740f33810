#!/usr/bin/env node
// Prints what must be installed, from packages/conformance/toolchains.json: one line per
// need, `<debian package>\t<command|file|package>\t<command name, file path or package>`.
// scripts/setup-toolchains reads it. Plain Node and plain JSON on purpose: on a fresh clone
// this runs before the dependencies are installed and before anything is built, so it may
// import nothing but Node itself (the package's schema check of the same file runs in its
// tests, `packages/conformance/test/unit/toolchains.test.ts`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../packages/conformance/toolchains.json', import.meta.url));

function fail(pointer, message) {
  process.stderr.write(`[toolchain-needs] ${file}: ${pointer || '/'}: ${message}\n`);
  process.exit(2);
}

let declared;
try {
  declared = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail('', `cannot read it as JSON (${error.message})`);
}

function* needLists() {
  for (const section of ['languages', 'examples']) {
    const byId = declared?.[section];
    if (typeof byId !== 'object' || byId === null || Array.isArray(byId))
      fail(`/${section}`, 'expected an object of need lists');
    for (const [id, needs] of Object.entries(byId)) yield [`/${section}/${id}`, needs];
  }
  yield ['/suite', declared.suite];
}

const lines = new Set();
for (const [pointer, needs] of needLists()) {
  if (!Array.isArray(needs)) fail(pointer, 'expected an array of needs');
  needs.forEach((need, index) => {
    const at = `${pointer}/${index}`;
    if (typeof need?.debian !== 'string' || !/^[a-z0-9][a-z0-9+.-]+$/.test(need.debian))
      fail(`${at}/debian`, 'expected a Debian package name');
    if (need.command !== undefined && need.file !== undefined)
      fail(at, 'expected a command or a file, not both');
    for (const key of ['command', 'file'])
      if (need[key] !== undefined && (typeof need[key] !== 'string' || /[\t\n]/.test(need[key])))
        fail(`${at}/${key}`, 'expected a string without tabs or newlines');
    if (need.command !== undefined) lines.add(`${need.debian}\tcommand\t${need.command}`);
    else if (need.file !== undefined) lines.add(`${need.debian}\tfile\t${need.file}`);
    else lines.add(`${need.debian}\tpackage\t${need.debian}`);
  });
}
process.stdout.write([...lines].map((line) => `${line}\n`).join(''));
