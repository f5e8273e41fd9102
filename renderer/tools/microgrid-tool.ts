import { drawMicrogridCommand } from '../../shared/commands/draw-microgrid-command';
import { fail, text } from '../../shared/model';
import { gridUnder } from './find-grid';
import type { PolygonTool } from './tool-definition';

/** 微网格: a micro-grid inside the selected grid, else inside the grid under the drawing. */
export const microgridTool: PolygonTool = {
  name: 'microgrid',
  key: 'W',
  icon: '▦',
  label: 'tools.microgrid',
  tip: 'toolHints.microgrid',
  hint: (t) => t('toolHints.microgrid'),
  failure: 'edit.microgridFailed',
  drawMode: 'polygon',
  finish: (doc, polygon, settings, { selectedGridId }) => {
    const gridId = selectedGridId ?? gridUnder(doc, polygon);
    if (!gridId) {
      return fail({
        kind: 'no-grid',
        message: text(
          '所画范围不在任何网格内：请在网格内画微网格，或先选中所在网格。',
          'The drawing is not inside a grid: draw the micro-grid inside a grid, or select its grid first.',
        ),
      });
    }
    return drawMicrogridCommand(doc, gridId, polygon, { avoidOverlap: settings.avoidOverlap });
  },
};
