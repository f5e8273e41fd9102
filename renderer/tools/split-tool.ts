import type { LineString } from 'geojson';
import type { EditCommand } from './edit-command';
import { runEditCommand } from './edit-command';
import type { EditSettings } from './edit-settings';
import type { LineTool, ToolContext } from './tool-definition';

const splitCommand = (
  line: LineString,
  settings: EditSettings,
  { selectedGridId }: ToolContext,
): EditCommand => ({
  kind: 'split',
  line: line.coordinates,
  selectedGridId,
  keepCodeOnLarger: settings.keepCodeOnLarger,
});

/**
 * 拆分: the selected grid (or its micro-grids the line cuts through), else the grids the line cuts
 * through within one community (or micro-grids within one grid), cut along the line (split-targets.ts).
 * The window runs it in the sketch worker (use-edit-tools.ts), on the main thread only without one.
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
  command: splitCommand,
  finish: (doc, line, settings, context) => runEditCommand(doc, splitCommand(line, settings, context)),
};
