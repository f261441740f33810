/**
 * How the tests run the installed packages: as a user in their own project would, from
 * its directory, through the `node_modules/.bin` links, with nothing of the workspace on
 * PATH or in the environment.
 *
 * @module
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { inject } from 'vitest';

export const installDir = inject('installDir');
export const binDir = inject('binDir');

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** PATH and the rest of the environment, minus what pnpm and the workspace put there. */
export function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|PNPM_|PNM_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|VITEST|TURBO_)/.test(name)) continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('node_modules') && !dir.includes('.cache/pnpm'))
    .join(':');
  // The suite runs under CI=true in CI; the tests choose for themselves.
  delete env.CI;
  return env;
}

/**
 * Runs `name` from the installed `node_modules/.bin` (or, for `npx` and `npm`, from the
 * user's PATH), in the user's project, never throwing.
 */
export function bin(name: string, args: readonly string[]) {
  const command = name === 'npx' || name === 'npm' ? name : join(binDir, name);
  return execa(command, args, {
    cwd: installDir,
    env: userEnvironment(),
    extendEnv: false,
    reject: false,
    timeout: 240_000,
  });
}

/** Runs `node` on an inline ES module in the user's project (imports resolve from there). */
export function nodeScript(source: string) {
  return execa(process.execPath, ['--input-type=module', '-e', source], {
    cwd: installDir,
    env: userEnvironment(),
    extendEnv: false,
    reject: false,
    timeout: 60_000,
  });
}

/**
 * Copies a repository file into the user's project (as an SDK author copies the example)
 * and returns its name there.
 */
export function copyIntoProject(path: string, name: string): string {
  copyFileSync(repo(path), join(installDir, name));
  return name;
}

/**
 * The `listening` record a started `pnm-test-server` prints first, once it is printed.
 *
 * @throws Never; the promise rejects when the server exits before listening.
 * @example
 * ```ts
 * const { url } = await untilListening(bin('pnm-test-server', ['--port', '0', …]));
 * ```
 */
export function untilListening(server: ReturnType<typeof bin>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n')[0];
      if (output.includes('\n') && line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    server.then((r) => reject(new Error(`exited before listening: ${r.exitCode} ${r.stderr}`)));
  });
}

/**
 * The JSON records (`listening`, `request`, `stopped`, …) of a `pnm-test-server` stdout.
 *
 * @throws {SyntaxError} When a line that starts with `{` is not JSON.
 * @example
 * ```ts
 * logRecords((await server).stdout).map((r) => r.type); // ['listening', 'stopped']
 * ```
 */
export function logRecords(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
