/**
 * Every documented snippet in every environment its users plausibly have, as matrix columns
 * (`<snippet-id>/<environment-id>`). Each column runs with a complete, explicit environment.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { columnKey } from '../column-key.js';
import {
  BASELINE_JDK_MAJOR,
  JAXB_INSTALL,
  JDK_INSTALL,
  type Jdk,
  jaxbApiJar,
  jaxbApiVersion,
  scanJdks,
} from '../environments/jdks.js';
import {
  C_LOCALE,
  cleanHome,
  explicitEnv,
  type LocaleSetting,
  NO_LOCALE,
  UTF8_LOCALE,
} from '../environments/process-env.js';
import * as runtimes from '../environments/runtimes.js';
import {
  pipelineTools,
  probeShell,
  SHELLS,
  type ShellEnvironment,
} from '../environments/shells.js';
import { type Found, findExecutable, memoize, runCommand } from '../environments/toolchains.js';
import type {
  Availability,
  Column,
  EnvironmentInfo,
  ExecutionMode,
  ImplementationInfo,
  Session,
} from '../model.js';
import { SNIPPETS, type SnippetId, snippetInfo } from '../snippets/catalog.js';
import { type RenderedProgram, renderWorker } from '../snippets/render.js';
import { materialize, OUTSIDE_CACHE_ROOT } from './program-cache.js';
import { FixedBrokenSession, openSnippetSession, type SnippetLaunch } from './snippet-session.js';
import { shellSignPrecheck } from './wire/shell-end-to-end.js';
import { type ShellEndToEnd, shellEndToEnd, WHOLE_SHELL_SNIPPETS } from './wire/shell-wire.js';

/** What preparing a column came to. */
type Prepared =
  | { state: 'ready'; runtimeVersion: string; launch: SnippetLaunch; label?: string }
  /** The toolchain is here but the snippet cannot run on it (it does not compile). */
  | { state: 'broken'; runtimeVersion: string; message: string; label?: string }
  | { state: 'unavailable'; reason: string; install: string };

const MODES: readonly ExecutionMode[] = ['worker', 'per-case'];

/** Compiling on a busy 2-core machine while other columns start can take a while. */
const BUILD_TIMEOUT_MS = 180_000;

function unavailable(found: { reason: string; install: string }): Prepared {
  return { state: 'unavailable', reason: found.reason, install: found.install };
}

/**
 * What a column runs: a documented snippet or a correction of one. `of` picks the
 * environments (those of the documented snippet); the program is rendered from the source.
 */
export interface SnippetProgram {
  /** The documented snippet whose environments the columns run in. */
  of: SnippetId;
  implementation: ImplementationInfo;
  /** The worker program, with the template's extra placeholders filled from `vars`. */
  render(vars?: Record<string, string>): RenderedProgram;
}

/** A documented snippet, as published. */
export function documentedProgram(id: SnippetId): SnippetProgram {
  const info = snippetInfo(id);
  return {
    of: id,
    implementation: {
      id,
      label: info.label,
      kind: 'snippet',
      origin: 'documented',
      checks: 'signature',
      language: info.language,
    },
    render: (vars) => renderWorker(id, vars),
  };
}

function snippetColumn(
  program: SnippetProgram,
  environment: EnvironmentInfo,
  prepareOnce: () => Promise<Prepared>,
): Column {
  const id = program.implementation.id;
  // The label starts as a description and, once probed, names the versions found.
  const prepare = memoize(async () => {
    const prepared = await prepareOnce().catch(
      (error: unknown): Prepared => ({
        state: 'broken',
        runtimeVersion: 'unknown',
        message: `could not be prepared: ${(error as Error).message}`,
      }),
    );
    if (prepared.state !== 'unavailable' && prepared.label) environment.label = prepared.label;
    return prepared;
  });
  return {
    id: columnKey({ implementation: id, environment: environment.id }),
    implementation: program.implementation,
    environment,
    capabilities: ['sign'],
    modes: MODES,
    async probe(): Promise<Availability> {
      const prepared = await prepare();
      return prepared.state === 'unavailable'
        ? { available: false, reason: prepared.reason, install: prepared.install }
        : { available: true, runtimeVersion: prepared.runtimeVersion };
    },
    async open(mode: ExecutionMode): Promise<Session> {
      const prepared = await prepare();
      if (prepared.state === 'unavailable') {
        throw new Error(`${id}/${environment.id} is unavailable: ${prepared.reason}`);
      }
      if (prepared.state === 'broken') return new FixedBrokenSession(prepared.message);
      return openSnippetSession(prepared.launch, mode);
    },
  };
}

function environment(id: string, label: string, locale: LocaleSetting): EnvironmentInfo {
  return { id, label, variables: { ...locale.variables } };
}

/** Keeps a version string safe to splice into JSON and shell text. */
function plain(text: string): string {
  return text.replace(/[^\w .:+~/()-]/g, '');
}

// ---------------------------------------------------------------- shell

/**
 * In per-case mode a fresh shell runs the same worker script for one case: the cost a user
 * pays running the snippet as a script, once per request.
 */
function shellColumn(source: SnippetProgram, shell: ShellEnvironment): Column {
  const signing = shellWorkerColumn(source, shell);
  // Where the same snippet also runs end to end (the UTF-8 shells), that run signs too.
  const whole = WHOLE_SHELL_SNIPPETS.find((s) => s.signingId === source.implementation.id);
  if (!whole || shell.locale !== undefined) return signing;
  return informedByEndToEnd(signing, shellEndToEnd(shell, whole), `${whole.id}/${shell.id}`);
}

/**
 * A signing column answered by the end-to-end runs of its snippet, which its wire twin
 * shares: each case runs once for both. Where those runs cannot happen here (no curl, no
 * test server), it falls back to its own worker, so the column stays what it was.
 */
function informedByEndToEnd(signing: Column, runs: ShellEndToEnd, twin: string): Column {
  return {
    ...signing,
    // Each case is one run of the whole script, a fresh shell as a user runs it.
    modes: ['per-case'],
    runGroup: `shell-end-to-end:${twin}`,
    async open(mode: ExecutionMode): Promise<Session> {
      const ready = await runs.prepare();
      return ready.found ? runs.open('sign') : signing.open(mode);
    },
  };
}

/**
 * The signing column of a shell program answered by its own worker (the snippet's signing
 * statements in a long-lived shell), whatever the wire twin: the C-locale shells' columns,
 * and the fallback of the others.
 *
 * @example
 * ```ts
 * const column = shellWorkerColumn(documentedProgram('shell'), bash);
 * ```
 */
export function shellWorkerColumn(source: SnippetProgram, shell: ShellEnvironment): Column {
  const locale = shell.locale === 'c' ? C_LOCALE : UTF8_LOCALE;
  const label = `${shell.id}${shell.note ? ` (${shell.note})` : ''}`;
  const id = source.implementation.id;
  return snippetColumn(source, environment(shell.id, label, locale), async () => {
    const found = await probeShell(shell);
    if (!found.found) return unavailable(found);
    const tools = await pipelineTools();
    if (!tools.found) return unavailable(tools);
    const program = source.render();
    const { dir } = await materialize(id, [], { [program.fileName]: program.source });
    const version = `${found.version}, ${tools.openssl}`;
    return {
      state: 'ready',
      runtimeVersion: version,
      label: `${found.version}${shell.note ? ` (${shell.note})` : ''}, ${tools.openssl}, ${locale.label}`,
      launch: {
        spec: {
          command: found.path,
          args: [...shell.args, join(dir, program.fileName), id, plain(version)],
          cwd: dir,
          env: { ...explicitEnv([dirname(found.path)], locale), HOME: cleanHome() },
        },
        precheck: shellSignPrecheck,
        options: { fileTransport: true },
      },
    };
  });
}

// ---------------------------------------------------------------- interpreted languages

type RuntimeProbe = () => Promise<Found<runtimes.Runtime>>;

function interpretedColumn(
  source: SnippetProgram,
  probe: RuntimeProbe,
  runtimeName: string,
  locale: LocaleSetting,
): Column {
  const id = source.implementation.id;
  return snippetColumn(
    source,
    environment(locale.id, `${runtimeName}, ${locale.label}`, locale),
    async () => {
      const found = await probe();
      if (!found.found) return unavailable(found);
      const program = source.render();
      const { dir } = await materialize(id, [], { [program.fileName]: program.source });
      return {
        state: 'ready',
        runtimeVersion: `${runtimeName} ${found.version}`,
        label: `${runtimeName} ${found.version}, ${locale.label}`,
        launch: {
          spec: {
            command: found.path,
            args: [join(dir, program.fileName)],
            cwd: dir,
            env: explicitEnv([dirname(found.path)], locale),
          },
        },
      };
    },
  );
}

// ---------------------------------------------------------------- JavaScript and TypeScript

function cryptoJsColumn(source: SnippetProgram): Column {
  const locale = UTF8_LOCALE;
  return snippetColumn(
    source,
    environment('node', 'Node.js with crypto-js (the package dependency)', locale),
    async () => {
      const found = await runtimes.node();
      if (!found.found) return unavailable(found);
      const library = await runtimes.cryptoJs();
      if (!library.found) return unavailable(library);
      const program = source.render({
        CRYPTOJS_PATH: JSON.stringify(library.dir),
        CRYPTOJS_PACKAGE_JSON: JSON.stringify(join(library.dir, 'package.json')),
      });
      const { dir } = await materialize(source.implementation.id, [], {
        [program.fileName]: program.source,
      });
      return {
        state: 'ready',
        runtimeVersion: `node ${found.version}, crypto-js ${library.version}`,
        label: `Node.js ${found.version} with crypto-js ${library.version}, ${locale.label}`,
        launch: {
          spec: {
            command: found.path,
            args: [join(dir, program.fileName)],
            cwd: dir,
            env: explicitEnv([dirname(found.path)], locale),
          },
        },
      };
    },
  );
}

type TsRuntime = 'node-tsx' | 'deno' | 'bun';

function typescriptColumn(source: SnippetProgram, runtime: TsRuntime): Column {
  const locale = UTF8_LOCALE;
  const labels: Record<TsRuntime, string> = {
    'node-tsx': 'Node.js via tsx',
    deno: 'Deno (deno run, no permissions)',
    bun: 'Bun',
  };
  return snippetColumn(source, environment(runtime, labels[runtime], locale), async () => {
    const program = source.render();
    // The same file for all three runtimes, outside node_modules (see OUTSIDE_CACHE_ROOT).
    const { dir } = await materialize(
      source.implementation.id,
      [],
      { [program.fileName]: program.source },
      undefined,
      OUTSIDE_CACHE_ROOT,
    );
    const file = join(dir, program.fileName);
    if (runtime === 'node-tsx') {
      const found = await runtimes.node();
      if (!found.found) return unavailable(found);
      const tsx = await runtimes.tsxLoader();
      if (!tsx.found) return unavailable(tsx);
      return {
        state: 'ready',
        runtimeVersion: `node ${found.version}, tsx ${tsx.version}`,
        label: `Node.js ${found.version} via tsx ${tsx.version}, ${locale.label}`,
        launch: {
          spec: {
            command: found.path,
            args: ['--import', pathToFileURL(tsx.loader).href, file],
            cwd: dir,
            env: explicitEnv([dirname(found.path)], locale),
          },
        },
      };
    }
    const found = await (runtime === 'deno' ? runtimes.deno() : runtimes.bun());
    if (!found.found) return unavailable(found);
    // DENO_NO_UPDATE_CHECK: no network call from a test run; it changes nothing else.
    const extra: Record<string, string> = runtime === 'deno' ? { DENO_NO_UPDATE_CHECK: '1' } : {};
    return {
      state: 'ready',
      runtimeVersion: `${runtime} ${found.version}`,
      label: `${runtime === 'deno' ? 'Deno' : 'Bun'} ${found.version}${runtime === 'deno' ? ' (deno run, no permissions)' : ''}, ${locale.label}`,
      launch: {
        spec: {
          command: found.path,
          args: runtime === 'deno' ? ['run', file] : [file],
          cwd: dir,
          env: explicitEnv([dirname(found.path)], locale, extra),
        },
        options: { startTimeoutMs: 60_000 },
      },
    };
  });
}

// ---------------------------------------------------------------- Go

function goColumn(source: SnippetProgram): Column {
  const locale = UTF8_LOCALE;
  return snippetColumn(source, environment('go', 'Go toolchain on PATH', locale), async () => {
    const found = await runtimes.go();
    if (!found.found) return unavailable(found);
    const program = source.render();
    const buildEnv = explicitEnv([dirname(found.path)], locale, { GOTOOLCHAIN: 'local' });
    const built = await materialize(
      source.implementation.id,
      [found.path, found.version],
      { [program.fileName]: program.source },
      async (dir) => {
        const result = await runCommand(found.path, ['build', '-o', 'worker', program.fileName], {
          env: buildEnv,
          cwd: dir,
          timeoutMs: BUILD_TIMEOUT_MS,
        });
        if (result.interrupted) throw new Error(`go build was interrupted: ${result.output}`);
        if (result.exitCode === 0 && findExecutable(join(dir, 'worker'))) return undefined;
        return result.output.trim() || `go build exited with ${String(result.exitCode)}`;
      },
    );
    if (built.buildError !== undefined) {
      return {
        state: 'broken',
        runtimeVersion: found.version,
        message: `does not compile: ${built.buildError}`,
        label: `Go ${found.version.replace(/^go/, '')}, ${locale.label}`,
      };
    }
    return {
      state: 'ready',
      runtimeVersion: found.version,
      label: `Go ${found.version.replace(/^go/, '')}, ${locale.label}`,
      launch: {
        spec: {
          command: join(built.dir, 'worker'),
          args: [],
          cwd: built.dir,
          env: explicitEnv([], locale),
        },
      },
    };
  });
}

// ---------------------------------------------------------------- Java

/** The first compiler errors, enough to say why (javac's own words). */
function javacErrors(output: string): string {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const errors = lines
    .filter((line) => /error:/.test(line))
    .map((line) => line.replace(/^.*?\.java:\d+: /, ''));
  const unique = [...new Set(errors)];
  return (unique.length > 0 ? unique.join('; ') : lines.slice(0, 5).join('\n')).slice(0, 1000);
}

function javaColumn(
  source: SnippetProgram,
  jdk: Jdk | undefined,
  major: number,
  locale: LocaleSetting,
  withJaxb: boolean,
): Column {
  const jdkId = jdk?.id ?? `jdk${major}`;
  const envId = withJaxb ? `${jdkId}-${locale.id}` : `${jdkId}-no-jaxb`;
  const what = withJaxb ? 'jaxb-api on the classpath' : 'without jaxb-api';
  const label = `${jdk?.label ?? `JDK ${major}`}, ${what}, ${locale.label}`;
  return snippetColumn(source, environment(envId, label, locale), async () => {
    if (!jdk) {
      return {
        state: 'unavailable',
        reason: `no JDK ${major} under /usr/lib/jvm`,
        install: JDK_INSTALL,
      };
    }
    const jar = withJaxb ? jaxbApiJar() : undefined;
    if (withJaxb && !jar) {
      return {
        state: 'unavailable',
        reason: 'jaxb-api.jar is not installed',
        install: JAXB_INSTALL,
      };
    }
    const classpath = jar ? [jar] : [];
    const version = jar ? `${jdk.version}, jaxb-api ${jaxbApiVersion(jar)}` : jdk.version;
    const probedLabel = `${jdk.label}, ${jar ? `jaxb-api ${jaxbApiVersion(jar)} on the classpath` : 'without jaxb-api'}, ${locale.label}`;
    const program = source.render();
    // The source is ASCII, so javac's platform encoding cannot change what it compiles.
    const compileEnv = explicitEnv([join(jdk.home, 'bin')], UTF8_LOCALE);
    const built = await materialize(
      source.implementation.id,
      [jdk.home, jdk.version, ...classpath],
      { [program.fileName]: program.source },
      async (dir) => {
        const args = ['-d', 'classes', ...(jar ? ['-cp', jar] : []), program.fileName];
        const result = await runCommand(join(jdk.home, 'bin/javac'), args, {
          env: compileEnv,
          cwd: dir,
          timeoutMs: BUILD_TIMEOUT_MS,
        });
        if (result.interrupted) throw new Error(`javac was interrupted: ${result.output}`);
        if (result.exitCode === 0 && existsSync(join(dir, 'classes/PnmWorker.class')))
          return undefined;
        return javacErrors(result.output) || `javac exited with ${String(result.exitCode)}`;
      },
    );
    if (built.buildError !== undefined) {
      // A JDK that cannot compile the snippet is a finding about the page (it never says
      // jaxb-api is needed), not a missing toolchain: the column stays available and every
      // case is answered `broken` with javac's words. `unavailable` would hide it and make
      // --require-all demand an install that would not help.
      return {
        state: 'broken',
        runtimeVersion: version,
        message: `does not compile: ${built.buildError}`,
        label: probedLabel,
      };
    }
    return {
      state: 'ready',
      runtimeVersion: version,
      label: probedLabel,
      launch: {
        spec: {
          command: join(jdk.home, 'bin/java'),
          args: ['-cp', [join(built.dir, 'classes'), ...classpath].join(':'), 'PnmWorker'],
          cwd: built.dir,
          env: explicitEnv([join(jdk.home, 'bin')], locale),
        },
      },
    };
  });
}

function javaColumns(source: SnippetProgram, jvmRoot: string | undefined): Column[] {
  const jdks = scanJdks(jvmRoot);
  const majors = [...new Set([BASELINE_JDK_MAJOR, ...jdks.map((jdk) => jdk.major)])].sort(
    (a, b) => a - b,
  );
  const columns: Column[] = [];
  for (const major of majors) {
    const found = jdks.filter((jdk) => jdk.major === major);
    for (const jdk of found.length > 0 ? found : [undefined]) {
      for (const locale of [UTF8_LOCALE, C_LOCALE, NO_LOCALE]) {
        columns.push(javaColumn(source, jdk, major, locale, true));
      }
      columns.push(javaColumn(source, jdk, major, UTF8_LOCALE, false));
    }
  }
  return columns;
}

// ---------------------------------------------------------------- all

/**
 * Every snippet × environment column. Cheap: toolchains are probed (and programs compiled)
 * only when a column's `probe()` or `open()` is called.
 */
export interface SnippetColumnOptions {
  /** Where to look for JDKs (default /usr/lib/jvm). */
  jvmRoot?: string;
}

/** Every environment column of one program: those its documented snippet runs in. */
export function programColumns(
  source: SnippetProgram,
  options: SnippetColumnOptions = {},
): Column[] {
  switch (source.of) {
    case 'shell':
      return SHELLS.map((shell) => shellColumn(source, shell));
    case 'php':
      return [UTF8_LOCALE, C_LOCALE].map((locale) =>
        interpretedColumn(source, runtimes.php, 'PHP', locale),
      );
    case 'nodejs-cryptojs':
      return [cryptoJsColumn(source)];
    case 'typescript-node-crypto':
      return (['node-tsx', 'deno', 'bun'] as const).map((runtime) =>
        typescriptColumn(source, runtime),
      );
    case 'go':
      return [goColumn(source)];
    case 'python':
      return [UTF8_LOCALE, C_LOCALE].map((locale) =>
        interpretedColumn(source, runtimes.python, 'Python', locale),
      );
    case 'java':
      return javaColumns(source, options.jvmRoot);
    case 'ruby':
      return [UTF8_LOCALE, C_LOCALE].map((locale) =>
        interpretedColumn(source, runtimes.ruby, 'Ruby', locale),
      );
  }
}

/** Every documented snippet in every environment, in catalog order. */
export function snippetColumns(options: SnippetColumnOptions = {}): Column[] {
  return SNIPPETS.flatMap((snippet) => programColumns(documentedProgram(snippet.id), options));
}
