import type { RuleSet } from '../../shared/model';
import type { PackedDivision } from '../workers/packed-division';
import type { Sketch, SketchPreview } from './sketch-counts';

/** Messages to the sketch-count worker: the current document, or a sketch to count. */
export type SketchRequest =
  | { readonly type: 'document'; readonly division: PackedDivision; readonly ruleSet: RuleSet }
  | { readonly type: 'sketch'; readonly seq: number; readonly sketch: Sketch };

/** Its answer to one sketch, with the sketch's sequence number. */
export interface SketchReply {
  readonly seq: number;
  readonly preview: SketchPreview;
}
