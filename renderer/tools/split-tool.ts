import { splitTargets, splitTargetsCommand } from './split-targets';
import type { LineTool } from './tool-definition';

/**
 * 拆分: the selected grid (or its micro-grids the line cuts through), else the grids the line cuts
 * through within one community (or micro-grids within one grid), cut along the line (split-targets.ts).
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
  finish: (doc, line, settings, { selectedGridId }) => {
    const targets = splitTargets(doc, line.coordinates, selectedGridId);
    if (!targets.ok) return targets;
    return splitTargetsCommand(doc, targets.value, line.coordinates, {
      keepCodeOnLarger: settings.keepCodeOnLarger,
    });
  },
};
