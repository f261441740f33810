/**
 * Whether this machine has what the PHP SDK's test needs, as `toolchains.json` declares it
 * for `examples/sdk-php` (the same list `scripts/setup-toolchains` installs): its commands on
 * PATH (php, composer), and the PHP extensions its packages provide (`php-curl` → curl), which
 * Composer refuses to install the SDK without.
 */
import { execFileSync } from 'node:child_process';
import { readToolchains } from '../src/environments/declared-toolchains.js';
import { aptInstall, findExecutable } from '../src/environments/toolchains.js';

function loadedExtensions(): string[] {
  const listed = execFileSync('php', ['-m'], { encoding: 'utf8' });
  return listed.toLowerCase().split('\n');
}

/**
 * What is missing for the PHP SDK, with how to install it, or undefined when all is here.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_TOOLCHAINS` when `toolchains.json` is
 * malformed; an Error from `php -m` when php is on PATH but cannot run.
 * @example
 * ```ts
 * missingPhpToolchain(); // 'composer is not on PATH (apt-get install composer)'
 * ```
 */
export function missingPhpToolchain(): string | undefined {
  const needs = readToolchains().examples['sdk-php'] ?? [];
  const commands = needs.filter((need) => need.command !== undefined);
  const absent = commands.filter((need) => !findExecutable(need.command as string));
  if (absent.length > 0) {
    const names = absent.map((need) => need.command).join(', ');
    return `${names} not on PATH (${aptInstall(absent.map((need) => need.debian).join(' '))})`;
  }
  const extensions = needs.filter(
    (need) => need.command === undefined && /^php-/.test(need.debian),
  );
  const loaded = loadedExtensions();
  const unloaded = extensions.filter((need) => !loaded.includes(need.debian.slice('php-'.length)));
  if (unloaded.length > 0) {
    const names = unloaded.map((need) => need.debian.slice('php-'.length)).join(', ');
    return `PHP extensions ${names} not loaded (${aptInstall(unloaded.map((need) => need.debian).join(' '))})`;
  }
  return undefined;
}
