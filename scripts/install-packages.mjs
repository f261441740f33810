#!/usr/bin/env node
// Installs the public packages the way their users do: with npm, into a directory that has
// never seen this repository (no workspace links, no devDependencies), so that what runs
// there is exactly what the registry would serve. Prints the `node_modules/.bin` directory.
//
//   node scripts/install-packages.mjs --prefix DIR              pack this checkout, install the tarballs
//   node scripts/install-packages.mjs --prefix DIR --version V  install pnm-conformance V from the registry
//
// The pack-and-install test and the composite action's checkout mode use the first form;
// the action's `version:` input the second. Packing needs the bootstrap (pnpm, a build).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { retryInstall } from './retry-install.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The workspace packages a registry would serve: every package not marked private. */
export function publicPackages() {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => ({
      path,
      manifest: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ path, manifest }) => ({ path, name: manifest.name, version: manifest.version }));
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status ?? result.signal}\n${result.stderr ?? ''}`,
    );
  }
  return result.stdout;
}

/** Packs every public package with pnpm (which rewrites `workspace:*` to versions). */
export function packAll(outDir, pnpm) {
  mkdirSync(outDir, { recursive: true });
  return publicPackages().map(({ path }) => {
    const output = run(pnpm, ['pack', '--pack-destination', outDir, '--json'], { cwd: path });
    const { filename } = JSON.parse(output);
    return resolve(outDir, filename);
  });
}

/** `npm install` of `specs` (tarball paths or registry specs) into a fresh `prefix`. */
export function npmInstall(prefix, specs) {
  mkdirSync(prefix, { recursive: true });
  // A manifest of its own keeps npm from walking up into whatever project encloses `prefix`.
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  // The tarballs are local, their dependencies come from the npm registry.
  retryInstall({ what: specs.map((spec) => basename(spec)).join(' '), registry: 'npm' }, () =>
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
      cwd: prefix,
    }),
  );
  return join(prefix, 'node_modules', '.bin');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { prefix: { type: 'string' }, version: { type: 'string' } },
  });
  if (!values.prefix) {
    process.stderr.write('usage: install-packages.mjs --prefix DIR [--version VERSION]\n');
    process.exit(2);
  }
  const prefix = resolve(values.prefix);
  let specs;
  if (values.version) {
    // What a user of the release gate installs; its dependencies come with it.
    specs = [`@plugnmeet-signing/conformance@${values.version}`];
  } else {
    const { pnpmBin } = await import('./bootstrap.mjs');
    specs = packAll(join(prefix, 'tarballs'), pnpmBin);
  }
  process.stdout.write(`${npmInstall(prefix, specs)}\n`);
}
