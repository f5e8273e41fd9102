import type { Change, LocalText } from '../model';

/** A made grid outside the band, with where and why. */
export interface OutOfBandGrid {
  readonly gridId: string;
  readonly code: string;
  readonly households: number;
  readonly population: number;
  /** Where and why, e.g. "one compound of 800 households (阳光小区) cannot be cut". */
  readonly reason: LocalText;
}

/** What dividing (or rebalancing) one community made, with its quality figures. */
export interface CommunityOutcome {
  readonly communityId: string;
  readonly code: string;
  readonly households: number;
  readonly population: number;
  /** Grids made. */
  readonly grids: number;
  /**
   * The number of grids asked for (`--grids`), when one was; more than `grids` when the community has
   * fewer units that may be parted (blocks, compounds, buildings) than that.
   */
  readonly gridsRequested?: number;
  /** Of them, within the band. */
  readonly inBand: number;
  /** Polsby-Popper 4πA/P², 0..1. */
  readonly compactnessMean: number;
  readonly compactnessMin: number;
  /** Share of internal boundary length on guide lines (0..1), when guides were given. */
  readonly streetShare?: number;
  readonly seconds: number;
  /** Feasible grid counts, null when no count puts every grid in the band. */
  readonly feasible: { readonly min: number; readonly max: number } | null;
  readonly outOfBand: readonly OutOfBandGrid[];
}

/** A proposal of automatic division. */
export interface DivisionProposal {
  /**
   * One undoable change: the new grids (codes from the code engine, names from the naming rule, gridType
   * from the community kind, status draft) and the communities' extended lineage ('create').
   */
  readonly change: Change;
  readonly communities: readonly CommunityOutcome[];
}
