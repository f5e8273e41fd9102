import { deleteGridCommand } from '../../shared/commands/delete-grid-command';
import type { ActionTool } from './tool-definition';

/** 删除: the selected grid goes (undoably) at once. */
export const deleteTool: ActionTool = {
  name: 'delete',
  key: 'Delete',
  otherKeys: ['Backspace'],
  icon: '🗑',
  label: 'tools.delete',
  tip: 'toolHints.delete',
  hint: (t) => t('toolHints.delete'),
  failure: 'edit.deleteFailed',
  drawMode: 'action',
  finish: (doc, selectedGridId) => deleteGridCommand(doc, selectedGridId),
  selectAfter: () => null,
};
