import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../shared/model';
import { boundsOfEntities } from '../../../renderer/map/entity-bounds';

describe('boundsOfEntities', () => {
  it('boxes areas by their vertices and census points by their position', () => {
    const grid = {
      layer: 'grid',
      id: 'g',
      code: '1',
      name: '',
      parentCode: '',
      gridType: 'urban',
      extra: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [87.6, 43.8],
            [87.62, 43.8],
            [87.62, 43.81],
            [87.6, 43.8],
          ],
        ],
      },
    } as unknown as Entity;
    const point = {
      layer: 'census',
      id: 'c',
      lon: 87.7,
      lat: 43.79,
      households: 1,
      population: 0,
      extra: {},
    } as Entity;
    expect(boundsOfEntities([grid, point])).toEqual([87.6, 43.79, 87.7, 43.81]);
  });

  it('is null for nothing usable', () => {
    expect(boundsOfEntities([])).toBeNull();
    const far = {
      layer: 'census',
      id: 'c',
      lon: 504,
      lat: 29,
      households: 1,
      population: 0,
      extra: {},
    } as Entity;
    expect(boundsOfEntities([far])).toBeNull();
  });
});
