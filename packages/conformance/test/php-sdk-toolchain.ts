/**
 * What the PHP SDK's test needs and whether this machine has it: the PHP CLI, Composer and
 * the extensions the SDK and its dependencies require (Composer refuses to install without
 * them; zip is how Composer opens the artifact repository's archives).
 */
import { execFileSync } from 'node:child_process';

/** PHP extension → the Debian package that provides it. */
const EXTENSIONS: Record<string, string> = {
  curl: 'php-curl',
  zip: 'php-zip',
  bcmath: 'php-bcmath',
  mbstring: 'php-mbstring',
};

function runs(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/**
 * What is missing for the PHP SDK, with the Debian packages to install, or undefined when
 * everything is here.
 *
 * @example
 * ```ts
 * missingPhpToolchain(); // 'composer (composer)' on a machine without Composer
 * ```
 */
export function missingPhpToolchain(): string | undefined {
  if (runs('php', ['--version']) === undefined) return 'php (php-cli)';
  const loaded = (runs('php', ['-m']) ?? '').toLowerCase().split('\n');
  const absent = Object.keys(EXTENSIONS).filter((name) => !loaded.includes(name));
  if (absent.length > 0) {
    const packages = absent.map((name) => EXTENSIONS[name]).join(' ');
    return `PHP extensions ${absent.join(', ')} (${packages})`;
  }
  if (runs('composer', ['--version', '--no-interaction']) === undefined) {
    return 'composer (composer)';
  }
  return undefined;
}
