/**
 * The Java snippet (`javax.crypto.Mac` + `DatatypeConverter`) on every JDK under
 * /usr/lib/jvm (and JDK 17 always, reported missing when it is), each under UTF-8, the C
 * locale and no locale with jaxb-api on the classpath, and once without jaxb-api, as a
 * JDK 11+ user who copies the page gets it.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { languageNeeds } from '../../environments/declared-toolchains.js';
import {
  BASELINE_JDK_MAJOR,
  JAXB_INSTALL,
  JDK_INSTALL,
  type Jdk,
  jaxbApiJar,
  jaxbApiVersion,
  scanJdks,
} from '../../environments/jdks.js';
import {
  C_LOCALE,
  explicitEnv,
  type LocaleSetting,
  NO_LOCALE,
  UTF8_LOCALE,
} from '../../environments/process-env.js';
import { runCommand } from '../../environments/toolchains.js';
import type { Column } from '../../model.js';
import { materialize } from '../program-cache.js';
import {
  BUILD_TIMEOUT_MS,
  localeEnvironment,
  type SnippetProgram,
  snippetColumn,
} from '../snippet-program.js';
import type { LanguageModule } from './language.js';

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
  program: SnippetProgram,
  jdk: Jdk | undefined,
  major: number,
  locale: LocaleSetting,
  withJaxb: boolean,
): Column {
  const jdkId = jdk?.id ?? `jdk${major}`;
  const envId = withJaxb ? `${jdkId}-${locale.id}` : `${jdkId}-no-jaxb`;
  const what = withJaxb ? 'jaxb-api on the classpath' : 'without jaxb-api';
  const label = `${jdk?.label ?? `JDK ${major}`}, ${what}, ${locale.label}`;
  return snippetColumn(program, localeEnvironment(envId, label, locale), async () => {
    if (!jdk) {
      return {
        available: false,
        reason: `no JDK ${major} under /usr/lib/jvm`,
        install: JDK_INSTALL,
      };
    }
    const jar = withJaxb ? jaxbApiJar() : undefined;
    if (withJaxb && !jar) {
      return { available: false, reason: 'jaxb-api.jar is not installed', install: JAXB_INSTALL };
    }
    const classpath = jar ? [jar] : [];
    const runtimeVersion = jar ? `${jdk.version}, jaxb-api ${jaxbApiVersion(jar)}` : jdk.version;
    const probedLabel = `${jdk.label}, ${jar ? `jaxb-api ${jaxbApiVersion(jar)} on the classpath` : 'without jaxb-api'}, ${locale.label}`;
    const rendered = program.render();
    // The source is ASCII, so javac's platform encoding cannot change what it compiles.
    const compileEnv = explicitEnv([join(jdk.home, 'bin')], UTF8_LOCALE);
    const built = await materialize(
      program.implementation.id,
      [jdk.home, jdk.version, ...classpath],
      { [rendered.fileName]: rendered.source },
      async (dir) => {
        const args = ['-d', 'classes', ...(jar ? ['-cp', jar] : []), rendered.fileName];
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
        available: true,
        runtimeVersion,
        label: probedLabel,
        broken: `does not compile: ${built.buildError}`,
      };
    }
    return {
      available: true,
      runtimeVersion,
      label: probedLabel,
      ready: {
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

function javaColumns(program: SnippetProgram, jvmRoot: string | undefined): Column[] {
  const jdks = scanJdks(jvmRoot);
  const majors = [...new Set([BASELINE_JDK_MAJOR, ...jdks.map((jdk) => jdk.major)])].sort(
    (a, b) => a - b,
  );
  const columns: Column[] = [];
  for (const major of majors) {
    const found = jdks.filter((jdk) => jdk.major === major);
    for (const jdk of found.length > 0 ? found : [undefined]) {
      for (const locale of [UTF8_LOCALE, C_LOCALE, NO_LOCALE]) {
        columns.push(javaColumn(program, jdk, major, locale, true));
      }
      columns.push(javaColumn(program, jdk, major, UTF8_LOCALE, false));
    }
  }
  return columns;
}

/**
 * The java language module: the Java snippet on every JDK found, × locale × jaxb-api.
 *
 * @example
 * ```ts
 * JAVA.columns(documentedProgram('java'), {}); // java/jdk17-utf8, java/jdk17-c, java/jdk17-no-locale, java/jdk17-no-jaxb, …
 * ```
 */
export const JAVA: LanguageModule = {
  snippet: 'java',
  // JDKs are found, never installed: which ones a user has is the point of the columns.
  get toolchains() {
    return languageNeeds('java');
  },
  columns: (program, options) => javaColumns(program, options.jvmRoot),
};
