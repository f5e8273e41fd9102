import { communityAround } from '../../shared/commands/carve-exclusive-grid-command';
import { drawGridCommand } from '../../shared/commands/draw-grid-command';
import { createdGrid } from './created-grid';
import type { PolygonTool } from './tool-definition';

/** 画网格: a new grid in the community under the drawing, clipped to it and (optionally) around the others. */
export const drawGridTool: PolygonTool = {
  name: 'draw-grid',
  key: 'N',
  icon: '✏',
  label: 'tools.draw-grid',
  tip: 'toolHints.draw-grid',
  hint: (t) => t('edit.drawHint'),
  failure: 'edit.drawFailed',
  drawMode: 'polygon',
  finish: (doc, polygon, settings) => {
    const community = communityAround(doc, polygon);
    if (!community.ok) return community;
    return drawGridCommand(doc, community.value.id, polygon, { avoidOverlap: settings.avoidOverlap });
  },
  selectAfter: (applied, before) => createdGrid(applied, before),
};
