import { splitAlong } from './split-targets';
import type { LineTool } from './tool-definition';

/**
 * 拆分: the selected grid (or its micro-grids the line cuts through), else the grids the line cuts
 * through within one community (or micro-grids within one grid), cut along the line (split-targets.ts).
 * The window runs the same split in the sketch worker when it can (use-edit-tools.ts); this is the
 * main-thread path.
 */
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
  finish: (doc, line, settings, { selectedGridId }) =>
    splitAlong(doc, line.coordinates, selectedGridId, { keepCodeOnLarger: settings.keepCodeOnLarger }),
};
