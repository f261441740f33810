/**
 * What a finding shows, computed in one place for every renderer: whether it is new, where
 * it happened, its cause and explanation, its minimal input (body and secret as text when
 * they are UTF-8, hex always, and their length), expected against actual, where it was
 * seen, how to replay it and what fixes it. The terminal, Markdown and HTML reports only
 * format these fields, each in its own escaping.
 *
 * @module
 */
import { columnKey } from '../column-key.js';
import type { Outcome } from '../model.js';
import type { Finding, PropertyFinding, Report } from './report.js';
import { type BytesShown, cutNote, fullSize } from './shown-value.js';

/** Bytes as a finding shows them: `text` only when they are valid UTF-8. */
export interface ShownBytes {
  /** Hex of the bytes shown (the first SHOWN_BYTES of a longer input). */
  hex: string;
  text?: string;
  /** How many bytes the input has (more than `hex` shows when `cut`). */
  length: number;
  /** `` or ` (the first 512 of 1048576 bytes)`: what every renderer says of a cut input. */
  cutNote: string;
}

/** One finding, ready to format. */
export interface FindingView {
  /** `new`: nothing expects it (it fails the run); `known`: the expectations file lists it. */
  status: 'new' | 'known';
  /** The column, `<implementation>/<environment>`. */
  column: string;
  implementation: string;
  environmentLabel: string;
  runtimeVersion?: string;
  outcome: Outcome;
  cause: string;
  explanation: string;
  /** The smallest body that shows it: a vector's, or what a call or webhook case sent. */
  body: ShownBytes;
  secret: ShownBytes;
  expected: string;
  actual: string;
  /** Found by the property search (no vector shows it), or seen in `vectors`. */
  property: boolean;
  vectors: readonly string[];
  /** The tags of the vectors it was seen in, sorted (for the HTML page's tag filter). */
  tags: string[];
  /** A property finding's replay: `--seed S --path P`, and the case as a pasteable vector. */
  replay?: Pick<PropertyFinding, 'seed' | 'path' | 'vector'>;
  /** Why the corrected snippet fixes it, when there is one. */
  correction?: string;
}

function shownBytes(bytes: BytesShown): ShownBytes {
  const { size: _size, ...shown } = bytes;
  return { ...shown, length: fullSize(bytes), cutNote: cutNote(bytes) };
}

/**
 * The views of every finding of `report`, in its order: the vectors' tags and the property
 * search's replays looked up once for all of them.
 *
 * @throws Never.
 * @example
 * ```ts
 * for (const view of findingViews(report)) console.log(view.status, view.column, view.cause);
 * ```
 */
export function findingViews(
  report: Pick<Report, 'findings' | 'results' | 'propertyFindings'>,
): FindingView[] {
  const tagsOfVector = new Map<string, readonly string[]>();
  for (const r of report.results)
    if (!tagsOfVector.has(r.vector)) tagsOfVector.set(r.vector, r.tags);
  return report.findings.map((finding) =>
    findingView(finding, report.propertyFindings, tagsOfVector),
  );
}

/**
 * The view of one finding. A property finding's replay is the counterexample of its column
 * and cause; `tagsOfVector` gives the tags of the vectors it was seen in.
 *
 * @throws Never.
 * @example
 * ```ts
 * findingView(finding, report.propertyFindings).body.text; // '{"a":1}\n'
 * ```
 */
export function findingView(
  finding: Finding,
  propertyFindings: readonly PropertyFinding[] = [],
  tagsOfVector: ReadonlyMap<string, readonly string[]> = new Map(),
): FindingView {
  const property = finding.vectors[0] === 'property';
  const replay = property
    ? propertyFindings.find(
        (p) => columnKey(p) === columnKey(finding) && (p.cause ?? 'unexplained') === finding.cause,
      )
    : undefined;
  return {
    status: finding.expectedFailure ? 'known' : 'new',
    column: columnKey(finding),
    implementation: finding.implementation,
    environmentLabel: finding.environmentLabel,
    ...(finding.runtimeVersion ? { runtimeVersion: finding.runtimeVersion } : {}),
    outcome: finding.outcome,
    cause: finding.cause,
    explanation: finding.explanation,
    body: shownBytes(finding.minimal.body),
    secret: shownBytes(finding.minimal.secret),
    expected: finding.expected,
    actual: finding.actual,
    property,
    vectors: finding.vectors,
    tags: [...new Set(finding.vectors.flatMap((v) => tagsOfVector.get(v) ?? []))].sort(),
    ...(replay ? { replay: { seed: replay.seed, path: replay.path, vector: replay.vector } } : {}),
    ...(finding.correction ? { correction: finding.correction } : {}),
  };
}

/**
 * Where a finding was seen, in words, listing at most `atMost` vectors.
 *
 * @throws Never.
 * @example
 * ```ts
 * seenIn(view, 2); // '3 vectors: a, b, … (1 more)'
 * seenIn(propertyView, 2); // 'found by the property search'
 * ```
 */
export function seenIn(view: Pick<FindingView, 'property' | 'vectors'>, atMost: number): string {
  if (view.property) return 'found by the property search';
  const { vectors } = view;
  const more = vectors.length - atMost;
  return `${vectors.length} vector${vectors.length === 1 ? '' : 's'}: ${vectors.slice(0, atMost).join(', ')}${more > 0 ? `, … (${more} more)` : ''}`;
}
