import type { Change, Division, Result, RuleSet } from '../../shared/model';
import { applyChange, fail, text } from '../../shared/model';
import type { SketchPreview } from '../divide/sketch-counts';
import { NO_PREVIEW, sketchCounts } from '../divide/sketch-counts';
import type { SketchRequest, SketchWorkerReply } from '../divide/sketch-protocol';
import { splitAlong } from '../tools/split-targets';
import { unpackDivision } from './packed-division';

/**
 * The sketch-count worker's state and answers, apart from the worker's messaging so tests run it in
 * process: it keeps the newest document it was sent and answers sketches (counts before commit) and
 * split lines (拆分's command) on it. Returns null for a message that needs no answer.
 */
export function createSketchHandler(): (request: SketchRequest) => SketchWorkerReply | null {
  let current: { version: number; division: Division; ruleSet: RuleSet } | null = null;
  return (request) => {
    if (request.type === 'document') {
      current = {
        version: request.version,
        division: unpackDivision(request.division),
        ruleSet: request.ruleSet,
      };
      return null;
    }
    if (request.type === 'change') {
      // Out of step (cannot happen with one ordered port): no document rather than a wrong one.
      current =
        current && current.version === request.version - 1
          ? {
              ...current,
              version: request.version,
              division: applyChange(current.division, request.change).division,
            }
          : null;
      return null;
    }
    if (request.type === 'split') {
      if (!current) return { type: 'split', id: request.id, version: null, result: NOT_READY };
      let result: Result<Change>;
      try {
        result = splitAlong(current.division, request.line, request.selectedGridId, {
          keepCodeOnLarger: request.keepCodeOnLarger,
        });
      } catch {
        result = GEOMETRY_FAILED;
      }
      return { type: 'split', id: request.id, version: current.version, result };
    }
    let preview: SketchPreview = NO_PREVIEW;
    try {
      if (current) preview = sketchCounts(current.division, current.ruleSet, request.sketch);
    } catch {
      // A sketch the geometry cannot handle yet (a self-crossing outline mid-drawing) shows no count.
      preview = NO_PREVIEW;
    }
    return { type: 'sketch', seq: request.seq, preview };
  };
}

const NOT_READY: Result<Change> = fail({
  kind: 'not-ready',
  message: text(
    '文档尚未载入拆分计算，本次拆分未应用：请稍候重新画拆分线。',
    'The document had not reached the split computation yet, so this split was not applied: draw the split line again in a moment.',
  ),
});

const GEOMETRY_FAILED: Result<Change> = fail({
  kind: 'geometry',
  message: text(
    '拆分线的几何无法计算（例如线自相交），本次拆分未应用：请画一条简单的线重试。',
    'The split line could not be computed (for example it crosses itself), so this split was not applied: draw a simple line and try again.',
  ),
});
