/**
 * An `--impl` column is named by what its implementation says in hello, never by the
 * position of its flag: real runs of the example implementations (and the broken copy,
 * whose divergences give an expectations file something to list) in both orders, with one
 * expectations file written by the runner itself; and a file of the last release, keyed
 * `impl-N`, still read by position with a warning that shows the key to write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { columnKey, sameColumn } from '../src/column-key.js';
import type { ExpectationsFile } from '../src/expectations/file.js';
import type { Report } from '../src/reports/report.js';
import { broken, cli, emptyExpectations, example, misbehaving, realPython } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'pnm-identity-'));
const phpExample = fileURLToPath(
  new URL('../../../examples/php/plugnmeet_signer.php', import.meta.url),
);
/** The broken copy's two bugs show on these tags; the runs stay short. */
const SELECTION = ['--runs', '10', '--only', 'trailing-newline,invalid-utf8'];

let commands: string[];

function hasPhp(): boolean {
  try {
    execFileSync('php', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  const python = realPython();
  commands = [
    `${python} ${example}`,
    `${python} ${broken}`,
    // A second language where the machine has it: the test holds with or without it.
    ...(hasPhp() ? [`php ${phpExample}`] : []),
  ];
});

async function run(
  name: string,
  impls: readonly string[],
  expectations: string,
  extra: string[] = [],
) {
  const out = join(work, `${name}.json`);
  const result = await execa(
    process.execPath,
    [
      cli,
      ...impls.flatMap((command) => ['--impl', command]),
      ...SELECTION,
      '--quiet',
      '--expectations',
      expectations,
      '--report',
      `json=${out}`,
      ...extra,
    ],
    { reject: false, env: { CI: 'false', NO_COLOR: '1' } },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  return {
    exitCode: result.exitCode,
    stderr: result.stderr,
    output: result.stdout + result.stderr,
    report,
  };
}

/** Every cell's outcome, by column and case. */
function outcomes(report: Report): Map<string, string> {
  return new Map(report.results.map((r) => [`${columnKey(r)} × ${r.vector}`, r.outcome]));
}

function readFile(path: string): ExpectationsFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ExpectationsFile;
}

const brokenColumn = { implementation: 'python-broken', environment: 'python' };

describe('an --impl column is named by its hello', () => {
  /** Written by the runner from a first run (flags in the given order): no hand-made entry. */
  let written: string;
  let forward: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    written = join(work, 'expectations.json');
    const first = await run('first', commands, written, ['--update-expectations']);
    expect(first.exitCode, first.output).toBe(1); // the broken copy's divergences are news
    forward = await run('forward', commands, written);
  }, 120_000);

  test('reordering the --impl flags gives the same column ids and the same verdict', async () => {
    const file = readFile(written);
    expect(file.expectations.length).toBeGreaterThan(0);
    expect(file.expectations.every((e) => sameColumn(e, brokenColumn))).toBe(true);

    const backward = await run('backward', [...commands].reverse(), written);
    expect(forward.exitCode, forward.output).toBe(0);
    expect(backward.exitCode, backward.output).toBe(0);
    const ids = (r: Report) => r.columns.map((c) => c.id);
    expect(ids(forward.report)).toEqual([
      'python-example/python',
      'python-broken/python',
      ...(commands.length > 2 ? ['php-example/php'] : []),
    ]);
    // The matrix follows the flags' order; the ids do not depend on it.
    expect(ids(backward.report)).toEqual([...ids(forward.report)].reverse());
    expect(outcomes(backward.report)).toEqual(outcomes(forward.report));
    expect(backward.report.summary).toEqual(forward.report.summary);
    expect(forward.report.summary.xfail).toBeGreaterThan(0);
    expect(forward.report.summary.pass).toBeGreaterThan(0);
  });

  test('the report keeps what each hello said, version included', () => {
    const column = forward.report.columns.find((c) => sameColumn(c, brokenColumn));
    expect(column?.identity).toEqual({
      name: 'python-broken',
      version: '0.0.1',
      language: 'python',
    });
    expect(column?.runtimeVersion).toBe('python-broken 0.0.1');
  });

  test('a file keyed impl-N still matches by position, warns with the key to write, and is rewritten with it', async () => {
    const position = 2; // the broken copy's flag in `commands`
    const legacy = readFile(written);
    legacy.expectations = legacy.expectations.map((e) => ({
      ...e,
      implementation: `impl-${position}`,
    }));
    const legacyPath = join(work, 'legacy.json');
    writeFileSync(legacyPath, JSON.stringify(legacy));

    const read = await run('legacy', commands, legacyPath);
    expect(read.exitCode, read.output).toBe(0);
    expect(outcomes(read.report)).toEqual(outcomes(forward.report));
    const warnings = read.stderr.split('\n').filter((line) => line.includes('impl-N keys'));
    expect(warnings).toHaveLength(legacy.expectations.length);
    legacy.expectations.forEach((_, i) => {
      expect(warnings[i]).toContain(
        `${legacyPath}: /expectations/${i} says "implementation": "impl-${position}", "environment": "python"`,
      );
      expect(warnings[i]).toContain(
        'read as "implementation": "python-broken", "environment": "python"; write that instead',
      );
    });

    // --update-expectations writes the new keys: the very file the first run wrote.
    const update = await run('legacy-update', commands, legacyPath, ['--update-expectations']);
    expect(update.exitCode, update.output).toBe(0);
    expect(readFile(legacyPath).expectations).toEqual(readFile(written).expectations);
    const again = await run('legacy-updated', commands, legacyPath);
    expect(again.stderr).not.toContain('impl-N keys');
  });
});

describe('ids that do not come from a hello, or that two hellos share', () => {
  test('one that cannot say hello is named after its script, in either order', async () => {
    const none = emptyExpectations(work);
    const silent = `${process.execPath} ${misbehaving} no-hello`;
    const [a, b] = await Promise.all([
      run('silent-first', [silent, commands[0] as string], none),
      run('silent-last', [commands[0] as string, silent], none),
    ]);
    expect(a.report.columns.map((c) => c.id)).toEqual([
      'misbehaving/unknown',
      'python-example/python',
    ]);
    expect(b.report.columns.map((c) => c.id)).toEqual([
      'python-example/python',
      'misbehaving/unknown',
    ]);
    expect(a.report.columns[0]?.identity).toBeUndefined();
    expect(a.report.columns[0]?.runtimeVersion).toContain('did not start');
  });

  test('two --impl whose hellos say the same are a usage error naming both commands', async () => {
    const one = commands[0] as string;
    const other = `sh -c 'exec ${one}'`;
    const result = await execa(
      process.execPath,
      [cli, '--impl', one, '--impl', other, ...SELECTION, '--quiet'],
      { reject: false, env: { CI: 'false', NO_COLOR: '1' } },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(JSON.stringify(one));
    expect(result.stderr).toContain(JSON.stringify(other));
    expect(result.stderr).toContain('would both be column python-example/python');
    expect(result.stderr).not.toContain('    at '); // a usage error, not a crash
  });
});
