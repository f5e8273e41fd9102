import type { Polygon } from 'geojson';
import { createdGrid } from './created-grid';
import type { EditCommand } from './edit-command';
import { runEditCommand } from './edit-command';
import type { EditSettings } from './edit-settings';
import type { PolygonTool } from './tool-definition';

const drawGridCommand = (polygon: Polygon, settings: EditSettings): EditCommand => ({
  kind: 'draw-grid',
  polygon,
  avoidOverlap: settings.avoidOverlap,
});

/**
 * 画网格: a new grid in the community under the drawing, clipped to it and (optionally) around the others,
 * in the sketch worker where there is one (use-edit-tools.ts).
 */
export const drawGridTool: PolygonTool = {
  name: 'draw-grid',
  key: 'N',
  icon: '✏',
  label: 'tools.draw-grid',
  tip: 'toolHints.draw-grid',
  hint: (t) => t('edit.drawHint'),
  failure: 'edit.drawFailed',
  drawMode: 'polygon',
  command: drawGridCommand,
  finish: (doc, polygon, settings) => runEditCommand(doc, drawGridCommand(polygon, settings)),
  selectAfter: (applied, before) => createdGrid(applied, before),
};
