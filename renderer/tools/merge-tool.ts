import { mergeGridsCommand } from '../../shared/commands/merge-grids-command';
import type { PickTool } from './tool-definition';

/** 合并: grids of one community clicked one after another, merged on Enter or 合并所选. */
export const mergeTool: PickTool = {
  name: 'merge',
  key: 'M',
  icon: '⊕',
  label: 'tools.merge',
  tip: 'toolHints.merge',
  hint: (t, picked) => t('edit.mergeHint', { count: picked.length }),
  failure: 'edit.mergeFailed',
  drawMode: 'pick',
  minimum: 2,
  finishLabel: 'edit.mergeNow',
  finish: (doc, picked) => mergeGridsCommand(doc, picked),
  selectAfter: (applied) => applied.put.find((e) => e.layer === 'grid')?.id,
};
