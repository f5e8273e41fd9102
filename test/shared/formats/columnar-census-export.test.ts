import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { divisionCounts } from '../../../shared/formats/filing-package';
import { divisionStats } from '../../../shared/cli/division-stats';
import { exportShapefileZip, geoJsonExportText } from '../../../shared/formats/division-export';
import { stringifyDivision } from '../../../shared/formats/geojson';
import { parseDivisionBytes } from '../../../shared/formats/parse-division-bytes';
import type { CensusPoint, Division } from '../../../shared/model';
import { ColumnarCensus, divisionOf } from '../../../shared/model';
import { generateDivision, TOWNSHIP } from '../../../bench/city-division';
import { value } from './import-helpers';

const AT = new Date('2026-12-06T02:00:00.000Z');
const DAY = new Date('2026-12-06T00:00:00.000Z');

/** A generated township whose census also has points with an address, personal data and other members. */
function township(): Division {
  const generated = generateDivision({ ...TOWNSHIP, communitiesY: 1, censusPoints: 400 });
  const points = [...generated.census.values()];
  const detailed = points.map((point, k): CensusPoint => {
    if (k % 7 === 0) return { ...point, address: `新街${k}号` };
    if (k % 11 === 0) return { ...point, personal: { 户主姓名: '张三' }, extra: { 楼栋: 'A' } };
    if (k % 13 === 0) return { ...point, households: 1.5, population: 0 };
    return point;
  });
  const others = [
    ...generated.township.values(),
    ...generated.community.values(),
    ...generated.grid.values(),
  ];
  return divisionOf(generated.meta, [...others, ...detailed]);
}

/** The same division read back by the command line's reader: its census as columns. */
function readAsColumns(division: Division): Division {
  const read = value(parseDivisionBytes(new TextEncoder().encode(stringifyDivision(division))));
  expect(read.census).toBeInstanceOf(ColumnarCensus);
  return read;
}

function zipFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

describe('a census read as columns exports as the same census held as point objects', () => {
  const columnar = readAsColumns(township());
  // The same points in a plain map: the app's division after an edit.
  const plain: Division = { ...columnar, census: new Map(columnar.census) };

  it('writes the same GeoJSON, with and without census points and personal fields', () => {
    for (const options of [
      { at: AT },
      { at: AT, withCensus: true },
      { at: AT, withCensus: true, withPersonalFields: true },
    ]) {
      const fromColumns = value(geoJsonExportText(columnar, options));
      expect(fromColumns).toBe(value(geoJsonExportText(plain, options)));
    }
    expect(value(geoJsonExportText(columnar, { at: AT, withCensus: true }))).toContain('新街7号');
  });

  it('writes the same files into the census and grid shapefiles', () => {
    for (const layer of ['census', 'grid'] as const) {
      const options = { crs: 'cgcs2000', encoding: 'gbk', date: DAY } as const;
      expect(zipFiles(value(exportShapefileZip(columnar, layer, options)).bytes)).toEqual(
        zipFiles(value(exportShapefileZip(plain, layer, options)).bytes),
      );
    }
  });

  it('gives the same statistics and package counts', () => {
    expect(divisionStats(columnar)).toEqual(divisionStats(plain));
    expect(divisionCounts(columnar)).toEqual(divisionCounts(plain));
    expect(divisionCounts(columnar).households).not.toBe(0);
  });
});
