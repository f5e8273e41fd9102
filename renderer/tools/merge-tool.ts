import type { EditCommand } from './edit-command';
import { runEditCommand } from './edit-command';
import type { PickTool } from './tool-definition';

const mergeCommand = (picked: readonly string[], _settings: unknown, keep?: string | null): EditCommand => ({
  kind: 'merge',
  picked,
  keep,
});

/**
 * 合并: grids of one community (or, with 微网格 on, micro-grids of one grid) clicked one after another,
 * merged on Enter or 合并所选. The planner chooses which code survives in the hint box (default the lowest
 * code; or a new code); the merged grids' micro-grids follow the result (shared/commands). The window
 * runs it in the sketch worker (use-edit-tools.ts), on the main thread only without one.
 */
export const mergeTool: PickTool = {
  name: 'merge',
  key: 'M',
  icon: '⊕',
  label: 'tools.merge',
  tip: 'toolHints.merge',
  hint: (t, picked) => t('edit.mergeHint', { count: picked.length }),
  failure: 'edit.mergeFailed',
  settings: ['microgrids'],
  drawMode: 'pick',
  minimum: 2,
  finishLabel: 'edit.mergeNow',
  choosesSurvivor: true,
  command: mergeCommand,
  finish: (doc, picked, settings, keep) => runEditCommand(doc, mergeCommand(picked, settings, keep)),
  selectAfter: (applied) => applied.put.find((e) => e.layer === 'grid')?.id,
};
