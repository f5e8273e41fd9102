/**
 * Thrown by a coverage sweep that would take more than its bounded work. A boundary crossing itself
 * thousands of times (a star drawn in one ring, a tangle of digitising errors) splits the sweep at every
 * crossing, and a comb of thousands of teeth of different lengths puts most of its edges in every slab:
 * either way the time and memory grow with the square of the vertices. The validator reports the areas
 * concerned as too complex to check instead of hanging.
 */
export class SweepTooComplex extends Error {
  constructor(readonly limit: 'steps' | 'intervals' | 'pieces') {
    super(`coverage sweep over its ${limit} limit`);
    this.name = 'SweepTooComplex';
  }
}

/**
 * Edge steps one sweep may take (every active edge in every slab, re-split slabs counted again): about
 * 0.8 s. The 183 MB city's largest sweep takes 163,000, a usual grid a few times its vertices.
 */
export const MAX_SWEEP_STEPS = 40_000_000;

/**
 * Intervals one sweep may add to pieces (gaps, overlaps, parts outside): about 0.75 s. The city's
 * sweeps add at most a few dozen; a grid set off its neighbours all along adds one per slab per edge.
 */
export const MAX_PIECE_INTERVALS = 4_000_000;

/**
 * Pieces one sweep may start, about 100 bytes each until they are read: 1,000 copies of one grid
 * start 500,000 overlaps.
 */
export const MAX_PIECE_PARTS = 1_000_000;
