import type { Grid } from '../../shared/model';

/**
 * Projects with up to this many grids list every grid in the tree, as they always did. Above it the
 * communities start folded: a city of 5,000 grids rendered 5,000 rows (some 50,000 DOM nodes) on every
 * change of the figures, which made opening it grow with the number of grids (docs/benchmarks.md).
 */
export const TREE_ALL_GRIDS_UP_TO = 400;

/** A search lists at most this many grids; the tree says how many more matched. */
export const TREE_SEARCH_ROWS = 200;

/** Which grid rows the tree renders. */
export interface ShownGrids {
  /** Grid rows per community code; a code without an entry shows no rows (folded or no match). */
  readonly byCommunity: ReadonlyMap<string, readonly Grid[]>;
  /** Communities fold and unfold (the project is above {@link TREE_ALL_GRIDS_UP_TO} and nothing is searched). */
  readonly folding: boolean;
  /** Grids that matched the search in all. */
  readonly matched: number;
  /** Matching grids left out because a search lists at most {@link TREE_SEARCH_ROWS}. */
  readonly leftOut: number;
}

export interface ShownGridsInput {
  /** Grids by community code, each list in display order. */
  readonly gridsByCommunity: ReadonlyMap<string, readonly Grid[]>;
  /** Community codes in display order (communities of the project, then codes of orphan grids). */
  readonly order: readonly string[];
  /** The search, trimmed and lower-cased; '' when nothing is searched. */
  readonly needle: string;
  /** Communities the planner unfolded. */
  readonly unfolded: ReadonlySet<string>;
  /** The selected grid's community: always unfolded, so the selection is visible in the tree. */
  readonly selectedCommunityCode: string | null;
}

export function gridMatches(grid: Grid, needle: string): boolean {
  return needle === '' || grid.code.includes(needle) || grid.name.toLowerCase().includes(needle);
}

/**
 * The grid rows to render: every grid of a small project; of a large one only those of unfolded
 * communities and the selected grid's; of a search the first {@link TREE_SEARCH_ROWS} matches. The
 * number of rows is thus bounded by what the planner asked to see, not by the size of the project.
 */
export function shownTreeGrids(input: ShownGridsInput): ShownGrids {
  const { gridsByCommunity, order, needle, unfolded, selectedCommunityCode } = input;
  const byCommunity = new Map<string, readonly Grid[]>();
  if (needle !== '') {
    let matched = 0;
    let room = TREE_SEARCH_ROWS;
    for (const code of order) {
      const hits = (gridsByCommunity.get(code) ?? []).filter((grid) => gridMatches(grid, needle));
      matched += hits.length;
      if (hits.length > 0 && room > 0) {
        byCommunity.set(code, hits.slice(0, room));
        room -= Math.min(room, hits.length);
      }
    }
    return { byCommunity, folding: false, matched, leftOut: Math.max(0, matched - TREE_SEARCH_ROWS) };
  }
  let total = 0;
  for (const grids of gridsByCommunity.values()) total += grids.length;
  const folding = total > TREE_ALL_GRIDS_UP_TO;
  for (const code of order) {
    const grids = gridsByCommunity.get(code);
    if (!grids) continue;
    if (!folding || unfolded.has(code) || code === selectedCommunityCode) byCommunity.set(code, grids);
  }
  return { byCommunity, folding, matched: total, leftOut: 0 };
}
