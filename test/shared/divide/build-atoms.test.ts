import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { regionOverlay } from '../../../shared/divide/build-atoms';
import { regionCensus } from '../../../shared/divide/region-census';
import type { ReferenceLayer } from '../../../shared/model';
import { at, FOUR_BLOCKS, syntheticCommunity } from './divide-fixtures';

describe('the region overlay of automatic division', () => {
  const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 4 });

  /** Building footprints: `n` × `n` 24-sided rings of 4 m over the community. */
  function footprints(n: number): ReferenceLayer {
    const step = 600 / n;
    const features = [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const ring: Position[] = Array.from({ length: 24 }, (_, k) => {
          const angle = (k / 24) * 2 * Math.PI;
          return at((i + 0.5) * step + 2 * Math.cos(angle), (j + 0.5) * step + 2 * Math.sin(angle));
        });
        features.push({
          type: 'Feature' as const,
          properties: { name: `楼${i}-${j}` },
          geometry: { type: 'Polygon' as const, coordinates: [[...ring, ring[0]!]] },
        });
      }
    return { ...s.compounds, id: 'buildings', features };
  }

  /** Straight lines across the community, `n` each way. */
  function mesh(n: number): (readonly Position[])[] {
    const step = 600 / (n + 1);
    return Array.from({ length: n }, (_, i) => (i + 1) * step).flatMap((d) => [
      [at(-10, d), at(610, d)],
      [at(d, -10), at(d, 610)],
    ]);
  }

  it('takes thousands of footprints (many edges, few faces) and refuses a dense mesh of lines', () => {
    // 2,704 footprints of 24 edges: 65,000 edges, more than the segments lines may add.
    const guides = [footprints(52)];
    const census = regionCensus(s.division, s.community, guides, []);
    expect(census.polygons.length).toBe(52 * 52);
    const input = { areas: [s.community.geometry], kept: [], census, measure: 'households' as const };
    const overlay = regionOverlay({ ...input, lines: [] });
    expect(overlay.ok).toBe(true);
    const dense = regionOverlay({ ...input, lines: mesh(250) });
    expect(!dense.ok && dense.problems[0]!.kind).toBe('too-many-segments');
  });
});
