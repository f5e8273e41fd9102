import type { GridType, TargetStatus } from '../model';
import type { RuleName, Severity } from './validation-issue';

/** A grid row of the report: counts come from census points, area is ellipsoidal m². */
export interface ReportGrid {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string;
  /** null when the file names no valid type (reported as a missing attribute). */
  readonly gridType: GridType | null;
  readonly households: number;
  readonly population: number;
  readonly areaM2: number;
  readonly target: TargetStatus;
  /** Optional: the written reason that makes an out-of-range count an accepted exception. */
  readonly justification?: string;
  /** Optional: compactness (Polsby-Popper 4πA/P², 0..1; a multipolygon measured as a whole). */
  readonly compactness?: number;
  /** Optional: contiguity, the number of parts (1 for a contiguous grid). */
  readonly parts?: number;
}

/** A micro-grid row (optional member of the report, present when the division has micro-grids). */
export interface ReportMicrogrid {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string;
  readonly households: number;
  readonly population: number;
  readonly areaM2: number;
  readonly target: TargetStatus;
}

/** An issue of the report, as reviewers' pipelines parse it. */
export interface ReportIssue {
  readonly rule: RuleName;
  readonly severity: Severity;
  readonly codes: string[];
  readonly parentCode?: string;
  readonly areaM2?: number;
  readonly at: [number, number];
  readonly message: string;
  /** Optional: true for an out-of-range count accepted with a written justification. */
  readonly accepted?: true;
  readonly justification?: string;
  /** Optional, on `unassigned-point`: how many census points the issue sums up, with their households. */
  readonly points?: number;
  readonly households?: number;
  readonly population?: number;
}

/**
 * The validation report of the interchange contract (`gridplan validate FILE --format json`). Only
 * optional members may be added to it: `microgrids`, `areaMethod`, `minAreaM2`, `summary.accepted`,
 * `accepted` and `justification` on issues and grids, `points`, `households` and `population` on
 * unassigned-point issues (one per community, never capped), `compactness` and `parts` on grids are such additions.
 */
export interface ValidationReport {
  readonly ruleSet: string;
  readonly grids: ReportGrid[];
  readonly microgrids?: ReportMicrogrid[];
  readonly issues: ReportIssue[];
  readonly summary: {
    readonly grids: number;
    readonly errors: number;
    readonly warnings: number;
    /** Warnings that are accepted exceptions (counted in `warnings` too). */
    readonly accepted?: number;
  };
  /** How areas were computed: always `ellipsoidal-cgcs2000` (see shared/validate/ellipsoid-area.ts). */
  readonly areaMethod?: string;
  /** Pieces smaller than this were not reported. */
  readonly minAreaM2?: number;
}
