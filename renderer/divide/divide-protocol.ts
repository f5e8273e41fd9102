import type { CommunityOutcome, DivisionProposal, FeasibleGridCounts } from '../../shared/divide';
import type {
  Change,
  Division,
  LocalText,
  ReferenceLayer,
  Result,
  RuleSet,
  TargetStatus,
} from '../../shared/model';

/** What the divide worker is asked: the feasible counts, a division proposal, or a rebalancing. */
export type DivideRequest =
  | {
      readonly type: 'feasible';
      readonly division: Division;
      readonly communityIds: readonly string[];
      readonly ruleSet: RuleSet;
      readonly guides: readonly ReferenceLayer[];
    }
  | {
      readonly type: 'divide';
      readonly division: Division;
      /** Empty: every community without grids. */
      readonly communityIds: readonly string[];
      readonly ruleSet: RuleSet;
      readonly guides: readonly ReferenceLayer[];
      readonly gridCount?: number;
      readonly seed: number;
      readonly at: string;
    }
  | {
      readonly type: 'rebalance';
      readonly division: Division;
      readonly gridIds: readonly string[];
      readonly ruleSet: RuleSet;
      readonly guides: readonly ReferenceLayer[];
      readonly seed: number;
      readonly at: string;
    };

/** The feasible counts of one community. */
export interface CommunityCounts extends FeasibleGridCounts {
  readonly communityId: string;
}

/** One proposed grid as the preview table and map show it. */
export interface ProposedGrid {
  readonly gridId: string;
  readonly code: string;
  readonly name: string;
  readonly communityId: string;
  readonly households: number;
  readonly population: number;
  readonly compactness: number;
  readonly parts: number;
  readonly status: TargetStatus;
  /** The engine's reason when it could not bring the grid into the band. */
  readonly reason?: LocalText;
}

/** A proposal (division or rebalancing) ready to preview: the one Change to accept, and its figures. */
export interface Preview {
  readonly change: Change;
  readonly communities: readonly CommunityOutcome[];
  readonly grids: readonly ProposedGrid[];
}

export type DivideReply =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'feasible'; readonly counts: readonly CommunityCounts[] }
  | { readonly type: 'preview'; readonly result: Result<Preview> };

export type { DivisionProposal };
