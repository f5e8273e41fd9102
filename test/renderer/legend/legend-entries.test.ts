import { describe, expect, it } from 'vitest';
import { legendEn } from '../../../renderer/i18n/legend-en';
import { legendZh } from '../../../renderer/i18n/legend-zh';
import { LEGEND_GROUPS } from '../../../renderer/legend/legend-entries';
import { DIFF_COLOURS } from '../../../renderer/map/diff-colours';
import {
  MEASURE_COLOUR,
  OVER_HATCH_COLOUR,
  PROBLEM_COLOUR,
  SELECTION_COLOUR,
  STATUS_COLOURS,
} from '../../../renderer/map/colours';

const entries = LEGEND_GROUPS.flatMap((group) => group.entries);
const colourOf = (label: string) => entries.find((entry) => entry.label === label)?.swatch.colour;

describe('LEGEND_GROUPS', () => {
  it('names every group and entry in Chinese and English', () => {
    for (const group of LEGEND_GROUPS) {
      expect(legendZh.groups[group.title as keyof typeof legendZh.groups]).toBeTruthy();
      expect(legendEn.groups[group.title as keyof typeof legendEn.groups]).toBeTruthy();
    }
    for (const entry of entries) {
      expect(legendZh.items[entry.label as keyof typeof legendZh.items]).toBeTruthy();
      expect(legendEn.items[entry.label as keyof typeof legendEn.items]).toBeTruthy();
    }
  });

  it('uses the map constants for status, problems, selection and the review diff', () => {
    expect(colourOf('under')).toBe(STATUS_COLOURS.under);
    expect(colourOf('ok')).toBe(STATUS_COLOURS.ok);
    // Over: its status fill, hatched (told apart without hue).
    const over = entries.find((entry) => entry.label === 'over')?.swatch;
    expect(over?.kind === 'hatch' && over.fill?.colour).toBe(STATUS_COLOURS.over);
    expect(over?.colour).toBe(OVER_HATCH_COLOUR);
    expect(colourOf('exclusive')).toBe(STATUS_COLOURS.none);
    expect(colourOf('measured')).toBe(MEASURE_COLOUR);
    for (const label of ['gap', 'overlap', 'outside', 'issueError', 'unassigned'])
      expect(colourOf(label)).toBe(PROBLEM_COLOUR);
    expect(colourOf('selected')).toBe(SELECTION_COLOUR);
    expect(colourOf('added')).toBe(DIFF_COLOURS.added);
    expect(colourOf('removed')).toBe(DIFF_COLOURS.removed);
    expect(colourOf('changed')).toBe(DIFF_COLOURS.changed);
  });

  it('lists each entry once and every item string is used', () => {
    const labels = entries.map((entry) => entry.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(new Set(labels)).toEqual(new Set(Object.keys(legendZh.items)));
  });
});
