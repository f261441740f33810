/**
 * What the runner schedules: a column alone, or the columns of one run group side by side
 * (see `Column.runGroup`), so a case they share runs once for all of them instead of once
 * per column at different times of the run.
 *
 * @module
 */

/**
 * Groups columns into units: each unit holds the indexes of the columns of one run group
 * (or one column without a group), units in the order of their first column.
 *
 * @example
 * ```ts
 * runUnits([{ runGroup: 'g' }, {}, { runGroup: 'g' }]); // [[0, 2], [1]]
 * ```
 */
export function runUnits(columns: ReadonlyArray<{ runGroup?: string }>): number[][] {
  const units: number[][] = [];
  const byGroup = new Map<string, number[]>();
  columns.forEach((column, index) => {
    const group = column.runGroup;
    if (group === undefined) {
      units.push([index]);
      return;
    }
    const unit = byGroup.get(group);
    if (unit) {
      unit.push(index);
      return;
    }
    const fresh = [index];
    byGroup.set(group, fresh);
    units.push(fresh);
  });
  return units;
}
