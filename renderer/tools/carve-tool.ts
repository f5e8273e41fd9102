import type { Polygon } from 'geojson';
import { createdGrid } from './created-grid';
import type { EditCommand } from './edit-command';
import { runEditCommand } from './edit-command';
import type { PolygonTool, ToolContext } from './tool-definition';

const carveCommand = (polygon: Polygon, _settings: unknown, { t }: ToolContext): EditCommand => ({
  kind: 'carve',
  polygon,
  name: t('edit.newExclusiveName'),
});

/**
 * 挖出专属网格: a school (the category is changed afterwards in 属性) cut out of the grids under it, in the
 * sketch worker where there is one (use-edit-tools.ts).
 */
export const carveTool: PolygonTool = {
  name: 'carve',
  key: 'E',
  icon: '◈',
  label: 'tools.carve',
  tip: 'toolHints.carve',
  hint: (t) => t('edit.carveHint'),
  failure: 'edit.carveFailed',
  drawMode: 'polygon',
  command: carveCommand,
  finish: (doc, polygon, settings, context) => runEditCommand(doc, carveCommand(polygon, settings, context)),
  selectAfter: (applied, before) => createdGrid(applied, before, (grid) => grid.gridType === 'exclusive'),
};
