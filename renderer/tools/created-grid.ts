import type { Change, Division, Grid } from '../../shared/model';

/** The id of a grid a change adds that the document did not have before, optionally of one kind. */
export function createdGrid(
  applied: Change,
  before: Division,
  matches: (grid: Grid) => boolean = () => true,
): string | undefined {
  const created = applied.put.find((e) => e.layer === 'grid' && !before.grid.has(e.id) && matches(e));
  return created?.id;
}
