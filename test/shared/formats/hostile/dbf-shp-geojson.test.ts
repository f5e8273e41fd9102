import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson, stringifyDivision } from '../../../../shared/formats/geojson';
import { readImport } from '../../../../shared/formats/import-files';
import { writeShapefile } from '../../../../shared/formats/shapefile-write';
import { writeZip } from '../../../../shared/formats/zip-archive';
import type { InputFile } from '../../../../shared/formats/zip-archive';
import { importAs, problems, said, square, value } from '../import-helpers';

const records = [
  { geometry: square(104.7, 29.3), cells: ['510302001001001', '第一网格'] },
  { geometry: square(104.71, 29.3), cells: ['510302001001002', '第二网格'] },
];

/** The parts of a two-grid shapefile, to be damaged by a test. */
function parts(): InputFile[] {
  return [
    ...writeShapefile(
      {
        name: 'grids',
        shapeType: 'polygon',
        fields: [
          { name: 'WGBM', type: 'C' },
          { name: 'WGMC', type: 'C' },
        ],
        records,
      },
      { encoding: 'utf-8', crs: 'cgcs2000' },
    ).files,
  ].map((file) => ({ name: file.name, bytes: file.bytes.slice() }));
}

function edit(files: InputFile[], extension: string, change: (view: DataView) => void): InputFile[] {
  const file = files.find((f) => f.name.endsWith(extension))!;
  change(new DataView(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  return files;
}

const asGrids = (files: InputFile[]) =>
  importAs([{ name: 'grids.zip', bytes: writeZip(files) }], { layer: 'grid' });

describe('DBF and shapefile records that disagree with themselves are refused, naming what is wrong', () => {
  it('reads the undamaged shapefile', () => {
    expect(value(asGrids(parts())).entities).toHaveLength(2);
  });

  it('field lengths longer than the record length', () => {
    const damaged = edit(parts(), '.dbf', (view) => view.setUint16(10, 5, true));
    expect(said(problems(asGrids(damaged)))).toMatch(/misaligned|记录长度/);
  });

  it('a polygon part index out of range', () => {
    // Record 1's content starts at 100 + 8; its part index table at +44.
    const damaged = edit(parts(), '.shp', (view) => view.setInt32(108 + 44, 999, true));
    const list = problems(asGrids(damaged));
    expect(list[0]!.kind).toBe('bad-shp');
    expect(said(list)).toContain('Record 1 of grids.shp');
  });

  it('a negative part count', () => {
    const damaged = edit(parts(), '.shp', (view) => view.setInt32(108 + 36, -3, true));
    expect(said(problems(asGrids(damaged)))).toContain('Record 1 of grids.shp');
  });

  it('an unknown layer name is refused, not replaced by another layer', () => {
    const read = readImport([{ name: 'grids.zip', bytes: writeZip(parts()) }], { shapefileLayer: 'roads' });
    const list = problems(read);
    expect(list[0]!.kind).toBe('no-layer');
    expect(said(list)).toContain('grids');
  });
});

const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const grid = (coordinates: unknown) => ({
  type: 'Feature',
  properties: {
    layer: 'grid',
    code: '510302001001001',
    name: '网格',
    parentCode: '510302001001',
    gridType: 'urban',
  },
  geometry: { type: 'Polygon', coordinates },
});

describe('GeoJSON coordinates and keys', () => {
  it('1e999 (Infinity) is refused, never written back as null', () => {
    const text = collection([
      grid([
        [
          [104, 29],
          [104.1, 29],
          [104.1, 29.1],
          [104, 29],
        ],
      ]),
    ]).replace('[104.1,29]', '[1e999,29]');
    expect(text).toContain('1e999');
    const result = parseDivisionGeoJson(text);
    expect(result.ok).toBe(false);
    expect(said(problems(result))).toMatch(/1e999|Infinity/);
  });

  it('a census point out of longitude/latitude range is refused with a hint', () => {
    const result = parseDivisionGeoJson(
      collection([
        {
          type: 'Feature',
          properties: { layer: 'census' },
          geometry: { type: 'Point', coordinates: [29.3, 504.7] },
        },
      ]),
    );
    expect(said(problems(result))).toMatch(/swapped|写反/);
  });

  it('__proto__ and constructor keys are kept as data through a round trip', () => {
    const source = collection([
      {
        ...grid([
          [
            [104, 29],
            [104.01, 29],
            [104.01, 29.01],
            [104, 29],
          ],
        ]),
        properties: {
          ...grid(null).properties,
          constructor: '甲',
        },
      },
    ]).replace('"constructor":"甲"', '"constructor":"甲","__proto__":{"polluted":true}');
    const division = value(parseDivisionGeoJson(source));
    const [only] = division.grid.values();
    expect(Object.keys(only!.extra)).toEqual(['constructor', '__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const again = value(parseDivisionGeoJson(stringifyDivision(division)));
    expect(JSON.stringify([...again.grid.values()][0]!.extra)).toBe(JSON.stringify(only!.extra));
  });
});
