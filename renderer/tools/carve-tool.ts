import { carveExclusiveGridCommand } from '../../shared/commands/carve-exclusive-grid-command';
import { createdGrid } from './created-grid';
import type { PolygonTool } from './tool-definition';

/** 挖出专属网格: a school (the category is changed afterwards in 属性) cut out of the grids under it. */
export const carveTool: PolygonTool = {
  name: 'carve',
  key: 'E',
  icon: '◈',
  label: 'tools.carve',
  tip: 'toolHints.carve',
  hint: (t) => t('edit.carveHint'),
  failure: 'edit.carveFailed',
  drawMode: 'polygon',
  finish: (doc, polygon, _settings, { t }) =>
    carveExclusiveGridCommand(doc, undefined, polygon, 'school', t('edit.newExclusiveName')),
  selectAfter: (applied, before) => createdGrid(applied, before, (grid) => grid.gridType === 'exclusive'),
};
