import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { guidePolygons } from '../../../shared/divide/region-census';
import { overlayNewArea } from '../../../shared/geometry/new-area-overlay';
import { buildOverlay } from '../../../shared/geometry/planar-overlay';
import type { ReferenceLayer } from '../../../shared/model';
import { text } from '../../../shared/model';
import { rect } from '../validate/entities';
import { star } from './tangles';

describe('the planar overlay and tangles', () => {
  it('refuses at once to node a polygon crossing itself hundreds of times', () => {
    const started = Date.now();
    const built = buildOverlay({
      polygons: [
        { geometry: rect(104.7, 29.3, 104.71, 29.31), role: 'fixed' },
        { geometry: star(104.705, 29.305, 0.004, 401), role: 'fixed' },
      ],
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(!built.ok && built.problems[0]!.kind).toBe('tangled');
    expect(!built.ok && built.problems[0]!.message.zh).toContain('自相交至少 100 处');
    // A bow-tie (one crossing) is still noded.
    const bowTie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    expect(buildOverlay({ polygons: [{ geometry: bowTie, role: 'fixed' }] }).ok).toBe(true);
  });

  it('refuses a new grid drawn next to a tangled neighbour, saying why, instead of freezing', () => {
    const result = overlayNewArea({
      drawn: rect(104.7, 29.3, 104.705, 29.31),
      carveFrom: [],
      avoid: [{ id: 'tangle', geometry: star(104.706, 29.305, 0.002, 401) }],
      minPieceAreaM2: 1,
      what: text('新网格', 'the new grid'),
    });
    expect(!result.ok && result.problems[0]!.kind).toBe('tangled');
  });

  it('leaves a tangled footprint out of the division guides', () => {
    const layer = {
      id: 'compounds',
      name: 'compounds',
      role: 'compound',
      visible: true,
      features: [
        { type: 'Feature', properties: { name: '好小区' }, geometry: rect(104.7, 29.3, 104.701, 29.301) },
        { type: 'Feature', properties: { name: '乱线' }, geometry: star(104.703, 29.303, 0.001, 201) },
      ],
    } as unknown as ReferenceLayer; // only the members guidePolygons reads
    expect(guidePolygons([layer]).map((polygon) => polygon.name)).toEqual(['好小区']);
  });
});
