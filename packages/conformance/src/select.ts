/**
 * `--only` and `--skip`: each name picks implementations, environments, columns,
 * languages, or vector tags, whichever it names.
 *
 * @module
 */
import type { Vector } from '@plugnmeet-signing/vectors';
import { columnKey } from './column-key.js';
import { ConformanceError } from './errors.js';
import type { Column, ColumnLevel } from './model.js';

/** The names a column shown in the matrix answers to: a subject's own, or its wire level's. */
function names(level: ColumnLevel): string[] {
  return [
    columnKey({ implementation: level.implementation.id, environment: level.environment.id }),
    level.implementation.id,
    level.environment.id,
    level.implementation.language,
    level.implementation.kind,
  ];
}

/**
 * `column` showing only the levels selected: a subject run for its wire level alone
 * (`--only wire-shell`), or without the wire level it would also show (`--only corrected`).
 * The subject itself is shared, not copied: its preparation and labels stay its own.
 */
function showing(column: Column, own: boolean, wire: boolean): Column {
  if (own && (wire || !column.wireLevel)) return column;
  const view = Object.create(column) as Column;
  if (!wire) Object.defineProperty(view, 'wireLevel', { value: undefined, enumerable: true });
  if (!own) Object.defineProperty(view, 'shown', { value: 'wire-level-only', enumerable: true });
  return view;
}

export interface Selection {
  columns: Column[];
  vectorFilter: (vector: Vector) => boolean;
}

/**
 * Applies `only` and `skip` to columns and vectors.
 *
 * @throws {ConformanceError} `ERR_CONFORMANCE_USAGE` for a name that is neither a column
 * part nor a vector tag, listing what would have been accepted.
 * @example
 * ```ts
 * const { columns, vectorFilter } = selectColumns(all, ['shell', 'non-ascii'], [], tags);
 * ```
 */
export function selectColumns(
  all: readonly Column[],
  only: readonly string[],
  skip: readonly string[],
  tags: ReadonlySet<string>,
): Selection {
  const levels = (column: Column): ColumnLevel[] => [
    column,
    ...(column.wireLevel ? [column.wireLevel] : []),
  ];
  const columnNames = new Set(all.flatMap((column) => levels(column).flatMap(names)));
  for (const name of [...only, ...skip]) {
    if (!columnNames.has(name) && !tags.has(name)) {
      throw new ConformanceError(
        'ERR_CONFORMANCE_USAGE',
        `--only/--skip: ${JSON.stringify(name)} names no implementation, environment, column, language or vector tag; known: ${[...columnNames].sort().join(', ')}; tags: ${[...tags].sort().join(', ')}`,
      );
    }
  }
  const onlyColumns = only.filter((n) => columnNames.has(n));
  const onlyTags = only.filter((n) => !columnNames.has(n));
  const skipColumns = new Set(skip.filter((n) => columnNames.has(n)));
  const skipTags = new Set(skip.filter((n) => !columnNames.has(n)));
  const selected = (level: ColumnLevel) => {
    const own = names(level);
    if (onlyColumns.length > 0 && !onlyColumns.some((n) => own.includes(n))) return false;
    return !own.some((n) => skipColumns.has(n));
  };
  const columns = all.flatMap((column) => {
    const own = selected(column);
    const wire = column.wireLevel !== undefined && selected(column.wireLevel);
    return own || wire ? [showing(column, own, wire)] : [];
  });
  const vectorFilter = (vector: Vector) =>
    (onlyTags.length === 0 || onlyTags.some((t) => vector.tags.includes(t))) &&
    !vector.tags.some((t) => skipTags.has(t));
  return { columns, vectorFilter };
}

/**
 * The columns of the matrix `column` fills, as selected: its own unless only its wire level
 * was chosen, then its wire level if it has one and it was chosen.
 *
 * @throws Never.
 * @example
 * ```ts
 * shownLevels(shellBash).map((l) => l.implementation.id); // ['shell', 'wire-shell']
 * ```
 */
export function shownLevels(column: Column): ColumnLevel[] {
  return [
    ...(column.shown === 'wire-level-only' ? [] : [column]),
    ...(column.wireLevel ? [column.wireLevel] : []),
  ];
}
