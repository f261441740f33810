/**
 * `pnm-conformance` from the packed tarballs, installed with npm outside the workspace:
 * the verdicts and exit codes a release gate depends on, the shipped vectors, the
 * documented snippets' columns, and the wire columns' dependencies.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bin, copyIntoProject, installDir, nodeScript } from './user-env.js';

const example = copyIntoProject('examples/python/plugnmeet_signer.py', 'plugnmeet_signer.py');
const broken = copyIntoProject('packages/conformance/test/fixtures/broken_signer.py', 'broken.py');

interface JsonReport {
  vectorSet?: { package: string; version: string; sha256: string; files: string[] };
  vectorFiles: Array<{ name: string; path: string; vectors: number }>;
  columns: Array<{ id: string; available: boolean; unavailableReason?: string; install?: string }>;
  results: Array<{ implementation: string; outcome: string }>;
  summary: { ok: boolean; pass: number; fail: number };
}

function readReport(name: string): JsonReport {
  return JSON.parse(readFileSync(join(installDir, name), 'utf8')) as JsonReport;
}

function installedVersion(name: string): string {
  const manifest = join(installDir, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

describe('pnm-conformance, installed from its tarball', () => {
  test('judges the Python example: exit 0, a JSON report of passing results and the vector set', async () => {
    const run = await bin('pnm-conformance', [
      '--impl',
      `python3 ${example}`,
      '--runs',
      '100',
      '--quiet',
      '--report',
      'json=example.json',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = readReport('example.json');
    expect(report.summary.ok).toBe(true);
    expect(report.summary.fail).toBe(0);
    const own = report.results.filter((r) => r.implementation === 'python-example');
    expect(own.length).toBeGreaterThan(200);
    expect(own.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(200);
    expect(report.vectorSet?.package).toBe('@plugnmeet-signing/vectors');
    expect(report.vectorSet?.version).toBe(installedVersion('@plugnmeet-signing/vectors'));
    expect(report.vectorSet?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The shipped files, read from inside the installed package.
    expect(report.vectorFiles.map((f) => `${f.name}.json`)).toEqual(report.vectorSet?.files);
  });

  test('the shipped JSON Schemas, imported through the package, accept the report it wrote and refuse a damaged one', async () => {
    // What an SDK author's CI does with the schemas: ajv (here the copy the package brought)
    // and the files resolved through the package's `./schemas/*.json` export.
    const run = await nodeScript(`
      import { readFileSync } from 'node:fs';
      import { fileURLToPath } from 'node:url';
      import { Ajv2020 } from 'ajv/dist/2020.js';
      const read = (name) => JSON.parse(readFileSync(fileURLToPath(
        import.meta.resolve('@plugnmeet-signing/conformance/schemas/' + name + '.json')), 'utf8'));
      const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
      for (const name of ['expectations', 'protocol']) ajv.addSchema(read(name));
      const validate = ajv.compile(read('report'));
      const report = JSON.parse(readFileSync('example.json', 'utf8'));
      const good = validate(report);
      report.results[0].outcome = 'fine';
      const bad = validate(report);
      console.log(JSON.stringify({ good, bad, where: validate.errors?.[0]?.instancePath }));
    `);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ good: true, bad: false, where: '/results/0/outcome' });
  });

  // The first release's bin never ran under npx: its main-module check compared the
  // node_modules/.bin symlink with the module's path, and every run exited 0 unjudged.
  test.each([
    ['npx pnm-conformance', ['pnm-conformance']],
    [
      'the README’s npx -y @plugnmeet-signing/conformance',
      ['-y', '@plugnmeet-signing/conformance'],
    ],
  ])('%s runs through the .bin link and judges: the broken copy exits 1', async (_, command) => {
    // npx as the user's PATH has it; it finds the bin in the project's node_modules.
    const run = await bin('npx', [...command, '--impl', `python3 ${broken}`, '--runs', '0']);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/python-broken/);
    expect(run.stdout).toMatch(/^FAILED: /m);
  });

  test('fails the deliberately broken copy with exit 1', async () => {
    const run = await bin('pnm-conformance', [
      '--impl',
      `python3 ${broken}`,
      '--runs',
      '50',
      '--quiet',
    ]);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/python-broken/);
  });

  test('refuses an unknown option with exit 2, saying what it is', async () => {
    const run = await bin('pnm-conformance', ['--impl', `python3 ${example}`, '--no-such-option']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no-such-option/);
    expect(run.stdout).toBe('');
  });

  test('--help exits 0 and documents the exit codes', async () => {
    const run = await bin('pnm-conformance', ['--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Exit codes:/);
  });

  test('--vectors adds a user’s own file to the shipped ones', async () => {
    const dir = join(installDir, 'my-vectors');
    mkdirSync(dir, { recursive: true });
    const shipped = JSON.parse(
      readFileSync(
        join(installDir, 'node_modules/@plugnmeet-signing/vectors/vectors/plugnmeet-doc.json'),
        'utf8',
      ),
    );
    // One shipped vector under a new id: its signature was computed by Python's hmac.
    const [first] = shipped.vectors;
    writeFileSync(
      join(dir, 'mine.json'),
      JSON.stringify({ ...shipped, name: 'mine', vectors: [{ ...first, id: `mine-${first.id}` }] }),
    );
    const run = await bin('pnm-conformance', [
      '--impl',
      `python3 ${example}`,
      '--vectors',
      dir,
      '--runs',
      '0',
      '--quiet',
      '--report',
      'json=mine.json',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = readReport('mine.json');
    expect(report.vectorFiles.map((f) => f.name)).toEqual([
      ...(report.vectorSet?.files ?? []).map((f) => f.replace(/\.json$/, '')),
      'mine',
    ]);
  });
});

describe('the documented snippets, from the installed package', () => {
  test('--list names every column, each available or unavailable with an install hint', async () => {
    const run = await bin('pnm-conformance', ['--list']);
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const [id, label, state] = line.split('\t');
      expect(id, line).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(label, line).toBeTruthy();
      expect(state, line).toBeTruthy();
    }
    // Python is a prerequisite of this suite: its column must run from the package.
    expect(lines.find((l) => l.startsWith('python/'))).not.toMatch(/unavailable/);
  });

  test('a snippet column runs and is judged from the installed package', async () => {
    const run = await bin('pnm-conformance', [
      '--only',
      'python',
      '--runs',
      '50',
      '--quiet',
      '--report',
      'json=python.json',
    ]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const report = readReport('python.json');
    expect(report.columns.every((c) => c.id.startsWith('python/') && c.available)).toBe(true);
    expect(report.summary.ok).toBe(true);
    expect(report.summary.pass).toBeGreaterThan(100);
  });

  test('the JS SDK has no built-in column: its protocol v2 adapter is its one seam', async () => {
    const run = await bin('pnm-conformance', ['--list', '--only', 'wire-sdk-js']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('"wire-sdk-js" names no implementation');
  });

  test('the project’s own client runs as a wire column (a dependency of the package)', async () => {
    const run = await bin('pnm-conformance', [
      '--only',
      'wire-client',
      '--runs',
      '20',
      '--quiet',
      '--report',
      'json=client.json',
    ]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const report = readReport('client.json');
    expect(report.columns.length).toBeGreaterThan(0);
    expect(report.columns.every((c) => c.available)).toBe(true);
    expect(report.summary.ok).toBe(true);
    expect(report.summary.pass).toBeGreaterThan(50);
  });
});
