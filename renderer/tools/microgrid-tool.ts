import type { Polygon } from 'geojson';
import type { EditCommand } from './edit-command';
import { runEditCommand } from './edit-command';
import type { EditSettings } from './edit-settings';
import type { PolygonTool, ToolContext } from './tool-definition';

const microgridCommand = (
  polygon: Polygon,
  settings: EditSettings,
  { selectedGridId }: ToolContext,
): EditCommand => ({ kind: 'microgrid', polygon, selectedGridId, avoidOverlap: settings.avoidOverlap });

/**
 * 微网格: a micro-grid inside the selected grid, else inside the grid under the drawing
 * (microgrid-in-grid.ts), in the sketch worker where there is one (use-edit-tools.ts).
 */
export const microgridTool: PolygonTool = {
  name: 'microgrid',
  key: 'W',
  icon: '▦',
  label: 'tools.microgrid',
  tip: 'toolHints.microgrid',
  hint: (t) => t('toolHints.microgrid'),
  failure: 'edit.microgridFailed',
  drawMode: 'polygon',
  command: microgridCommand,
  finish: (doc, polygon, settings, context) =>
    runEditCommand(doc, microgridCommand(polygon, settings, context)),
};
