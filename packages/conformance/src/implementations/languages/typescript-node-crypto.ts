/**
 * The TypeScript snippet (`node:crypto` `createHmac`) on each runtime that runs TypeScript
 * files as users run them: Node.js through tsx, Deno (`deno run`, no permissions) and Bun.
 * One runtime is one entry of {@link TS_RUNTIMES}.
 *
 * @module
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageNeeds } from '../../environments/declared-toolchains.js';
import { explicitEnv, UTF8_LOCALE } from '../../environments/process-env.js';
import { bun, deno, node, tsxLoader } from '../../environments/runtimes.js';
import type { Column } from '../../model.js';
import { missing, type Prepared } from '../column-kit.js';
import { materialize, OUTSIDE_CACHE_ROOT } from '../program-cache.js';
import { localeEnvironment, type SnippetProgram, snippetColumn } from '../snippet-program.js';
import type { SnippetLaunch } from '../snippet-session.js';
import type { LanguageModule } from './language.js';

const LOCALE = UTF8_LOCALE;

/** A runtime of TypeScript files: its environment and how it runs `file` from `dir`. */
interface TsRuntime {
  id: string;
  label: string;
  launch(file: string, dir: string): Promise<Prepared<SnippetLaunch>>;
}

const TS_RUNTIMES: readonly TsRuntime[] = [
  {
    id: 'node-tsx',
    label: 'Node.js via tsx',
    async launch(file, dir) {
      const found = await node();
      if (!found.available) return missing(found);
      const tsx = await tsxLoader();
      if (!tsx.available) return missing(tsx);
      return {
        available: true,
        runtimeVersion: `node ${found.version}, tsx ${tsx.version}`,
        label: `Node.js ${found.version} via tsx ${tsx.version}, ${LOCALE.label}`,
        ready: {
          spec: {
            command: found.path,
            args: ['--import', pathToFileURL(tsx.loader).href, file],
            cwd: dir,
            env: explicitEnv([dirname(found.path)], LOCALE),
          },
        },
      };
    },
  },
  {
    id: 'deno',
    label: 'Deno (deno run, no permissions)',
    async launch(file, dir) {
      const found = await deno();
      if (!found.available) return missing(found);
      return {
        available: true,
        runtimeVersion: `deno ${found.version}`,
        label: `Deno ${found.version} (deno run, no permissions), ${LOCALE.label}`,
        ready: {
          spec: {
            command: found.path,
            args: ['run', file],
            cwd: dir,
            // DENO_NO_UPDATE_CHECK: no network call from a test run; it changes nothing else.
            env: explicitEnv([dirname(found.path)], LOCALE, { DENO_NO_UPDATE_CHECK: '1' }),
          },
          options: { startTimeoutMs: 60_000 },
        },
      };
    },
  },
  {
    id: 'bun',
    label: 'Bun',
    async launch(file, dir) {
      const found = await bun();
      if (!found.available) return missing(found);
      return {
        available: true,
        runtimeVersion: `bun ${found.version}`,
        label: `Bun ${found.version}, ${LOCALE.label}`,
        ready: {
          spec: {
            command: found.path,
            args: [file],
            cwd: dir,
            env: explicitEnv([dirname(found.path)], LOCALE),
          },
          options: { startTimeoutMs: 60_000 },
        },
      };
    },
  },
];

function typescriptColumn(program: SnippetProgram, runtime: TsRuntime): Column {
  const environment = localeEnvironment(runtime.id, runtime.label, LOCALE);
  return snippetColumn(program, environment, async () => {
    const rendered = program.render();
    // The same file for all three runtimes, outside node_modules (see OUTSIDE_CACHE_ROOT).
    const { dir } = await materialize(
      program.implementation.id,
      [],
      { [rendered.fileName]: rendered.source },
      undefined,
      OUTSIDE_CACHE_ROOT,
    );
    return runtime.launch(join(dir, rendered.fileName), dir);
  });
}

/**
 * The typescript-node-crypto language module: the TypeScript snippet on Node.js (tsx), Deno and Bun.
 *
 * @example
 * ```ts
 * TYPESCRIPT_NODE_CRYPTO.columns(documentedProgram('typescript-node-crypto'), {}); // typescript-node-crypto/node-tsx, …/deno, …/bun
 * ```
 */
export const TYPESCRIPT_NODE_CRYPTO: LanguageModule = {
  snippet: 'typescript-node-crypto',
  get toolchains() {
    return languageNeeds('typescript-node-crypto');
  },
  columns: (program) => TS_RUNTIMES.map((runtime) => typescriptColumn(program, runtime)),
};
