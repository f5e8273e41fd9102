import { describe, expect, it } from 'vitest';
import type { AreaGeometry, CensusPoint, Division, Grid } from '../../../shared/model';
import { applyChange, divisionOf } from '../../../shared/model';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import { filedStatusChange, restoreVersionDivision } from '../../../shared/review';

function square(x: number, y: number, size = 0.01): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  };
}

function grid(index: number, patch: Partial<Grid> = {}): Grid {
  return {
    layer: 'grid',
    id: `g${index}`,
    code: `510302001001${String(index).padStart(3, '0')}`,
    name: `第${index}网格`,
    parentCode: '510302001001',
    gridType: 'urban',
    status: 'draft',
    geometry: square(104.7 + index * 0.01, 29.3),
    extra: {},
    ...patch,
  };
}

const point = (id: string, personal?: Record<string, string>): CensusPoint => ({
  layer: 'census',
  id,
  lon: 104.715,
  lat: 29.305,
  households: 3,
  population: 7,
  extra: {},
  ...(personal ? { personal } : {}),
});

/** The version as the planner's app stores it: exported GeoJSON read back. */
function frozen(division: Division): Division {
  const parsed = parseDivisionGeoJson(stringifyDivision(division));
  if (!parsed.ok) throw new Error('round trip failed');
  return parsed.value;
}

describe('after an approval', () => {
  it('files exactly the grids still as approved, as one undoable change', () => {
    const approved = divisionOf({ name: 'v2' }, [grid(1), grid(2), grid(3)]);
    // After submitting, the planner renamed grid 2, moved grid 3 and drew grid 4.
    const working = divisionOf({ name: 'work' }, [
      grid(1),
      grid(2, { name: '改名' }),
      grid(3, { geometry: square(104.73, 29.3, 0.02) }),
      grid(4),
    ]);
    const filed = filedStatusChange(working, frozen(approved), '备案');
    expect(filed.put.map((g) => g.id)).toEqual(['g1']);
    const { division, inverse } = applyChange(working, filed);
    expect(division.grid.get('g1')?.status).toBe('filed');
    expect(division.grid.get('g2')?.status).toBe('draft');
    expect(applyChange(division, inverse).division.grid.get('g1')?.status).toBe('draft');
    // Nothing left to do the second time.
    expect(filedStatusChange(division, frozen(approved), '备案').put).toEqual([]);
  });
});

describe('restoring a version', () => {
  it('takes the version’s entities and keeps local personal data of points still there', () => {
    const version = divisionOf({ name: 'v1' }, [grid(1), point('p1'), point('p2')]);
    const working = divisionOf({ name: '工作副本', ruleSetId: 'changji' }, [
      grid(1, { name: '新名' }),
      grid(2),
      point('p1', { 户主: '李四' }),
    ]);
    const restored = restoreVersionDivision(frozen(version), working);
    expect([...restored.grid.keys()]).toEqual(['g1']);
    expect(restored.grid.get('g1')?.name).toBe('第1网格');
    expect(restored.census.get('p1')?.personal).toEqual({ 户主: '李四' });
    expect(restored.census.get('p2')?.personal).toBeUndefined();
    expect(restored.meta.name).toBe('工作副本');
  });
});
