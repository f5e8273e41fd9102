import type { Position } from 'geojson';
import type { Change, RuleSet, Result } from '../../shared/model';
import type { PackedDivision } from '../workers/packed-division';
import type { Sketch, SketchPreview } from './sketch-counts';

/**
 * Messages to the sketch-count worker: the current document (numbered, so answers say which one they
 * were made on) or an edit of it (a Change is far smaller to send than the document), a sketch to count, or a split line to finish (拆分's command, off the main thread).
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
  | {
      readonly type: 'split';
      readonly id: number;
      readonly line: readonly Position[];
      readonly selectedGridId: string | null;
      readonly keepCodeOnLarger: boolean;
    };

/** Its answer to one sketch, with the sketch's sequence number. */
export interface SketchReply {
  readonly type: 'sketch';
  readonly seq: number;
  readonly preview: SketchPreview;
}

/**
 * Its answer to a split line: the command's result on the document numbered `version` (null when the
 * worker had no document yet).
 */
export interface SplitReply {
  readonly type: 'split';
  readonly id: number;
  readonly version: number | null;
  readonly result: Result<Change>;
}

export type SketchWorkerReply = SketchReply | SplitReply;
