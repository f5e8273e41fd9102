import type { Change, LocalText, RuleSet } from '../../shared/model';
import type { CensusCounts, CensusTally } from '../../shared/geometry/count-census';
import type { ValidationIssue } from '../../shared/validate';
import type { PackedDivision } from './packed-division';

/** Messages to the validation worker. `revision` orders answers: a stale answer is ignored. */
export type ValidationRequest =
  | {
      readonly type: 'reset';
      readonly revision: number;
      /** Packed: the census crosses as columns (packed-division.ts). */
      readonly division: PackedDivision;
      readonly ruleSet: RuleSet;
      readonly minAreaM2: number;
    }
  | { readonly type: 'change'; readonly revision: number; readonly change: Change };

/** Answers of the validation worker. */
export type ValidationResponse =
  | {
      readonly type: 'result';
      readonly revision: number;
      readonly issues: readonly ValidationIssue[];
      /** Households and population per grid id, as the validator counted them. */
      readonly gridCounts: ReadonlyMap<string, CensusTally>;
      /** Everything the validator counted (grids, micro-grids, unassigned): the window's figures. */
      readonly counts: CensusCounts;
      readonly unassignedHouseholds: number;
      /** Whether the whole division was validated (a reset) or only the neighbourhood of a change. */
      readonly full: boolean;
      /** Time the worker spent, in milliseconds. */
      readonly durationMs: number;
      /** Scopes recomputed by an incremental run (entities, pairs, parents). */
      readonly scopes: number;
    }
  | { readonly type: 'failed'; readonly revision: number; readonly message: LocalText }
  /** Sent once when the worker's module has run and it can take requests. */
  | { readonly type: 'ready' }
  /** A request arrived that could not be read (structured clone failed): the worker's copy is unsure. */
  | { readonly type: 'unreadable' };
