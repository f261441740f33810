/**
 * The composite action's own shell steps, read from action.yml and run with bash the way a
 * runner runs them: its install step (this checkout packed and installed with npm, the
 * same path as a `version:` install) and its run step, gating on the Python example and
 * on the broken copy.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const actionText = readFileSync(join(root, 'action.yml'), 'utf8');

/** The `run: |` block of the step named `name`, unindented. */
function stepScript(name: string): string {
  const lines = actionText.split('\n');
  const start = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  expect(start, `step "${name}" in action.yml`).toBeGreaterThan(-1);
  const run = lines.findIndex((line, i) => i > start && line.trim() === 'run: |');
  const indent = /^ */.exec(lines[run + 1] ?? '')?.[0].length ?? 0;
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== '' && line.search(/\S/) < indent) break;
    body.push(line.slice(indent));
  }
  return body.join('\n');
}

const runnerTemp = mkdtempSync(join(tmpdir(), 'pnm-action-'));
afterAll(() => rmSync(runnerTemp, { recursive: true, force: true }));

const files = {
  GITHUB_PATH: join(runnerTemp, 'path'),
  GITHUB_OUTPUT: join(runnerTemp, 'output'),
  GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary.md'),
};

/**
 * Runs one step's script as a runner runs `shell: bash` (`bash --noprofile --norc -eo
 * pipefail {0}`), with the inputs as variables.
 */
function runStep(name: string, inputs: Record<string, string>, path = process.env.PATH ?? '') {
  for (const file of Object.values(files)) writeFileSync(file, '');
  const script = join(runnerTemp, 'step.sh');
  writeFileSync(script, stepScript(name));
  return execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: join(runnerTemp, 'work'),
    env: { ...files, RUNNER_TEMP: runnerTemp, ACTION_PATH: root, PATH: path, ...inputs },
    reject: false,
    timeout: 600_000,
  });
}

describe('action.yml', () => {
  mkdirSync(join(runnerTemp, 'work'), { recursive: true });
  let binDir = '';

  test('the install step puts an npm-installed pnm-conformance on PATH through node_modules/.bin', async () => {
    const install = await runStep('Install pnm-conformance', { VERSION: '' });
    expect(install.exitCode, install.stderr).toBe(0);
    binDir = readFileSync(files.GITHUB_PATH, 'utf8').trim();
    expect(binDir).toBe(join(runnerTemp, 'pnm-conformance-npm', 'node_modules', '.bin'));
  });

  test.each([
    ['the Python example passes the gate', 'examples/python/plugnmeet_signer.py', 'true', 0, 0],
    [
      'the broken copy fails it',
      'packages/conformance/test/fixtures/broken_signer.py',
      'true',
      1,
      1,
    ],
    [
      'gate: false reports the failure and lets the job go on',
      'packages/conformance/test/fixtures/broken_signer.py',
      'false',
      1,
      0,
    ],
  ])('%s, with every report written', async (_, impl, gate, code, stepCode) => {
    expect(binDir, 'the install step ran').not.toBe('');
    const dir = join(runnerTemp, 'work', `reports-${code}-${gate}`);
    const run = await runStep(
      'Run pnm-conformance',
      { IMPL: `python3 ${join(root, impl)}`, ARGS: '--runs 50', MERGE: '', DIR: dir, GATE: gate },
      `${binDir}:${process.env.PATH ?? ''}`,
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(stepCode);
    expect(readFileSync(files.GITHUB_OUTPUT, 'utf8')).toContain(`exit-code=${code}`);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.summary.ok).toBe(code === 0);
    for (const name of ['junit.xml', 'summary.md', 'report.html']) {
      expect(readFileSync(join(dir, name), 'utf8').length, name).toBeGreaterThan(100);
    }
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toContain('python');
  });
});
