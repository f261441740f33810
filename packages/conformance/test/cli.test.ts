import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import type { Report } from '../src/reports/report.js';
import { validatorFor } from '../src/schemas/load.js';
import { broken, cli, emptyExpectations, example, misbehaving, realPython } from './helpers.js';

const python = realPython();
const work = mkdtempSync(join(tmpdir(), 'pnm-cli-'));
const noExpectations = emptyExpectations(work);

function conformance(args: string[]) {
  return execa(process.execPath, [cli, ...args], {
    reject: false,
    env: { CI: 'false', NO_COLOR: '1' },
  });
}

describe('pnm-conformance --impl', () => {
  test('the Python example passes every vector and the property search', async () => {
    const out = join(work, 'good.json');
    const result = await conformance([
      '--impl',
      `${python} ${example}`,
      '--runs',
      '200',
      '--expectations',
      noExpectations,
      '--report',
      `json=${out}`,
    ]);
    expect(result.stdout).toContain('OK');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    // What the runner writes is what schemas/report.json describes.
    expect(validatorFor('report')(report)).toBe(true);
    expect(report.columns).toHaveLength(1);
    expect(report.columns[0]?.implementationLabel).toBe('python-example 1.0.0');
    expect(
      report.results.some((r) => r.vector.startsWith('wycheproof') && r.outcome === 'pass'),
    ).toBe(true);
    // verify-side vectors ran because the example declares the capability
    expect(report.results.some((r) => r.group === 'verify-negatives')).toBe(true);
    expect(report.results.every((r) => r.outcome === 'pass')).toBe(true);
    expect(report.properties[0]?.runs).toBe(200);
  });

  test('the broken copy fails, with both causes named and a minimal case', async () => {
    const out = join(work, 'broken.json');
    const result = await conformance([
      '--impl',
      `${python} ${broken}`,
      '--runs',
      '300',
      '--expectations',
      noExpectations,
      '--report',
      `json=${out}`,
    ]);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(validatorFor('report')(report)).toBe(true);
    const causes = new Set(report.findings.map((f) => f.cause));
    expect(causes).toContain('trailing-newlines-stripped');
    expect(causes).toContain('invalid-utf8-replaced');
    expect(result.stdout).toContain('NEW python-broken/python');
  });

  test('two implementations are two columns; a crashing one is named and the run finishes', async () => {
    const result = await conformance([
      '--impl',
      `${process.execPath} ${misbehaving} crash empty`,
      '--impl',
      `${process.execPath} ${misbehaving} good`,
      '--runs',
      '0',
      '--only',
      'empty-body',
      '--expectations',
      noExpectations,
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/misbehaving-crash\/javascript.*✗/);
    expect(result.stdout).toMatch(/misbehaving-good\/javascript.*✓/);
    expect(result.stdout).toContain('ended before answering: exited (code 139)');
  });

  test('usage errors exit 2 and say what was expected', async () => {
    const result = await conformance(['--runs', 'many']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--runs expected an integer ≥ 0 and ≤ 10000000, got "many"');
    const unknown = await conformance(['--impl', 'true', '--only', 'no-such-thing']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('"no-such-thing" names no implementation');
  });

  test('a malformed expectations file is refused with its path and JSON pointer', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ formatVersion: 1, expectations: [{ implementation: 'x' }] }),
    );
    const result = await conformance(['--impl', 'true', '--expectations', bad]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `${bad}: /expectations/0/environment: expected a non-empty string`,
    );
  });
});

describe('pnm-conformance whose reader stops early', () => {
  test('--list | head -1: no crash and no stack trace when stdout is closed', async () => {
    // pipefail: the pipeline's status is the runner's own, not head's.
    const run = await execa(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${cli}" --list | head -1`],
      { reject: false },
    );
    expect(run.stdout.split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(run.exitCode).toBe(0);
  });
});
