import { splitGridCommand } from '../../shared/commands/split-grid-command';
import { fail, text } from '../../shared/model';
import { gridCrossedBy } from './find-grid';
import type { LineTool } from './tool-definition';

/** 拆分: the selected grid, else the first grid the line crosses, cut in two along the line. */
export const splitTool: LineTool = {
  name: 'split',
  key: 'S',
  icon: '✂',
  label: 'tools.split',
  tip: 'toolHints.split',
  hint: (t) => t('edit.splitHint'),
  failure: 'edit.splitFailed',
  settings: ['keepCodeOnLarger'],
  drawMode: 'line',
  finish: (doc, line, settings, { selectedGridId }) => {
    const target = selectedGridId ?? gridCrossedBy(doc, line.coordinates);
    if (!target) {
      return fail({
        kind: 'no-grid',
        message: text(
          '拆分线没有穿过任何网格：请画一条从网格外穿过网格到网格外的线。',
          'The line does not cross a grid: draw a line from outside the grid, across it, to outside.',
        ),
      });
    }
    return splitGridCommand(doc, target, line.coordinates, { keepCodeOnLarger: settings.keepCodeOnLarger });
  },
};
