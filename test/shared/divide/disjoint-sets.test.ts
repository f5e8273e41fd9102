import { describe, expect, it } from 'vitest';
import { DisjointSets } from '../../../shared/divide/disjoint-sets';

describe('DisjointSets', () => {
  it('joins sets, says when a union changed nothing, and roots each set at its smallest member', () => {
    const sets = new DisjointSets(6);
    expect(sets.union(4, 5)).toBe(true);
    expect(sets.union(5, 2)).toBe(true);
    expect(sets.union(2, 4)).toBe(false);
    expect(sets.union(3, 1)).toBe(true);
    expect([0, 1, 2, 3, 4, 5].map((i) => sets.find(i))).toEqual([0, 1, 2, 1, 2, 2]);
  });
});
