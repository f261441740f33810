/** The column kit: one preparation per column, and what probe() and open() make of it. */
import { describe, expect, test } from 'vitest';
import { defineColumn, type Prepared } from '../../src/implementations/column-kit.js';
import type { ImplementationInfo, Session } from '../../src/model.js';
import { runCase } from '../../src/runner/run-case.js';

const implementation: ImplementationInfo = {
  id: 'demo',
  label: 'Demo',
  kind: 'snippet',
  origin: 'documented',
  checks: 'signature',
  language: 'demo',
};

const session: Session = {
  sign: async () => ({ kind: 'signature', signature: 'ab' }),
  close: async () => {},
};

function column(prepare: () => Promise<Prepared<string>>, opened: string[] = []) {
  let prepared = 0;
  const made = defineColumn({
    implementation,
    environment: { id: 'env', label: 'before probing', variables: { LANG: 'C' } },
    modes: ['worker', 'per-case'],
    prepare: () => {
      prepared += 1;
      return prepare();
    },
    open: async (ready, mode) => {
      opened.push(`${ready}:${mode}`);
      return session;
    },
  });
  return { made, preparedCount: () => prepared };
}

describe('defineColumn', () => {
  test('keys the column, defaults to signing, and prepares once however often it is asked', async () => {
    const { made, preparedCount } = column(async () => ({
      available: true,
      runtimeVersion: 'demo 1.0',
      label: 'demo 1.0, LANG=C',
      ready: 'launch',
    }));
    expect(made.id).toBe('demo/env');
    expect(made.capabilities).toEqual(['sign']);
    expect(made.wireLevel).toBeUndefined();
    expect(preparedCount()).toBe(0);
    const probes = await Promise.all([made.probe(), made.probe(), made.open('per-case')]);
    expect(probes[0]).toEqual({ available: true, runtimeVersion: 'demo 1.0' });
    expect(preparedCount()).toBe(1);
  });

  test('the label names what the probe found, without touching the spec', async () => {
    const { made } = column(async () => ({
      available: true,
      runtimeVersion: '1',
      label: 'demo 1.0, LANG=C',
      ready: 'x',
    }));
    const before = made.environment;
    expect(before.label).toBe('before probing');
    await made.probe();
    expect(made.environment).toEqual({
      id: 'env',
      label: 'demo 1.0, LANG=C',
      variables: { LANG: 'C' },
    });
    expect(before.label).toBe('before probing');
  });

  test('opens what prepare made ready, in the mode asked', async () => {
    const opened: string[] = [];
    const { made } = column(
      async () => ({ available: true, runtimeVersion: '1', ready: 'launch' }),
      opened,
    );
    expect(await made.open('per-case')).toBe(session);
    expect(opened).toEqual(['launch:per-case']);
  });

  test('unavailable: probe says why and how to install; open refuses', async () => {
    const { made } = column(async () => ({
      available: false,
      reason: 'demo is not on PATH',
      install: 'apt-get install demo',
    }));
    expect(await made.probe()).toEqual({
      available: false,
      reason: 'demo is not on PATH',
      install: 'apt-get install demo',
    });
    expect(made.environment.label).toBe('before probing');
    await expect(made.open('worker')).rejects.toThrow(
      'demo/env is unavailable: demo is not on PATH',
    );
  });

  test.each([
    [
      'broken',
      async (): Promise<Prepared<string>> => ({
        available: true,
        runtimeVersion: '1',
        broken: 'does not compile: x',
      }),
      'does not compile: x',
    ],
    [
      'throws',
      async (): Promise<Prepared<string>> => {
        throw new Error('disk full');
      },
      'could not be prepared: disk full',
    ],
  ])('%s: available, and every case answers broken with why', async (_, prepare, message) => {
    const opened: string[] = [];
    const { made } = column(prepare, opened);
    expect((await made.probe()).available).toBe(true);
    const broken = await made.open('worker');
    expect(
      (await runCase(broken, { id: 'a', body: new Uint8Array(), secret: new Uint8Array([1]) }))
        .signed,
    ).toEqual({
      kind: 'broken',
      message,
      stderrTail: '',
    });
    expect(opened).toEqual([]);
  });
});
