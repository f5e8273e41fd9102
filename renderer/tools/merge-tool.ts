import { mergeGridsCommand } from '../../shared/commands/merge-grids-command';
import { mergeMicrogridsCommand } from '../../shared/commands/merge-microgrids-command';
import type { Division } from '../../shared/model';
import type { PickTool } from './tool-definition';

/** The picked grid or micro-grid with the lowest code: the default survivor of a merge. */
export function lowestCode(doc: Division, picked: readonly string[]): string | undefined {
  const codes = picked
    .map((id) => ({ id, code: (doc.grid.get(id) ?? doc.microgrid.get(id))?.code }))
    .filter((e): e is { id: string; code: string } => e.code !== undefined)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return codes[0]?.id;
}

/**
 * 合并: grids of one community (or, with 微网格 on, micro-grids of one grid) clicked one after another,
 * merged on Enter or 合并所选. The planner chooses which code survives in the hint box (default the lowest
 * code; or a new code); the merged grids' micro-grids follow the result (shared/commands).
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
  finish: (doc, picked, _settings, keep) => {
    const survivor = keep === undefined ? lowestCode(doc, picked) : keep;
    const options = survivor === null || survivor === undefined ? {} : { keepCodeOf: survivor };
    return picked.every((id) => doc.microgrid.has(id))
      ? mergeMicrogridsCommand(doc, picked, options)
      : mergeGridsCommand(doc, picked, options);
  },
  selectAfter: (applied) => applied.put.find((e) => e.layer === 'grid')?.id,
};
