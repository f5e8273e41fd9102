import type { Change, Division, Result, RuleSet } from '../../shared/model';
import { applyChange, fail, text } from '../../shared/model';
import type { SketchPreview } from '../divide/sketch-counts';
import { NO_PREVIEW, sketchCounts } from '../divide/sketch-counts';
import type { SketchRequest, SketchWorkerReply } from '../divide/sketch-protocol';
import { communityGaps } from '../tools/community-gaps';
import { runEditCommand } from '../tools/edit-command';
import { unpackDivision } from './packed-division';

/**
 * The sketch-count worker's state and answers, apart from the worker's messaging so tests run it in
 * process: it keeps the newest document it was sent and answers sketches (counts before commit) and
 * edit commands (拆分, 合并, 挖出专属网格, 填补空白, 画网格, 微网格: edit-command.ts) and
 * 填补空白's gap list (community-gaps.ts) on it. Returns null for a message that needs no answer.
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
    if (request.type === 'edit') {
      if (!current) return { type: 'edit', id: request.id, version: null, result: NOT_READY };
      let result: Result<Change>;
      try {
        result = runEditCommand(current.division, request.command);
      } catch {
        result = GEOMETRY_FAILED;
      }
      return { type: 'edit', id: request.id, version: current.version, result };
    }
    if (request.type === 'gaps') {
      if (!current) return { type: 'gaps', id: request.id, version: null, result: NOT_READY };
      const result = communityGaps(current.division, request.communityId);
      return { type: 'gaps', id: request.id, version: current.version, result };
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

const NOT_READY = fail<never>({
  kind: 'not-ready',
  message: text(
    '文档尚未载入后台计算，本次修改未应用：请稍候重新操作一次。',
    'The document had not reached the background computation yet, so this edit was not applied: do it again in a moment.',
  ),
});

const GEOMETRY_FAILED = fail<never>({
  kind: 'geometry',
  message: text(
    '所画的几何无法计算（例如线或轮廓自相交），本次修改未应用，数据完好：请画一条简单的线或轮廓重试。',
    'What was drawn could not be computed (for example a line or outline that crosses itself), so this edit was not applied and the data is intact: draw a simple line or outline and try again.',
  ),
});
