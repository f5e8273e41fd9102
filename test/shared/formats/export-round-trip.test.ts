import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/formats/csv';
import { readDbf } from '../../../shared/formats/dbf';
import {
  exportGridTableCsv,
  exportGridTableXlsx,
  exportShapefileZip,
  GRID_TABLE_HEADER,
} from '../../../shared/formats/division-export';
import { decodeText } from '../../../shared/formats/text-encoding';
import { readXlsx } from '../../../shared/formats/xlsx';
import type { Polygon } from 'geojson';
import type { CensusPoint, Community, Division, Grid } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { importAs, square, value } from './import-helpers';

const community: Community = {
  layer: 'community',
  id: 'c1',
  code: '510302001001',
  name: '新街社区',
  kind: 'urban',
  geometry: square(104.7, 29.3, 0.02),
  extra: {},
};
const grid = (n: number, name: string, lon: number): Grid => ({
  layer: 'grid',
  id: `g${n}`,
  code: `51030200100100${n}`,
  name,
  parentCode: community.code,
  gridType: n === 3 ? 'exclusive' : 'urban',
  ...(n === 3 ? { exclusiveCategory: 'school' as const } : {}),
  staff: [{ role: 'leader', name: '王小明', phone: '13800000000' }],
  status: 'filed',
  note: '𠀀生僻字与“引号”',
  geometry: square(lon, 29.3),
  extra: {},
});
const point = (n: number, lon: number, households: number): CensusPoint => ({
  layer: 'census',
  id: `p${n}`,
  lon,
  lat: 29.305,
  households,
  population: households * 3,
  address: `新街${n}号`,
  personal: { 户主姓名: '张三', 联系电话: '13900000000' },
  extra: {},
});
const division: Division = divisionOf({ name: '新街街道' }, [
  community,
  grid(1, '新街社区第一网格', 104.7),
  grid(2, '新街社区第二网格', 104.71),
  grid(3, '蜀光中学专属网格', 104.72),
  point(1, 104.705, 10),
  point(2, 104.706, 5),
  point(3, 104.715, 7),
]);

function entries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

describe('shapefile export', () => {
  it.each(['utf-8', 'gbk'] as const)(
    'writes domain.md field names and Chinese in %s, reimported exactly',
    (encoding) => {
      const exported = value(exportShapefileZip(division, 'grid', { crs: 'cgcs2000', encoding }));
      const files = entries(exported.bytes);
      expect(Object.keys(files).sort()).toEqual([
        'grids.cpg',
        'grids.dbf',
        'grids.prj',
        'grids.shp',
        'grids.shx',
      ]);
      expect(decodeText(files['grids.cpg']!, 'utf-8')).toBe(encoding === 'gbk' ? '936' : 'UTF-8');
      expect(decodeText(files['grids.prj']!, 'utf-8')).toContain('China_2000');
      const table = value(readDbf(files['grids.dbf']!, encoding));
      expect(table.fields.map((f) => f.name)).toEqual([
        'WGBM',
        'WGMC',
        'WGLX',
        'ZSLB',
        'CJDM',
        'CJMC',
        'XZDM',
        'HS',
        'RK',
        'MJ',
        'WGZ',
        'LXDH',
        'ZT',
        'BZ',
      ]);
      expect(table.languageDriver).toBe(encoding === 'gbk' ? 0x4d : 0);
      const first = table.record(0);
      expect(first).toMatchObject({
        WGBM: '510302001001001',
        WGMC: '新街社区第一网格',
        WGLX: '城市社区',
        CJMC: '新街社区',
        XZDM: '510302001',
        HS: 15,
        RK: 45,
        WGZ: '王小明',
        LXDH: '13800000000',
        ZT: '已备案',
      });
      expect(table.record(2)).toMatchObject({ WGLX: '专属', ZSLB: '学校', HS: 0 });
      expect(first.MJ).toBeCloseTo(polygonAreaM2(division.grid.get('g1')!.geometry), 1);
      // 𠀀 is outside GBK: UTF-8 keeps it, GBK writes "?" and says so.
      expect(first.BZ).toBe(encoding === 'utf-8' ? '𠀀生僻字与“引号”' : '?生僻字与“引号”');
      expect(exported.warnings.length).toBe(encoding === 'gbk' ? 1 : 0);

      const back = value(importAs([{ name: 'grids.zip', bytes: exported.bytes }], { layer: 'grid' }))
        .entities as Grid[];
      expect(back.map((g) => g.name)).toEqual([...division.grid.values()].map((g) => g.name));
      expect(back.map((g) => g.gridType)).toEqual(['urban', 'urban', 'exclusive']);
      // What the file holds of each grid comes back as what it was, not as attributes of the file.
      for (const [i, g] of back.entries()) {
        expect(g.staff).toEqual([{ role: 'leader', name: '王小明', phone: '13800000000' }]);
        expect(g.status).toBe('filed');
        expect(g.note).toBe(first.BZ);
        expect(g.exclusiveCategory).toBe(i === 2 ? 'school' : undefined);
        expect(Object.keys(g.extra)).not.toContain('WGZ');
      }
      // Exterior rings are clockwise in the file and counter-clockwise again after import.
      expect(back.map((g) => (g.geometry as Polygon).coordinates[0]!.length)).toEqual([5, 5, 5]);
      expect(polygonAreaM2(back[0]!.geometry)).toBeCloseTo(
        polygonAreaM2(division.grid.get('g1')!.geometry),
        3,
      );
    },
  );

  it('every field name is at most 10 bytes, in every layer', () => {
    for (const layer of ['grid', 'community', 'census'] as const) {
      const files = entries(
        value(exportShapefileZip(division, layer, { crs: 'wgs84', encoding: 'utf-8' })).bytes,
      );
      const dbf = Object.entries(files).find(([name]) => name.endsWith('.dbf'))![1];
      for (const field of value(readDbf(dbf, 'utf-8')).fields)
        expect(new TextEncoder().encode(field.name).length).toBeLessThanOrEqual(10);
    }
  });

  it('census points are exported without personal data', () => {
    const files = entries(
      value(exportShapefileZip(division, 'census', { crs: 'wgs84', encoding: 'gbk' })).bytes,
    );
    expect(decodeText(files['census.prj']!, 'utf-8')).toContain('WGS_1984');
    const table = value(readDbf(files['census.dbf']!, 'gbk'));
    expect(table.fields.map((f) => f.name)).toEqual(['HS', 'RK', 'DZ']);
    expect(table.record(0)).toEqual({ HS: 10, RK: 30, DZ: '新街1号' });
    expect(decodeText(files['census.dbf']!, 'gbk')).not.toContain('张三');
  });

  it('communities get their grids’ households summed; an empty layer is refused', () => {
    const files = entries(
      value(exportShapefileZip(division, 'community', { crs: 'cgcs2000', encoding: 'utf-8' })).bytes,
    );
    expect(value(readDbf(files['communities.dbf']!, 'utf-8')).record(0)).toMatchObject({
      CJDM: '510302001001',
      CJMC: '新街社区',
      LX: '社区',
      HS: 22,
      RK: 66,
    });
    expect(exportShapefileZip(division, 'microgrid', { crs: 'cgcs2000', encoding: 'utf-8' }).ok).toBe(false);
  });
});

describe('township boundary', () => {
  it('exports XZDM as the 9-digit township code and reads it back as the 12-digit profile code', () => {
    const withTownship = divisionOf({ name: '新街街道' }, [
      ...division.community.values(),
      {
        layer: 'township',
        id: 't',
        code: '510302001000',
        name: '新街街道',
        geometry: square(104.69, 29.29, 0.05),
        extra: {},
      },
    ]);
    const exported = value(
      exportShapefileZip(withTownship, 'township', { crs: 'cgcs2000', encoding: 'gbk' }),
    );
    expect(value(readDbf(entries(exported.bytes)['township.dbf']!, 'gbk')).record(0)).toMatchObject({
      XZDM: '510302001',
      XZMC: '新街街道',
    });
    const back = value(
      importAs([{ name: 'township.zip', bytes: exported.bytes }], { layer: 'township' }),
    ).entities;
    expect(back[0]).toMatchObject({ layer: 'township', code: '510302001000', name: '新街街道' });
  });
});

describe('grid table export', () => {
  it('XLSX: code, name, type, community, households, population, area, staff', () => {
    const exported = value(exportGridTableXlsx(division, 'zh'));
    const table = value(readXlsx(exported.bytes, 'grids.xlsx'));
    expect(table.header).toEqual(GRID_TABLE_HEADER.zh);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]!.line).toBe(2);
    expect(table.rows[0]!.cells.slice(0, 7)).toEqual([
      '510302001001001',
      '新街社区第一网格',
      '城市社区',
      '510302001001',
      '新街社区',
      '15',
      '45',
    ]);
    expect(Number(table.rows[0]!.cells[7])).toBeCloseTo(polygonAreaM2(division.grid.get('g1')!.geometry), 1);
    expect(table.rows[0]!.cells[8]).toBe('网格长 王小明 13800000000');
  });

  it('CSV in UTF-8 with a BOM, in English when asked', () => {
    const exported = value(exportGridTableCsv(division, 'en'));
    expect([...exported.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = value(parseCsv(decodeText(exported.bytes, 'utf-8')));
    expect(table.header).toEqual(GRID_TABLE_HEADER.en);
    expect(table.rows[2]!.cells.slice(0, 3)).toEqual(['510302001001003', '蜀光中学专属网格', 'exclusive']);
  });
});
