/**
 * The first step of the README's first command on a fresh machine: a clone where nothing is
 * installed or built yet asks `scripts/setup-toolchains` what the columns need. Every
 * declared toolchain that is not on the machine must be named there, so that the bootstrap
 * installs it before the run (it once read the needs through the build that comes later, and
 * a fresh clone installed nothing and judged a matrix of unavailable columns as OK).
 *
 * The machine is made fresh by what the script can see: a PATH holding only the handful of
 * tools the script itself runs with, so every declared command is hidden from it.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** What setup-toolchains itself runs: the declared commands must not be among them. */
const SCRIPT_TOOLS = [
  'bash',
  'node',
  'sort',
  'cut',
  'sed',
  'grep',
  'id',
  'locale',
  'dirname',
  'dpkg-query',
];

interface Need {
  debian: string;
  command?: string;
  file?: string;
}

let clone: string;
let bin: string;

/**
 * The working tree as a clone would have it, tracked and new files alike but nothing that
 * git ignores (no node_modules, no dist, no .cache): so the test judges uncommitted edits too.
 */
async function cloneWorkingTree(into: string): Promise<void> {
  const listed = await execa(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
    },
  );
  for (const file of listed.stdout.split('\0')) {
    if (!file || !existsSync(join(root, file))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(into, file)), { recursive: true });
    copyFileSync(join(root, file), join(into, file));
  }
}

async function pathWithOnly(tools: readonly string[], into: string): Promise<void> {
  mkdirSync(into);
  for (const tool of tools) {
    const found = await execa('sh', ['-c', `command -v ${tool}`], { reject: false });
    if (found.exitCode === 0) symlinkSync(found.stdout.trim(), join(into, tool));
  }
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pnm-fresh-clone-'));
  clone = join(dir, 'clone');
  bin = join(dir, 'bin');
  await cloneWorkingTree(clone);
  await pathWithOnly(SCRIPT_TOOLS, bin);
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('setup-toolchains on a clone where nothing is installed or built', () => {
  test('the clone has no dependencies and no build', () => {
    expect(existsSync(join(clone, 'node_modules'))).toBe(false);
    expect(existsSync(join(clone, 'packages/signer/dist'))).toBe(false);
    expect(existsSync(join(clone, 'packages/conformance/toolchains.json'))).toBe(true);
  });

  test('names every declared toolchain hidden from it, and the line that installs them', async () => {
    const declared = JSON.parse(
      readFileSync(join(clone, 'packages/conformance/toolchains.json'), 'utf8'),
    ) as { languages: Record<string, Need[]>; examples: Record<string, Need[]>; suite: Need[] };
    const hidden = [
      ...Object.values(declared.languages).flat(),
      ...Object.values(declared.examples).flat(),
      ...declared.suite,
    ].filter((need) => need.command !== undefined && !SCRIPT_TOOLS.includes(need.command));
    // The languages' own toolchains must be among them, or this test would prove little.
    expect(hidden.map((need) => need.command)).toEqual(
      expect.arrayContaining(['php', 'ruby', 'zsh', 'mksh', 'busybox', 'curl', 'go', 'python3']),
    );

    const run = await execa('bash', [join(clone, 'scripts/setup-toolchains'), '--check'], {
      cwd: clone,
      env: { PATH: bin, HOME: process.env.HOME ?? '/', LANG: 'C' },
      extendEnv: false,
      reject: false,
    });
    expect(run.exitCode, run.stderr).toBe(1);
    const installLine = /to install: .*apt-get install (.*)'$/m.exec(run.stderr)?.[1] ?? '';
    for (const need of hidden) {
      expect(run.stderr, need.debian).toContain(`\n  ${need.debian} (`);
      expect(installLine.split(' '), need.debian).toContain(need.debian);
    }
  });

  test('refuses declarations it cannot read, naming the file and the place', async () => {
    const broken = join(clone, 'packages/conformance/toolchains.json');
    const original = readFileSync(broken, 'utf8');
    const json = JSON.parse(original) as { languages: Record<string, unknown[]> };
    json.languages.php = [{ command: 'php' }];
    await execa('sh', ['-c', `cat > ${JSON.stringify(broken)}`], { input: JSON.stringify(json) });
    try {
      const run = await execa('bash', [join(clone, 'scripts/setup-toolchains'), '--check'], {
        cwd: clone,
        env: { PATH: bin, LANG: 'C' },
        extendEnv: false,
        reject: false,
      });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(
        'toolchains.json: /languages/php/0/debian: expected a Debian package name',
      );
    } finally {
      await execa('sh', ['-c', `cat > ${JSON.stringify(broken)}`], { input: original });
    }
  });
});
