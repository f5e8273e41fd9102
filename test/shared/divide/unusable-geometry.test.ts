import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { divideCommunities } from '../../../shared/divide/divide-communities';
import { rebalanceGrids } from '../../../shared/divide/rebalance-grids';
import type { Grid } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';
import { at, gridOf, rectM, syntheticCommunity } from './divide-fixtures';

const zigong = builtinRuleSet('zigong')!;

/** A star of n points drawn in one ring over [x0, x1] × [y0, y1] (metres): hundreds of crossings. */
function starM(x0: number, y0: number, x1: number, y1: number, n: number): Polygon {
  const step = Math.floor(n / 2);
  const ring = Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * ((i * step) % n)) / n;
    return at(
      (x0 + x1) / 2 + ((x1 - x0) / 2) * Math.cos(angle),
      (y0 + y1) / 2 + ((y1 - y0) / 2) * Math.sin(angle),
    );
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

const grid = (code: string, geometry: Polygon): Grid => gridOf(code, geometry);

function community(grids: readonly Grid[]) {
  return syntheticCommunity({
    widthM: 900,
    heightM: 600,
    streetsX: [300, 600],
    streetsY: [300],
    buildingsPerBlock: 4,
    maxHouseholdsPerBuilding: 24,
    seed: 29,
    grids,
  });
}

describe('automatic division of invalid geometry', () => {
  it('refuses, at once and naming the grid, to divide around a grid that crosses itself', () => {
    const tangle = grid('001', starM(0, 0, 300, 300, 401));
    const s = community([tangle]);
    const started = Date.now();
    const result = divideCommunities(s.division, [s.community.id], { ruleSet: zigong, guides: [s.streets] });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.kind).toBe('invalid-geometry');
    expect(result.problems[0]!.message.zh).toContain('510302001001001');
    expect(result.problems[0]!.message.en).toContain('is not valid (self-intersecting boundary)');
  });

  it('divides around a valid grid with a hole, and refuses to rebalance a bow-tie', () => {
    const holed = grid('001', {
      type: 'Polygon',
      coordinates: [
        rectM(0, 0, 300, 300).coordinates[0]!,
        rectM(100, 100, 200, 200).coordinates[0]!.reverse(),
      ],
    });
    const around = community([holed]);
    const divided = divideCommunities(around.division, [around.community.id], { ruleSet: zigong });
    expect(divided.ok && divided.value.communities[0]!.grids).toBeGreaterThan(0);

    const bowTie = grid('002', {
      type: 'Polygon',
      coordinates: [[at(300, 0), at(600, 600), at(600, 0), at(300, 600), at(300, 0)]],
    });
    const s = community([grid('001', rectM(0, 0, 300, 600)), bowTie, grid('003', rectM(600, 0, 900, 600))]);
    const result = rebalanceGrids(s.division, ['g-001', 'g-002'], { ruleSet: zigong, guides: [s.streets] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.kind).toBe('invalid-geometry');
    expect(result.problems[0]!.message.zh).toContain('510302001001002');
  });
});
