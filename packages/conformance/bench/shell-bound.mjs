// The physical bound of the shell-based columns: the same published pipelines (the
// snippet's own statements: `echo -n | openssl dgst | awk`, and `curl` for the wire level),
// run bare in a plain shell loop over the same cases, two loops at a time (both cores busy).
// No harness, no judging, no fresh shell per case: what the snippet itself costs.
//
// `before`: a signing loop and a wire loop per UTF-8 shell (each level ran the snippet);
// `after`: there, the wire loop over the cases a server can take (one end-to-end run informs
// both levels) and a signing loop over the rest (a secret that is not UTF-8: the signing
// column's worker answers those). The C-locale shells have no wire twin: a signing loop in
// both.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadVectors } from '@plugnmeet-signing/vectors';
import fc from 'fast-check';
import { correctedShellWire } from '../dist/corrections/shell-wire-correction.js';
import { C_LOCALE, explicitEnv, UTF8_LOCALE } from '../dist/environments/process-env.js';
import { probeShell, SHELLS } from '../dist/environments/shells.js';
import {
  DOCUMENTED_SHELL_WIRE,
  splitShellSnippet,
} from '../dist/implementations/wire/shell-wire.js';
import { generatedCase } from '../dist/properties/arbitraries.js';
import { mapConcurrent } from '../dist/runner/pool.js';
import { childCpuSeconds } from './child-cpu.mjs';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function isUtf8(bytes) {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The loop: reads each case's files the way the harness does, then the snippet's statements. */
function loopScript(statements, inSubshell, list, url) {
  const body = inSubshell ? `(\n${statements}\n)` : statements;
  return [
    'PNM_API_KEY=plugnmeet',
    `PNM_BASE_URL=${url}`,
    'while IFS= read -r pnm_case <&3; do',
    'PNM_BODY=$(cat "$pnm_case/body" && printf x)',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'PNM_BODY=${PNM_BODY%x}',
    'PNM_SECRET=$(cat "$pnm_case/secret" && printf x)',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'PNM_SECRET=${PNM_SECRET%x}',
    body,
    `done 3< '${list}'`,
    '',
  ].join('\n');
}

function runScript(shell, script, env, cwd) {
  return new Promise((resolve) => {
    const child = spawn(shell.path, [...shell.args, script], {
      cwd,
      env,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('close', () => resolve());
    child.on('error', () => resolve());
  });
}

/**
 * Measures both bounds over the sign vectors plus `runs` generated cases (seed 424242).
 * Returns wall milliseconds `{ before, after }` and CPU seconds `{ beforeCpu, afterCpu }`.
 */
export async function measureShellBound(runs = 1000) {
  const dir = mkdtempSync(join(tmpdir(), 'pnm-bound-'));
  const home = join(dir, 'home');
  const cwd = join(dir, 'cwd');
  mkdirSync(home);
  mkdirSync(cwd);
  const vectors = (await loadVectors()).filter((v) => v.kind === 'sign');
  const generated = fc.sample(generatedCase, { seed: 424242, numRuns: runs });
  const cases = [...vectors, ...generated].filter(
    (c) => !c.body.includes(0) && !c.secret.includes(0),
  );
  const lines = { sign: [], wire: [], signRest: [] };
  cases.forEach((c, i) => {
    const caseDir = join(dir, 'cases', String(i));
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(join(caseDir, 'body'), c.body);
    writeFileSync(join(caseDir, 'secret'), c.secret);
    lines.sign.push(caseDir);
    // Before, the wire level ran only what a server can take (a UTF-8 secret).
    if (isUtf8(c.secret)) lines.wire.push(caseDir);
    else lines.signRest.push(caseDir);
  });
  const signList = join(dir, 'sign.list');
  const wireList = join(dir, 'wire.list');
  writeFileSync(signList, `${lines.sign.join('\n')}\n`);
  writeFileSync(wireList, `${lines.wire.join('\n')}\n`);
  const signRestList = join(dir, 'sign-rest.list');
  writeFileSync(signRestList, `${lines.signRest.join('\n')}\n`);

  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('{"status":true}'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;

  const loops = [];
  for (const whole of [DOCUMENTED_SHELL_WIRE, correctedShellWire()]) {
    const split = splitShellSnippet(whole);
    const inSubshell = whole.reading === 'exit-status';
    for (const shell of SHELLS) {
      const found = await probeShell(shell);
      if (!found.available) continue;
      const locale = shell.locale === 'c' ? C_LOCALE : UTF8_LOCALE;
      const env = { ...explicitEnv([dirname(found.path)], locale), HOME: home };
      const launch = { path: found.path, args: shell.args, env };
      const name = `${whole.signingId}/${shell.id}`;
      const sign = join(dir, `${name.replace('/', '-')}.sign.sh`);
      writeFileSync(sign, loopScript(split.sign, inSubshell, signList, url));
      loops.push({ name, level: 'sign', launch, script: sign, wireTwin: !shell.locale });
      if (shell.locale) continue;
      const wire = join(dir, `${name.replace('/', '-')}.wire.sh`);
      writeFileSync(wire, loopScript(split.sign + split.request, inSubshell, wireList, url));
      const signRest = join(dir, `${name.replace('/', '-')}.sign-rest.sh`);
      writeFileSync(signRest, loopScript(split.sign, inSubshell, signRestList, url));
      loops.push({ name, level: 'wire', launch, script: wire });
      loops.push({ name, level: 'sign-rest', launch, script: signRest });
    }
  }

  const measure = async (selected) => {
    const started = performance.now();
    const cpu = childCpuSeconds();
    await mapConcurrent(selected, 2, (loop) =>
      runScript(loop.launch, loop.script, loop.launch.env, cwd),
    );
    return { wall: performance.now() - started, cpu: childCpuSeconds() - cpu };
  };
  // After: where a wire twin exists, one end-to-end loop over what a server can take and a
  // signing loop over the rest; elsewhere the signing loop.
  const after = await measure(
    loops.filter((l) => (l.level === 'sign' && !l.wireTwin) || l.level !== 'sign'),
  );
  // Before: every signing loop and every wire loop (the wire level over UTF-8 secrets).
  const before = await measure(loops.filter((l) => l.level === 'sign' || l.level === 'wire'));
  server.close();
  rmSync(dir, { recursive: true, force: true });
  // The loops' CPU leaves out the loopback server's (it runs in this process, as the runner's).
  return {
    before: before.wall,
    after: after.wall,
    beforeCpu: before.cpu,
    afterCpu: after.cpu,
    cases: cases.length,
    loops: loops.length,
  };
}
