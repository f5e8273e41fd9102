import type { MeasureTool } from './tool-definition';

/** 测距: click along a path, double-click to end; the geodesic length in m/km. Esc clears. */
export const measureDistanceTool: MeasureTool = {
  name: 'measure-distance',
  key: 'D',
  icon: '↔',
  label: 'tools.measure-distance',
  tip: 'toolHints.measure-distance',
  hint: (t) => t('edit.measureDistanceHint'),
  drawMode: 'measure',
  shape: 'line',
};

/** 测面积: click around a shape, double-click or close it; its area in 平方米/亩/公顷. Esc clears. */
export const measureAreaTool: MeasureTool = {
  name: 'measure-area',
  key: 'A',
  icon: '▱',
  label: 'tools.measure-area',
  tip: 'toolHints.measure-area',
  hint: (t) => t('edit.measureAreaHint'),
  drawMode: 'measure',
  shape: 'polygon',
};
