/**
 * Two `--impl` whose hellos give the same column: one SDK at two versions is told apart by
 * its version; two that say exactly the same thing are a usage error naming both commands.
 * The error is what a user expects there: nothing the two say tells them apart, so any id
 * would come from their order or their command text (which a moved directory changes),
 * exactly what an expectations file must not depend on; most often it is one flag given
 * twice, and an adapter run two ways can say so in its hello (`runtime`).
 *
 * @module
 */
import { type ColumnKey, columnKey } from '../column-key.js';
import { ConformanceError } from '../errors.js';
import { describeIdentity, idPart, type OutsideIdentity } from './outside-identity.js';

/** An `--impl` command and the identity its hello gave. */
export interface Introduced {
  command: string;
  identity: OutsideIdentity;
}

/** The identity, its implementation id followed by its version's id. */
function withVersion(identity: OutsideIdentity): OutsideIdentity | undefined {
  const version = idPart(identity.said?.version);
  return version === undefined
    ? undefined
    : { ...identity, implementation: `${identity.implementation}-${version}` };
}

/** The group's identities told apart by version, or undefined when versions cannot. */
function byVersion(group: readonly Introduced[]): OutsideIdentity[] | undefined {
  const qualified = group.map((member) => withVersion(member.identity));
  const keys = new Set(qualified.map((identity) => identity && columnKey(identity)));
  return keys.size === group.length && !keys.has(undefined)
    ? (qualified as OutsideIdentity[])
    : undefined;
}

function clash(a: Introduced, b: Introduced | string): ConformanceError {
  const what = `${JSON.stringify(a.command)} (${describeIdentity(a.identity)})`;
  const key = columnKey(a.identity);
  if (typeof b === 'string') {
    return new ConformanceError(
      'ERR_CONFORMANCE_USAGE',
      `--impl ${what} would be column ${key}, which is ${b}: make its hello's name differ`,
    );
  }
  return new ConformanceError(
    'ERR_CONFORMANCE_USAGE',
    `--impl ${what} and --impl ${JSON.stringify(b.command)} (${describeIdentity(b.identity)}) would both be column ${key}: nothing their hellos say tells them apart, and a column is named by its hello, never by the order of the flags. Two implementations: make their hellos differ (name, version, or runtime for one program on two runtimes); one implementation twice: drop one --impl`,
  );
}

/**
 * The identities of `introduced`, in the same order, each naming its own column: those
 * sharing a column are told apart by their versions (`plugnmeet-sdk-js-1.4.1/node` beside
 * `plugnmeet-sdk-js-1.5.0/node`), whichever order their flags come in.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` naming both commands when two still
 * share a column (the same name, environment and version, or no hello to tell them
 * apart), or naming the command whose column is one of `reserved` (the built-in columns
 * of a run with `--with-snippets`).
 * @example
 * ```ts
 * const [node, deno] = distinctIdentities([
 *   { command: 'node adapter.mjs', identity: nodeIdentity },
 *   { command: 'deno run adapter.mjs', identity: denoIdentity },
 * ], new Set());
 * ```
 */
export function distinctIdentities(
  introduced: readonly Introduced[],
  reserved: ReadonlySet<ColumnKey>,
): OutsideIdentity[] {
  const groups = new Map<ColumnKey, Introduced[]>();
  for (const member of introduced) {
    const key = columnKey(member.identity);
    groups.set(key, [...(groups.get(key) ?? []), member]);
  }
  const resolved = new Map<Introduced, OutsideIdentity>();
  for (const group of groups.values()) {
    const identities = group.length === 1 ? group.map((m) => m.identity) : byVersion(group);
    if (identities === undefined) throw clash(...sameVersionPair(group));
    for (const [i, member] of group.entries()) {
      resolved.set(member, identities[i] as OutsideIdentity);
    }
  }
  // A version-qualified id may meet another implementation's id, or a built-in column's.
  const seen = new Map<ColumnKey, Introduced>();
  for (const member of introduced) {
    const identity = resolved.get(member) as OutsideIdentity;
    const key = columnKey(identity);
    const named = { ...member, identity };
    if (reserved.has(key)) throw clash(named, 'a built-in column');
    const other = seen.get(key);
    if (other) throw clash(other, named);
    seen.set(key, named);
  }
  return introduced.map((member) => resolved.get(member) as OutsideIdentity);
}

/** The first two members of a group that the version does not tell apart. */
function sameVersionPair(group: readonly Introduced[]): [Introduced, Introduced] {
  for (const [i, a] of group.entries()) {
    for (const b of group.slice(i + 1)) {
      const versionA = withVersion(a.identity);
      const versionB = withVersion(b.identity);
      if (!versionA || !versionB || columnKey(versionA) === columnKey(versionB)) return [a, b];
    }
  }
  return [group[0] as Introduced, group[1] as Introduced];
}
