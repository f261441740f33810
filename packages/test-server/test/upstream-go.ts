import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether Go is installed: the cross-checks against the upstream module run only then. */
export const hasGo = spawnSync('go', ['version']).status === 0;

let built: string | undefined;

/**
 * Builds test/fixtures/upstream-go (our own small program on the pinned upstream module;
 * the module itself comes from the Go proxy, never from this repository) once per run.
 */
export function upstreamCheck(): string {
  if (built) return built;
  const dir = fileURLToPath(new URL('./fixtures/upstream-go/', import.meta.url));
  const out = join(mkdtempSync(join(tmpdir(), 'pnm-upstream-go-')), 'upstream-check');
  execFileSync('go', ['build', '-o', out, '.'], {
    cwd: dir,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  built = out;
  return out;
}

/**
 * Runs the upstream program on a batch of inputs, one JSON line each way. Asynchronous, so
 * that receivers in this process can answer the upstream notifier while it runs.
 */
export async function runUpstream(
  inputs: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const program = upstreamCheck();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(program, [], { encoding: 'utf8', maxBuffer: 64 << 20 }, (error, out) =>
      error ? reject(error) : resolve(out),
    );
    child.stdin?.end(inputs.map((i) => JSON.stringify(i)).join('\n'));
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
