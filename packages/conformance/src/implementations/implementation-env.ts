/**
 * The environment an outside implementation (`--impl`) gets: a small documented set of
 * the runner's variables, plus those named with `--pass-env`. A release gate runs code it
 * does not trust, in CI jobs that hold deploy keys and API secrets; an implementation that
 * prints its environment on a crash would otherwise put them into the uploaded reports.
 *
 * @module
 */

/**
 * Variables passed by default: what finding programs, a home, a temporary directory and
 * the locale need. Windows needs its system variables to start any process at all.
 */
export const DEFAULT_PASSED_VARIABLES: readonly string[] = [
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'SYSTEMROOT',
  'COMSPEC',
  'PATHEXT',
  'TEMP',
  'TMP',
];

/**
 * The environment of an outside implementation: each of {@link DEFAULT_PASSED_VARIABLES}
 * and `passThrough` that `parent` sets, and nothing else.
 *
 * @example
 * ```ts
 * implementationEnv(process.env, ['JAVA_HOME']); // { PATH: '…', HOME: '…', JAVA_HOME: '…' }
 * ```
 */
export function implementationEnv(
  parent: NodeJS.ProcessEnv,
  passThrough: readonly string[] = [],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...DEFAULT_PASSED_VARIABLES, ...passThrough]) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
