/**
 * Columns for outside implementations (`--impl "<command>"`): any program that speaks
 * protocol v1 on stdin/stdout, in any language.
 *
 * @module
 */
import { parseCommandString } from 'execa';
import type { Availability, Column, ExecutionMode, Session } from '../model.js';
import { perCaseSession } from './per-case-session.js';
import { type LaunchSpec, ProcessSession, type ProcessSessionOptions } from './process-session.js';

/**
 * A column that runs `command` (split like a shell would, without a shell) as a protocol
 * v1 implementation. Its capabilities come from its hello reply.
 *
 * @example
 * ```ts
 * const column = await outsideColumn('python3 examples/python/plugnmeet_signer.py', 1);
 * ```
 */
export async function outsideColumn(
  command: string,
  index: number,
  options: Partial<ProcessSessionOptions> = {},
): Promise<Column> {
  const [file, ...args] = parseCommandString(command);
  const spec: LaunchSpec = {
    command: file ?? '',
    args,
    env: Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  };
  let hello: ProcessSession['hello'];
  let failure: string | undefined;
  try {
    const session = await ProcessSession.start(spec, options);
    hello = session.hello;
    await session.close();
  } catch (error) {
    failure = (error as Error).message;
  }
  const id = `impl-${index}`;
  const capabilities = hello?.capabilities.filter((c) => c === 'sign' || c === 'verify') ?? [
    'sign',
  ];
  return {
    id: `${id}/${hello?.language ?? 'unknown'}`,
    implementation: {
      id,
      label: hello ? `${hello.name} ${hello.version}` : command,
      kind: 'outside',
      language: hello?.language ?? 'unknown',
    },
    environment: { id: hello?.language ?? 'unknown', label: command },
    capabilities,
    modes: ['worker', 'per-case'],
    async probe(): Promise<Availability> {
      // An implementation that cannot even say hello is a broken implementation, not a
      // missing toolchain: it stays available and every case reports why.
      return {
        available: true,
        runtimeVersion: hello ? `${hello.name} ${hello.version}` : `did not start: ${failure}`,
      };
    },
    async open(mode: ExecutionMode): Promise<Session> {
      if (mode === 'per-case') return perCaseSession(spec, options);
      return ProcessSession.start(spec, options);
    },
  };
}
