/** What happened to a grid (or micro-grid) between two divisions. */
export const DIFF_KINDS = ['added', 'removed', 'split', 'merge', 'geometry', 'attributes'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

/** How the old and new sides of a change were paired (by code, by a lineage record, by area overlap). */
export type DiffMatch = 'code' | 'lineage' | 'overlap' | 'none';

/**
 * One event between the old and the new division (../shared/spec/interchange.md, `gridplan diff`). A split
 * is one `split`, never `removed` + `added`; an unchanged grid has no change.
 */
export interface DiffChange {
  readonly kind: DiffKind;
  /**
   * New or current codes: the parts of a split, the result of a merge, the added grid, the changed grid;
   * for `removed`, the removed code.
   */
  readonly codes: readonly string[];
  /**
   * Old codes: the split grid, the merged grids, the removed grid, or the old code of a grid whose
   * geometry or attributes changed (different from `codes` only when its code changed: then `fields`
   * lists `code`). Empty for `added`.
   */
  readonly fromCodes: readonly string[];
  /**
   * Area in m² that is covered by the old side or by the new side but not by both (the symmetric
   * difference of their unions, ellipsoidal): the whole grid for `added`/`removed`, the moved area for
   * `geometry`, about 0 for a clean split or merge, 0 for `attributes`.
   */
  readonly areaChangedM2: number;
  /** Households counted from the old division's census points in the `fromCodes` grids. */
  readonly householdsBefore: number;
  /** Households counted from the new division's census points in the `codes` grids. */
  readonly householdsAfter: number;
  /**
   * Changed property names (`name`, `staff`, `gridType`, `note`, `status`, `exclusiveCategory`,
   * `parentCode`, `justification`, `locked`, `code`, or an unknown property's own name), sorted. Also
   * given on `geometry` changes whose attributes changed too; empty otherwise.
   */
  readonly fields: readonly string[];
  /** Optional member: `grid` or `microgrid`. */
  readonly layer: 'grid' | 'microgrid';
  /** Optional member: how the two sides were paired. */
  readonly matchedBy: DiffMatch;
}

/** Number of changes of each kind (`merged` counts `merge` changes). Micro-grid changes are included. */
export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly split: number;
  readonly merged: number;
  readonly geometry: number;
  readonly attributes: number;
}

/** The result of {@link diffDivisions}: `gridplan diff --format json` prints exactly this. */
export interface DivisionDiff {
  readonly summary: DiffSummary;
  readonly changes: readonly DiffChange[];
}

/** Options of {@link diffDivisions}. */
export interface DiffOptions {
  /**
   * Geometry changes and overlaps smaller than this (m²) are ignored, so floating-point slivers are not
   * reported. Default 1.
   */
  readonly minAreaM2?: number;
  /**
   * An old and a new grid with different codes are paired by overlap when their common area is at least
   * this share of the smaller of the two (and at least `minAreaM2`). Default 0.1.
   */
  readonly minOverlapShare?: number;
}
