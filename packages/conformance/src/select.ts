/**
 * `--only` and `--skip`: each name picks implementations, environments, columns,
 * languages, or vector tags, whichever it names.
 *
 * @module
 */
import type { Vector } from '@plugnmeet-signing/vectors';
import { ConformanceError } from './errors.js';
import type { Column } from './model.js';

function names(column: Column): string[] {
  return [
    column.id,
    column.implementation.id,
    column.environment.id,
    column.implementation.language,
    column.implementation.kind,
  ];
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
  const columnNames = new Set(all.flatMap(names));
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
  const columns = all.filter((column) => {
    const own = names(column);
    if (onlyColumns.length > 0 && !onlyColumns.some((n) => own.includes(n))) return false;
    return !own.some((n) => skipColumns.has(n));
  });
  const vectorFilter = (vector: Vector) =>
    (onlyTags.length === 0 || onlyTags.some((t) => vector.tags.includes(t))) &&
    !vector.tags.some((t) => skipTags.has(t));
  return { columns, vectorFilter };
}
