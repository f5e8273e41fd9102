import { describe, expect, it } from 'vitest';
import { divideBand, suggestedCount, suggestedCountOfUnits } from '../../../shared/divide/divide-band';

const band = divideBand({ minHouseholds: 300, maxHouseholds: 500 })!;

describe('suggested grid counts', () => {
  it('takes the count whose mean grid is nearest the middle of the band', () => {
    expect(suggestedCount(3_800, band)).toBe(10);
    expect(suggestedCount(250, band)).toBe(1);
    expect(suggestedCount(0, band)).toBe(1);
  });

  it('gives a unit over the band a grid of its own and suggests for the rest', () => {
    // A compound of 1,010 households cannot be cut: 1 grid for it and 7 for the other 2,790.
    expect(suggestedCountOfUnits(3_800, band, [1_010, 465, 465, 465, 465, 465, 465])).toBe(8);
    // Units within the band change nothing.
    expect(suggestedCountOfUnits(3_800, band, Array<number>(10).fill(380))).toBe(10);
    // Nothing but one over-full building: one grid.
    expect(suggestedCountOfUnits(800, band, [800])).toBe(1);
    // Never more than the cap (the number of units).
    expect(suggestedCountOfUnits(3_800, band, [1_010, 2_790], 2)).toBe(2);
  });
});
