import type { ReferenceLayer, RuleSet } from '../model';

/** What automatic division (自动划分) and rebalancing (平衡) take besides the division itself. */
export interface DivideOptions {
  readonly ruleSet: RuleSet;
  /** Preferred boundaries: line layers (roads, rivers, railways) and polygons never cut (compounds). */
  readonly guides?: readonly ReferenceLayer[];
  /** Number of grids per community; absent: chosen within the feasible range (closest to the band's middle). */
  readonly gridCount?: number;
  /** Deterministic: the same input and seed give the same proposal. */
  readonly seed?: number;
  readonly onProgress?: (fraction: number) => void;
  /** Polled between steps; when true the call returns a `cancelled` failure. */
  readonly shouldCancel?: () => boolean;
  /** When the edit happens, for lineage (ISO 8601). Default: now. */
  readonly at?: string;
}
