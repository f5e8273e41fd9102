import type { Change, RuleSet, Result } from '../../shared/model';
import type { ListedGap } from '../tools/community-gaps';
import type { EditCommand } from '../tools/edit-command';
import type { PackedDivision } from '../workers/packed-division';
import type { Sketch, SketchPreview } from './sketch-counts';

/**
 * Messages to the sketch-count worker: the current document (numbered, so answers say which one they
 * were made on) or an edit of it (a Change is far smaller to send than the document), a sketch to count, or
 * an edit command to compute off the main thread (拆分, 合并, 挖出专属网格, 填补空白, 画网格, 微网格:
 * renderer/tools/edit-command.ts), or 填补空白's gap list.
 */
export type SketchRequest =
  | {
      readonly type: 'document';
      readonly version: number;
      readonly division: PackedDivision;
      readonly ruleSet: RuleSet;
    }
  | {
      /** An edit of the document numbered `version - 1`, which makes document `version`. */
      readonly type: 'change';
      readonly version: number;
      readonly change: Change;
    }
  | { readonly type: 'sketch'; readonly seq: number; readonly sketch: Sketch }
  | { readonly type: 'edit'; readonly id: number; readonly command: EditCommand }
  /** 填补空白's list of a community's gaps (community-gaps.ts), answered like an edit command. */
  | { readonly type: 'gaps'; readonly id: number; readonly communityId: string };

/** Its answer to one sketch, with the sketch's sequence number. */
export interface SketchReply {
  readonly type: 'sketch';
  readonly seq: number;
  readonly preview: SketchPreview;
}

/**
 * Its answer to an edit command: the command's result on the document numbered `version` (null when the
 * worker had no document yet).
 */
export interface EditReply {
  readonly type: 'edit';
  readonly id: number;
  readonly version: number | null;
  readonly result: Result<Change>;
}

/** Its answer to a gap list, like {@link EditReply}. */
export interface GapsReply {
  readonly type: 'gaps';
  readonly id: number;
  readonly version: number | null;
  readonly result: Result<ListedGap[]>;
}

export type SketchWorkerReply = SketchReply | EditReply | GapsReply;
