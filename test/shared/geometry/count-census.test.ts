import { describe, expect, it } from 'vitest';
import { divisionOf } from '../../../shared/model';
import { assignRows, countCensus, rankAreas } from '../../../shared/geometry/count-census';
import { censusTable } from '../../../shared/geometry/census-table';
import { generateDivision, TOWNSHIP } from '../../../bench/city-division';
import { census, grid, microgrid, rect } from '../validate/entities';

const C = '510302001001';

describe('countCensus', () => {
  it('counts points inside each grid and reports points in none', () => {
    const division = divisionOf({}, [
      grid(`${C}001`, C, rect(104, 29, 104.01, 29.01)),
      grid(`${C}002`, C, rect(104.01, 29, 104.02, 29.01)),
      census(104.005, 29.005, 2, 5, 'a'),
      census(104.015, 29.005, 3, 7, 'b'),
      census(104.03, 29.005, 4, 9, 'out'),
    ]);
    const counts = countCensus(division);
    expect(counts.byGrid.get(`g-${C}001`)).toEqual({ households: 2, population: 5, points: 1 });
    expect(counts.byGrid.get(`g-${C}002`)).toEqual({ households: 3, population: 7, points: 1 });
    expect(counts.unassigned).toEqual({ households: 4, population: 9, points: 1, pointIds: ['out'] });
  });

  it('counts a point on a shared edge once, for the grid with the smaller code', () => {
    const division = divisionOf({}, [
      // Listed in the opposite order to show the rule follows codes, not order.
      grid(`${C}002`, C, rect(104.01, 29, 104.02, 29.01)),
      grid(`${C}001`, C, rect(104, 29, 104.01, 29.01)),
      census(104.01, 29.005, 1, 1, 'edge'),
      census(104.01, 29.01, 1, 1, 'corner'),
    ]);
    const counts = countCensus(division);
    expect(counts.byGrid.get(`g-${C}001`)?.points).toBe(2);
    expect(counts.byGrid.get(`g-${C}002`)?.points).toBe(0);
    expect(counts.unassigned.points).toBe(0);
  });

  it('counts a point on a noisy shared edge (1e-9 degrees apart) once', () => {
    const division = divisionOf({}, [
      grid(`${C}001`, C, rect(104, 29, 104.01 + 1e-9, 29.01)),
      grid(`${C}002`, C, rect(104.01 - 1e-9, 29, 104.02, 29.01)),
      grid(`${C}003`, C, rect(104.02 + 1e-9, 29, 104.03, 29.01)),
      census(104.01, 29.005, 1, 1, 'both'),
      census(104.02, 29.005, 1, 1, 'between'),
    ]);
    const counts = countCensus(division);
    expect(counts.byGrid.get(`g-${C}001`)?.points).toBe(1);
    expect(counts.byGrid.get(`g-${C}002`)?.points).toBe(1);
    expect(counts.byGrid.get(`g-${C}003`)?.points).toBe(0);
    expect(counts.unassigned.points).toBe(0);
  });

  it('prefers the grid that contains a point strictly over one it only touches', () => {
    const division = divisionOf({}, [
      grid(`${C}001`, C, rect(104, 29, 104.01, 29.01)),
      grid(`${C}002`, C, rect(104.01, 29, 104.02, 29.01)),
      census(104.01 + 1e-7, 29.005, 1, 1, 'just-east'),
    ]);
    expect(countCensus(division).byGrid.get(`g-${C}002`)?.points).toBe(1);
  });

  it('leaves points in holes unassigned and ignores non-finite points', () => {
    const holed = rect(104, 29, 104.03, 29.03);
    const division = divisionOf({}, [
      grid(`${C}001`, C, {
        type: 'Polygon',
        coordinates: [
          holed.coordinates[0]!,
          rect(104.01, 29.01, 104.02, 29.02).coordinates[0]!.slice().reverse(),
        ],
      }),
      census(104.015, 29.015, 1, 1, 'hole'),
      census(Number.NaN, 29.015, 1, 1, 'nan'),
      census(104.005, 29.005, 1, 1, 'in'),
    ]);
    const counts = countCensus(division);
    expect(counts.byGrid.get(`g-${C}001`)?.points).toBe(1);
    expect(counts.unassigned.pointIds.sort()).toEqual(['hole', 'nan']);
  });

  it('counts micro-grids and the points of a grid outside its micro-grids', () => {
    const G = `${C}001`;
    const division = divisionOf({}, [
      grid(G, C, rect(104, 29, 104.02, 29.01)),
      microgrid(`${G}001`, G, rect(104, 29, 104.01, 29.01)),
      census(104.005, 29.005, 2, 4, 'm'),
      census(104.015, 29.005, 1, 2, 'g'),
    ]);
    const counts = countCensus(division);
    expect(counts.byGrid.get(`g-${G}`)).toEqual({ households: 3, population: 6, points: 2 });
    expect(counts.byMicrogrid.get(`m-${G}001`)).toEqual({ households: 2, population: 4, points: 1 });
    expect(counts.outsideMicrogrids.get(`g-${G}`)?.pointIds).toEqual(['g']);
  });

  it('counts every area zero when no point can be located (no census, or only non-finite points)', () => {
    const G = `${C}001`;
    const areas = [
      grid(`${C}002`, C, rect(104.02, 29, 104.03, 29.01)),
      grid(G, C, rect(104, 29, 104.02, 29.01)),
      microgrid(`${G}001`, G, rect(104, 29, 104.01, 29.01)),
    ];
    const zero = { households: 0, population: 0, points: 0 };
    for (const points of [[], [census(Number.NaN, 29.005, 2, 4, 'lost')]]) {
      const counts = countCensus(divisionOf({}, [...areas, ...points]));
      expect([...counts.byGrid]).toEqual([
        [`g-${G}`, zero],
        [`g-${C}002`, zero],
      ]);
      expect([...counts.byMicrogrid]).toEqual([[`m-${G}001`, zero]]);
      expect(counts.unassigned.pointIds).toEqual(points.map((point) => point.id));
      expect(counts.outsideMicrogrids.get(`g-${G}`)).toEqual({ ...zero, pointIds: [] });
    }
  });
});

describe('inner boxes are only a shortcut', () => {
  it('assigns every point as the edge test alone does, with and without inner boxes', () => {
    // A generated township: grids sharing edges, 4,000 random points.
    const division = generateDivision({ ...TOWNSHIP, communitiesY: 1, censusPoints: 4000 });
    const table = censusTable(division.census);
    const withBoxes = rankAreas(division.grid.values(), true);
    const without = rankAreas(division.grid.values(), false);
    expect(withBoxes.some((area) => area.polygon.inner !== undefined)).toBe(true);
    expect(without.every((area) => area.polygon.inner === undefined)).toBe(true);
    const owners = assignRows(table, withBoxes);
    expect(assignRows(table, without)).toEqual(owners);
    expect(owners.some((owner) => owner >= 0)).toBe(true);
  });
});
