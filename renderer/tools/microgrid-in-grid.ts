import type { Polygon } from 'geojson';
import { drawMicrogridCommand } from '../../shared/commands/draw-microgrid-command';
import type { Change, Division, Result } from '../../shared/model';
import { fail, text } from '../../shared/model';
import { gridUnder } from './find-grid';

/** 微网格's command: a micro-grid inside `selectedGridId`, else inside the grid under the drawing. */
export function microgridInGrid(
  doc: Division,
  polygon: Polygon,
  selectedGridId: string | null,
  avoidOverlap: boolean,
): Result<Change> {
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
  return drawMicrogridCommand(doc, gridId, polygon, { avoidOverlap });
}
