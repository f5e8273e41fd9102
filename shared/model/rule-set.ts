import type { LocalText } from './local-text';

/** A household/population target for one kind of grid. Bounds are inclusive; absent means no bound. */
export interface GridTarget {
  readonly minHouseholds?: number;
  readonly maxHouseholds?: number;
  /** "About N people" (约1000人): a grid within ±tolerance of it counts as within target. */
  readonly aboutPopulation?: number;
  /** Relative tolerance for `aboutPopulation`, e.g. 0.2 for ±20 %. */
  readonly populationTolerance?: number;
  /** Maximum population, where a regulation names one. */
  readonly maxPopulation?: number;
}

/**
 * A rule set: the targets of one local regulation, with the article they come from. Shipped as editable
 * presets in resources/rule-sets; a user may make a custom one in the same JSON shape.
 */
export interface RuleSet {
  readonly id: string;
  readonly name: LocalText;
  /** Regulation and article, e.g. 自贡市城乡社会治理网格化服务管理办法 第八条. */
  readonly source: LocalText;
  readonly urban: GridTarget | null;
  readonly rural: GridTarget | null;
  readonly microgrid: GridTarget | null;
  /** Whether micro-grids (微网格) are part of this rule set's division. */
  readonly usesMicrogrids: boolean;
  /** Whether every grid must name a grid leader (网格长). */
  readonly requiresLeader: boolean;
  /** Code templates; see shared/codes. Defaults: `{community}{seq3}` and `{grid}{seq3}`. */
  readonly gridCodeTemplate?: string;
  readonly microgridCodeTemplate?: string;
  /** Whether a grid may extend outside its community (a local override). */
  readonly allowOutsideParent?: boolean;
}

/** Household status of a grid against its target; `none` for exclusive grids or no target. */
export type TargetStatus = 'under' | 'ok' | 'over' | 'none';
