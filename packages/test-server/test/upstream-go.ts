import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether Go is installed: the cross-checks against the upstream module run only then. */
export const hasGo = spawnSync('go', ['version']).status === 0;

const built = new Map<string, string>();

/**
 * Builds the Go program in `test/fixtures/<fixture>` (our own small program; the modules it
 * uses come from the Go proxy, never from this repository) once per run.
 */
function goProgram(fixture: string): string {
  const known = built.get(fixture);
  if (known) return known;
  const dir = fileURLToPath(new URL(`./fixtures/${fixture}/`, import.meta.url));
  const out = join(mkdtempSync(join(tmpdir(), `pnm-${fixture}-`)), fixture);
  execFileSync('go', ['build', '-o', out, '.'], {
    cwd: dir,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  built.set(fixture, out);
  return out;
}

/**
 * Runs the Go program of `test/fixtures/<fixture>` on a batch of inputs, one JSON line each
 * way. Asynchronous, so that receivers in this process can answer the program (the upstream
 * notifier) while it runs.
 */
export async function runGoFixture<T = Record<string, unknown>>(
  fixture: string,
  inputs: readonly unknown[],
): Promise<T[]> {
  const program = goProgram(fixture);
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(program, [], { encoding: 'utf8', maxBuffer: 64 << 20 }, (error, out) =>
      error ? reject(error) : resolve(out),
    );
    child.stdin?.end(inputs.map((i) => JSON.stringify(i)).join('\n'));
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

/** Runs test/fixtures/upstream-go, our program on the pinned upstream module, on a batch of inputs. */
export function runUpstream(
  inputs: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  return runGoFixture('upstream-go', inputs);
}
