import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../../shared/formats/csv';
import { gaussKrugerZone, proposeZone, readPrj } from '../../../shared/formats/coordinate-systems';
import { proposeMapping } from '../../../shared/formats/field-mapping';
import { convertImport, inspectImport, readImport } from '../../../shared/formats/import-files';
import type { CensusPoint } from '../../../shared/model';
import {
  decodeText,
  detectEncoding,
  encodeText,
  encodingFromCpg,
  encodingFromLanguageDriver,
} from '../../../shared/formats/text-encoding';
import { readXlsx, writeXlsx } from '../../../shared/formats/xlsx';
import { importAs, value } from './import-helpers';

describe('encodings', () => {
  it.each(['936', 'CP936', 'ANSI 936', 'GBK', 'gb2312', ' GB18030\r\n', 'cp_936'])(
    '.cpg %j means GBK',
    (cpg) => {
      expect(encodingFromCpg(cpg)).toBe('gbk');
    },
  );
  it.each(['UTF-8', 'utf8', '65001'])('.cpg %j means UTF-8', (cpg) =>
    expect(encodingFromCpg(cpg)).toBe('utf-8'),
  );
  it('unknown .cpg and language bytes say nothing', () => {
    expect(encodingFromCpg('ISO-8859-1')).toBeUndefined();
    expect(encodingFromLanguageDriver(0x4d)).toBe('gbk');
    expect(encodingFromLanguageDriver(0)).toBeUndefined();
  });
  it('GBK encoding agrees with the platform decoder, and detection tells GBK from UTF-8', () => {
    const sample = '自流井区新街街道·第一网格（专属）ABC 123';
    const gbk = encodeText(sample, 'gbk');
    expect(gbk.unmappable).toEqual([]);
    expect(decodeText(gbk.bytes, 'gbk')).toBe(sample);
    expect(gbk.bytes.length).toBeLessThan(encodeText(sample, 'utf-8').bytes.length);
    expect(detectEncoding(gbk.bytes)).toBe('gbk');
    expect(detectEncoding(encodeText(sample, 'utf-8').bytes)).toBe('utf-8');
  });
});

describe('CSV', () => {
  it('keeps the line a row starts on, through quoted line breaks, and round-trips', () => {
    const table = value(
      parseCsv('\uFEFF经度,纬度,地址\r\n104.7,29.3,"新街\n1号"\r\n\r\n104.8,29.4,"说""好""的"\r\n'),
    );
    expect(table.header).toEqual(['经度', '纬度', '地址']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(table.rows[0]!.cells[2]).toBe('新街\n1号');
    expect(table.rows[1]!.cells[2]).toBe('说"好"的');
    const again = value(
      parseCsv(
        writeCsv(
          table.header,
          table.rows.map((r) => [...r.cells]),
        ),
      ),
    );
    expect(again.rows.map((r) => r.cells)).toEqual(table.rows.map((r) => r.cells));
  });
  it('reads tab-separated text too', () => {
    expect(value(parseCsv('a\tb\n1\t2\n')).rows[0]!.cells).toEqual(['1', '2']);
  });
  it('skips rows of nothing but delimiters, as Excel writes blank rows inside a table', () => {
    const table = value(parseCsv('经度,纬度,户数\r\n104.7,29.3,2\r\n,,\r\n , ,\r\n104.8,29.4,3\r\n'));
    expect(table.rows.map((r) => r.line)).toEqual([2, 5]);
  });
});

describe('census tables', () => {
  it('reads counts typed in full-width digits (a Chinese input method) as numbers', () => {
    const csv = '经度,纬度,户数,人口\n104.7,29.3,１２,３０\n';
    const imported = value(
      importAs([{ name: 'w.csv', bytes: new TextEncoder().encode(csv) }], { layer: 'census' }),
    );
    expect(imported.errorCount).toBe(0);
    expect(
      imported.entities.map((e) => [(e as CensusPoint).households, (e as CensusPoint).population]),
    ).toEqual([[12, 30]]);
  });
  it('reads X/Y columns in metres of the Gauss-Kruger zone given, as ogr2ogr converts them', () => {
    // ogr2ogr -s_srs EPSG:4490 -t_srs EPSG:4523 of (104.771, 29.351) and (104.781, 29.353).
    const csv = 'X,Y,户数\n35477762.2597044,3248195.47883098,3\n35478733.7579423,3248415.30197896,2\n';
    const file = { name: 'gk.csv', bytes: new TextEncoder().encode(csv) };
    const mapping = { longitude: 'X', latitude: 'Y' };
    const imported = value(importAs([file], { layer: 'census', mapping }, { zoneEpsg: 4523 }));
    const [first, second] = imported.entities as CensusPoint[];
    expect(first!.lon).toBeCloseTo(104.771, 8);
    expect(first!.lat).toBeCloseTo(29.351, 8);
    expect(second!.lon).toBeCloseTo(104.781, 8);
    expect(second!.lat).toBeCloseTo(29.353, 8);
    const wrongZone = importAs([file], { layer: 'census', mapping }, { zoneEpsg: 4544 });
    expect(wrongZone.ok && wrongZone.value.errors[0]!.reason.en).toContain('check the zone');
  });

  it('asks for the zone of a table in metres, proposing it from the eastings, and reads it in that zone', () => {
    const csv = 'X,Y,户数\n35477762.2597044,3248195.47883098,3\n35478733.7579423,3248415.30197896,2\n';
    const file = { name: 'gk.csv', bytes: new TextEncoder().encode(csv) };
    const inspection = value(inspectImport([file]));
    expect(inspection.crs?.status === 'needs-zone' && inspection.crs.proposed?.epsg).toBe(4523);
    // Not read as degrees: refused until the zone is chosen (the dialog's zone picker, or --zone).
    const unzoned = value(readImport([file]));
    const refused = convertImport(unzoned, { layer: 'census', mapping: unzoned.inspection.proposals.census });
    expect(!refused.ok && refused.problems[0]!.kind).toBe('missing-prj');
    const read = value(readImport([file], { zoneEpsg: 4523 }));
    const imported = value(
      convertImport(read, { layer: 'census', mapping: read.inspection.proposals.census }),
    );
    expect((imported.entities[0] as CensusPoint).lon).toBeCloseTo(104.771, 8);
    expect(imported.sourceZoneEpsg).toBe(4523);
  });
  it('a GBK CSV from Excel: detected, mapped from Chinese headers, personal data kept apart', () => {
    const text =
      '序号,经度,纬度,户数,人口,地址,户主姓名\r\n1,104.7,29.3,2,5,新街1号,张三\r\n2,104.71,29.31,1,3,新街2号,李四\r\n';
    const file = { name: '人口.csv', bytes: encodeText(text, 'gbk').bytes };
    const inspection = value(inspectImport([file]));
    expect(inspection).toMatchObject({
      format: 'csv',
      encoding: 'gbk',
      encodingSource: 'detected',
      table: true,
      suggestedLayer: 'census',
    });
    expect(inspection.proposals.census).toEqual({
      longitude: '经度',
      latitude: '纬度',
      households: '户数',
      population: '人口',
      address: '地址',
    });
    const points = value(importAs([file], { layer: 'census' })).entities as CensusPoint[];
    expect(points[0]).toMatchObject({
      lon: 104.7,
      lat: 29.3,
      households: 2,
      population: 5,
      address: '新街1号',
      personal: { 户主姓名: '张三' },
      extra: { 序号: '1' },
    });
  });

  it('converts GCJ-02 and BD-09 to WGS84 (offsets of a few hundred metres in Zigong)', () => {
    const file = { name: 'c.csv', bytes: encodeText('lng,lat\n104.78,29.35\n', 'utf-8').bytes };
    const wgs = value(importAs([file], { layer: 'census' })).entities[0] as CensusPoint;
    const gcj = value(importAs([file], { layer: 'census', pointSystem: 'gcj02' })).entities[0] as CensusPoint;
    const bd = value(importAs([file], { layer: 'census', pointSystem: 'bd09' })).entities[0] as CensusPoint;
    expect(wgs.lon).toBe(104.78);
    const metres = (p: CensusPoint) => Math.hypot((p.lon - 104.78) * 97_000, (p.lat - 29.35) * 111_000);
    expect(metres(gcj)).toBeGreaterThan(200);
    expect(metres(gcj)).toBeLessThan(800);
    expect(metres(bd)).toBeGreaterThan(metres(gcj));
  });

  it('XLSX written here reads back with Excel row numbers; a sheet with shared strings too', () => {
    const bytes = writeXlsx(
      '人口',
      ['经度', '纬度', '户数'],
      [
        [104.7, 29.3, 3],
        [104.71, 29.31, '两户'],
      ],
    );
    const table = value(readXlsx(bytes, 'a.xlsx'));
    expect(table.header).toEqual(['经度', '纬度', '户数']);
    expect(table.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, '104.7', '29.3', '3'],
      [3, '104.71', '29.31', '两户'],
    ]);
    const result = value(importAs([{ name: 'a.xlsx', bytes }], { layer: 'census' }));
    expect(result.entities).toHaveLength(1);
    expect(result.errors).toEqual([
      {
        line: 3,
        reason: { zh: '户数“两户”不是不小于 0 的数字', en: 'households "两户" is not a number of 0 or more' },
      },
    ]);
  });

  it('refuses a file that is not XLSX', () => {
    expect(readXlsx(new Uint8Array([1, 2, 3]), 'a.xlsx').ok).toBe(false);
  });
});

describe('mapping proposals and coordinate systems', () => {
  it('recognises domain.md names and variants', () => {
    expect(proposeMapping('grid', ['ID', 'NAME', 'CODE', 'TYPE'], false)).toEqual({
      code: 'CODE',
      name: 'NAME',
      type: 'TYPE',
    });
    expect(proposeMapping('community', ['名称', '编码'], false)).toEqual({ code: '编码', name: '名称' });
    expect(proposeMapping('grid', ['wgbm', 'wgmc', '所属社区代码'], false)).toEqual({
      code: 'wgbm',
      name: 'wgmc',
      parentCode: '所属社区代码',
    });
  });
  it('knows the CGCS2000 zones and proposes one from the easting prefix', () => {
    expect(gaussKrugerZone(4513)).toMatchObject({
      centralMeridian: 75,
      prefix: 25,
      falseEasting: 25_500_000,
    });
    expect(gaussKrugerZone(4554)).toMatchObject({
      centralMeridian: 135,
      prefix: undefined,
      falseEasting: 500_000,
    });
    expect(proposeZone([39_400_000, 3_300_000, 39_600_000, 3_400_000])?.epsg).toBe(4527);
    expect(proposeZone([400_000, 3_300_000, 600_000, 3_400_000])).toBeUndefined();
    expect(readPrj('nonsense').ok).toBe(false);
  });
});

describe('GeoJSON from other systems', () => {
  it('points become census points; residents’ names stay local and are not exported by default', async () => {
    const { stringifyDivision } = await import('../../../shared/formats/geojson');
    const { divisionOf } = await import('../../../shared/model');
    const source = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { HS: 3, RK: 7, 地址: '光明路5号', 户主姓名: '王五' },
          geometry: { type: 'Point', coordinates: [104.76, 29.365] },
        },
        {
          type: 'Feature',
          properties: { HS: 'x' },
          geometry: { type: 'Point', coordinates: [104.761, 29.365] },
        },
      ],
    });
    const file = { name: 'points.geojson', bytes: encodeText(source, 'utf-8').bytes };
    const inspection = value(inspectImport([file]));
    expect(inspection).toMatchObject({ format: 'geojson', geometryKind: 'point', suggestedLayer: 'census' });
    const result = value(importAs([file], { layer: 'census' }));
    expect(result.entities).toHaveLength(1);
    expect(result.errors).toEqual([
      { line: 2, reason: expect.objectContaining({ zh: '户数“x”不是不小于 0 的数字' }) as unknown },
    ]);
    expect(result.entities[0]).toMatchObject({
      households: 3,
      population: 7,
      address: '光明路5号',
      personal: { 户主姓名: '王五' },
    });
    const exported = stringifyDivision(divisionOf({}, result.entities));
    expect(exported).toContain('光明路5号');
    expect(exported).not.toContain('王五');
  });

  it('a GridPlan division file is recognised as such', () => {
    const source = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { layer: 'census', households: 2 },
          geometry: { type: 'Point', coordinates: [104.76, 29.365] },
        },
      ],
    });
    const inspection = value(
      inspectImport([{ name: 'd.geojson', bytes: encodeText(source, 'utf-8').bytes }]),
    );
    expect(inspection.format).toBe('division');
    expect(inspection.divisionCounts?.census).toBe(1);
  });
});
