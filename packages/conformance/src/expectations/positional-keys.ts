/**
 * Expectations files of the last release name an outside implementation `impl-N`, by the
 * position of its `--impl` flag. For this release they keep working: such an entry is read
 * as the key of the column at that position, as before, and a warning shows the key its
 * hello gives, to write instead. `--update-expectations` writes the new keys.
 *
 * @module
 */
import { type ColumnRef, sameColumn } from '../column-key.js';
import type { ExpectationsFile } from './file.js';

/** An `--impl` of this run: its command, its column's key, and the key its position gave. */
export interface PositionedImplementation {
  command: string;
  identity: ColumnRef;
  /** `impl-<position>` and the language as the last release made it an environment id. */
  positionalKey: ColumnRef;
}

const POSITIONAL = /^impl-([0-9]+)$/;

const ordinal = (n: number) =>
  `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/**
 * `file` with every `impl-N` entry that names an `--impl` of this run by position
 * rewritten to that implementation's key, and one warning per `impl-N` entry: the key to
 * write, or that it names no `--impl` of this run (it is then kept as it is and, as
 * before, applies to nothing).
 *
 * @throws Never.
 * @example
 * ```ts
 * const file = adoptPositionalKeys(read, 'sdk-expectations.json', outside, (w) =>
 *   process.stderr.write(`warning: ${w}\n`),
 * );
 * ```
 */
export function adoptPositionalKeys(
  file: ExpectationsFile,
  path: string,
  implementations: readonly PositionedImplementation[],
  warn: (warning: string) => void,
): ExpectationsFile {
  const expectations = file.expectations.map((entry, i) => {
    const position = POSITIONAL.exec(entry.implementation)?.[1];
    if (position === undefined) return entry;
    const said = `${path}: /expectations/${i} says "implementation": ${JSON.stringify(entry.implementation)}, "environment": ${JSON.stringify(entry.environment)}`;
    const at = implementations.find((one) => sameColumn(one.positionalKey, entry));
    if (at === undefined) {
      warn(
        `${said}, which is no --impl of this run by position: it applies to nothing. Name the column it means by its implementation and environment ids (impl-N keys are read for this release only)`,
      );
      return entry;
    }
    const { implementation, environment } = at.identity;
    warn(
      `${said}, the ${ordinal(Number(position))} --impl (${JSON.stringify(at.command)}): read as "implementation": ${JSON.stringify(implementation)}, "environment": ${JSON.stringify(environment)}; write that instead (impl-N keys are read for this release only; --update-expectations writes them)`,
    );
    return { ...entry, implementation, environment };
  });
  return { ...file, expectations };
}
