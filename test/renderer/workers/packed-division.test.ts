import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { censusTable, censusTableFromColumns } from '../../../shared/geometry/census-table';
import { countCensus } from '../../../shared/geometry/count-census';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import type { CensusPoint, Division } from '../../../shared/model';
import { censusColumnsOf, ColumnarCensus, divisionOf, encodeCensus } from '../../../shared/model';
import { packDivision, unpackDivision } from '../../../renderer/workers/packed-division';

function demo(): Division {
  const result = parseDivisionGeoJson(readFileSync('resources/demo/demo-township.geojson', 'utf8'));
  if (!result.ok) throw new Error('demo township unreadable');
  return result.value;
}

const point = (id: string, lon: number, lat: number, more: Partial<CensusPoint> = {}): CensusPoint => ({
  layer: 'census',
  id,
  lon,
  lat,
  households: 2,
  population: 5,
  extra: {},
  ...more,
});

describe('packDivision / unpackDivision', () => {
  it('bring the demo township across unchanged, census points in order', () => {
    const division = demo();
    const packed = structuredClone(packDivision(division));
    const back = unpackDivision(packed);
    expect([...back.census.values()]).toEqual([...division.census.values()]);
    expect(back.grid).toEqual(division.grid);
    expect(back.meta).toEqual(division.meta);
  });

  it('keep ids of any length and script, details and odd counts', () => {
    const points = [
      point('', 104, 29),
      point('户-①', 104.1, 29.1, { address: '新街 1 号', personal: { name: '张三' } }),
      point('p\u0000x', Number.NaN, 29, { households: 1.5, population: -1, extra: { 楼栋: 3 } }),
      point('a'.repeat(300), 104.2, 29.2),
    ];
    const division = divisionOf({ name: 'ids' }, points);
    const back = unpackDivision(structuredClone(packDivision(division)));
    expect([...back.census.values()]).toEqual(points);
  });
});

describe('census columns of a loaded census', () => {
  it('are the columns the map was made of, and encoded once for any other map', () => {
    const columns = encodeCensus([point('a', 104, 29), point('b', 104.1, 29.1)]);
    const census = ColumnarCensus.of(columns);
    expect(censusColumnsOf(census)).toBe(columns);
    const other = new Map(census);
    const encoded = censusColumnsOf(other);
    expect(encoded).not.toBe(columns);
    expect(censusColumnsOf(other)).toBe(encoded);
    expect(encoded.ids).toEqual(['a', 'b']);
  });

  it('are not attached when an id repeats (the map then holds fewer points)', () => {
    const columns = encodeCensus([point('a', 104, 29), point('a', 104.1, 29.1)]);
    const census = ColumnarCensus.of(columns);
    expect(census.size).toBe(1);
    expect(censusColumnsOf(census)).not.toBe(columns);
  });

  it('count the same as the point objects', () => {
    const division = demo();
    const fromColumns = censusTableFromColumns(censusColumnsOf(division.census));
    const fromPoints = censusTable(division.census);
    expect(fromColumns.households).toEqual(fromPoints.households);
    expect(countCensus(division, { table: fromColumns })).toEqual(countCensus(division));
  });
});
