import type { PlainTool } from './tool-definition';

/** 选择: click a grid to select it; the selected grid's vertices can be dragged, inserted and deleted. */
export const selectTool: PlainTool = {
  name: 'select',
  key: 'V',
  icon: '⬚',
  label: 'tools.select',
  tip: 'toolHints.select',
  hint: (t) => t('toolHints.select'),
  failure: 'edit.vertexFailed',
  drawMode: 'none',
};
