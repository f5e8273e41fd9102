import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildFilingPackage } from '../../../shared/cli/build-filing-package';
import {
  exportDivisionGeoJson,
  exportGridTableCsv,
  exportGridTableXlsx,
  exportShapefileZip,
  geoJsonExportText,
} from '../../../shared/formats/division-export';
import {
  COMPUTED_MEMBERS,
  isPersonalField,
  isPersonalKey,
  parseDivisionGeoJson,
  stringifyDivision,
} from '../../../shared/formats/geojson';
import { decodeText } from '../../../shared/formats/text-encoding';
import type { CensusPoint, Division, Grid } from '../../../shared/model';
import { builtinRuleSet, divisionOf } from '../../../shared/model';
import { TEST_PDF_MAKERS } from '../cli/filing-package-fixtures';
import { importAs, square, value } from './import-helpers';

/** Residents' names and phones, as they come in census files under many spellings. */
const SECRETS = ['张三丰', '13800001111', '李四娘', '13900002222', '王五叔', '510302199001011234'];

const AT = new Date('2026-12-05T08:00:00.000Z');

const division: Division = divisionOf({ name: '新街街道' }, [
  {
    layer: 'community',
    id: 'c',
    code: '510302001001',
    name: '新街社区',
    kind: 'urban',
    geometry: square(104.7, 29.3, 0.03),
    extra: {},
  },
  ...[0, 1].map((i): Grid => ({
    layer: 'grid',
    id: `g${i}`,
    code: `51030200100100${i + 1}`,
    name: `新街社区第${i + 1}网格`,
    parentCode: '510302001001',
    gridType: 'urban',
    // Staff names and phones are public (公示): they are not residents' data and are exported.
    staff: [{ role: 'leader', name: '网格长赵六', phone: '0813-1234567' }],
    geometry: square(104.7 + i * 0.01, 29.3),
    extra: {},
  })),
  {
    layer: 'microgrid',
    id: 'm',
    code: '510302001001001001',
    name: '第1微网格',
    parentCode: '510302001001001',
    geometry: square(104.7, 29.3, 0.003),
    extra: {},
  },
  ...[0, 1, 2].map((i): CensusPoint => ({
    layer: 'census',
    id: `p${i}`,
    lon: 104.701 + i * 0.004,
    lat: 29.301,
    households: 2 + i,
    population: 5 + i,
    address: `新街${i}号`,
    personal: { 户主姓名: SECRETS[0]!, 联系电话: SECRETS[1]! },
    // Spellings that once slipped into `extra` (a file read before they were recognised).
    extra: {
      Resident_Name: SECRETS[2]!,
      PHONE: SECRETS[3]!,
      联系人: SECRETS[4]!,
      身份证号码: SECRETS[5]!,
      楼栋: 'A',
    },
  })),
]);

/** Every secret found in some text. */
const leaked = (text: string) => SECRETS.filter((secret) => text.includes(secret));

describe("residents' personal fields never leave without an explicit choice", () => {
  it('recognises names, phones and identity numbers under their usual keys', () => {
    for (const key of [
      '户主',
      '户主姓名',
      '居民姓名',
      '联系电话',
      '手机号码',
      '身份证号码',
      '联系人',
      'Phone',
      'RESIDENT_NAME',
      'tel',
      'id-card',
      'mobile_phone',
      'cellphone',
      'householderPhone',
      'LXDH',
      'HZXM',
      'SFZHM',
      '住户',
      '居民',
      '业主',
      '房主',
    ])
      expect(isPersonalKey(key), key).toBe(true);
    for (const key of [
      'address',
      '楼栋',
      'households',
      'building',
      'code',
      'buildingName',
      'XQMC',
      'LDH',
      '居民户数',
      '业主委员会',
    ])
      expect(isPersonalKey(key), key).toBe(false);
  });

  it('knows a phone or identity number by its value, under whatever key another tool gave it', () => {
    for (const value of [
      '13800138000',
      13912345678,
      '+86 138-0013-8000',
      '0813-2101234',
      '(028)86543210',
      '51030219800101123X',
      // Inside a text: a remark naming the householder's phone or identity number.
      '户主赵六 电话 13912345678',
      '联系：138 0013 8000（白天）',
      '座机0813-2101234转分机',
      '身份证510302198001011234，已核实',
      // Beside other numbers, with a country code, or written in groups.
      '3栋2单元301 13912345678 张三',
      '户主赵六 13912345678 3人',
      '户主赵六 13912345678 13812345678',
      '张三 510302198001011234 3 口人',
      '户主赵六 电话 +86 139 1234 5678',
      '电话+8613912345678',
    ])
      expect(isPersonalField('remark', value), String(value)).toBe(true);
    // Counts, codes and dates are not: an 18-digit code has no birth date in it.
    for (const value of [
      120,
      '510302001001001',
      '510302001001001001',
      '2024-01-01',
      '五星街 12 号',
      // Codes and counts inside a text are not phones: no 11-digit run of their own.
      '网格 510302003001001 内，共 139 户',
      '楼栋编码 51030200300100113912345678',
      '五星街 12 号 3 单元 501',
      // Runs of small numbers are no phone, and an 18-digit code whose check digit is wrong is no identity.
      '1 3 5 7 9 11 13 15号楼',
      '房号 1301 1302 130',
      '网格 510302201201010001 的微网格',
      null,
      true,
    ])
      expect(isPersonalField('remark', value), String(value)).toBe(false);
  });

  it('GeoJSON: no census points by default; with them, no personal fields; both only when both are asked', () => {
    const plain = JSON.parse(value(geoJsonExportText(division, { at: AT }))) as {
      features: { properties: { layer: string } }[];
    };
    expect(plain.features.filter((f) => f.properties.layer === 'census')).toEqual([]);
    expect(leaked(JSON.stringify(plain))).toEqual([]);
    const census = value(geoJsonExportText(division, { at: AT, withCensus: true }));
    expect(
      (JSON.parse(census) as typeof plain).features.filter((f) => f.properties.layer === 'census').length,
    ).toBe(3);
    expect(census).toContain('"楼栋":"A"');
    expect(leaked(census)).toEqual([]);
    const personal = value(
      geoJsonExportText(division, { at: AT, withCensus: true, withPersonalFields: true }),
    );
    expect(leaked(personal)).toEqual(SECRETS);
    const refused = geoJsonExportText(division, { withPersonalFields: true });
    expect(refused.ok).toBe(false);
    // The project file (导出 / package text) has census points, never personal fields.
    expect(leaked(stringifyDivision(division))).toEqual([]);
  });

  it('shapefiles of every layer, and the XLSX and CSV grid tables', () => {
    for (const layer of ['community', 'grid', 'microgrid', 'census'] as const) {
      for (const encoding of ['utf-8', 'gbk'] as const) {
        const zip = value(exportShapefileZip(division, layer, { crs: 'cgcs2000', encoding })).bytes;
        for (const [name, bytes] of Object.entries(unzipSync(zip)))
          expect(leaked(decodeText(bytes, encoding)), `${layer} ${name}`).toEqual([]);
      }
    }
    const xlsx = unzipSync(value(exportGridTableXlsx(division, 'zh')).bytes);
    for (const [name, bytes] of Object.entries(xlsx)) expect(leaked(strFromU8(bytes)), name).toEqual([]);
    expect(leaked(strFromU8(value(exportGridTableCsv(division, 'zh')).bytes))).toEqual([]);
    // The staff table is public and is there.
    expect(strFromU8(value(exportGridTableCsv(division, 'zh')).bytes)).toContain('网格长赵六');
  });

  it('filing packages (报审包): no file holds them', async () => {
    const built = value(
      await buildFilingPackage(division, {
        version: 1,
        createdAt: AT.toISOString(),
        ruleSet: builtinRuleSet('zigong')!,
        pdfs: TEST_PDF_MAKERS,
      }),
    );
    const entries = unzipSync(built.bytes);
    expect(Object.keys(entries)).toContain('division.geojson');
    for (const [name, bytes] of Object.entries(entries)) expect(leaked(strFromU8(bytes)), name).toEqual([]);
  });

  it('a census table whose phone column is spelled PHONE or 手机号码 keeps it as personal data', () => {
    const csv = 'lon,lat,户数,PHONE,手机号码,地址\n104.701,29.301,2,13800001111,13900002222,新街1号\n';
    const imported = value(
      importAs([{ name: 'census.csv', bytes: new TextEncoder().encode(csv) }], { layer: 'census' }),
    );
    const point = imported.entities[0] as CensusPoint;
    expect(point.personal).toEqual({ PHONE: '13800001111', 手机号码: '13900002222' });
    expect(leaked(JSON.stringify(point.extra))).toEqual([]);
  });
});

describe('GeoJSON grids carry households, population and area as computed at export', () => {
  it('counts them from the census points at export, marked computed, on grids and micro-grids only', () => {
    const collection = JSON.parse(value(geoJsonExportText(division, { at: AT }))) as {
      features: { properties: Record<string, unknown> }[];
    };
    const byCode = new Map(collection.features.map((f) => [f.properties.code, f.properties]));
    // p0 (104.701) and p1 (104.705) are in grid 1 (104.700–104.710), p2 (104.709) too; grid 2 has none.
    expect(byCode.get('510302001001001')).toMatchObject({
      computedHouseholds: 2 + 3 + 4,
      computedPopulation: 5 + 6 + 7,
      computedAt: '2026-12-05T08:00:00.000Z',
    });
    expect(byCode.get('510302001001002')).toMatchObject({ computedHouseholds: 0, computedPopulation: 0 });
    expect(byCode.get('510302001001001001')).toMatchObject({ computedHouseholds: 2 });
    const area = byCode.get('510302001001001')!.computedAreaM2 as number;
    // 0.01° × 0.01° at 29.3°N: about 1,113 m × 970 m.
    expect(area).toBeGreaterThan(1_000_000);
    expect(area).toBeLessThan(1_150_000);
    expect(byCode.get('510302001001')).not.toHaveProperty('computedHouseholds');
  });

  it('reading the file back drops them, so a later export never carries stale figures', () => {
    const text = value(geoJsonExportText(division, { at: AT, withCensus: true }));
    const back = value(parseDivisionGeoJson(text));
    for (const grid of back.grid.values())
      for (const member of COMPUTED_MEMBERS) expect(grid.extra).not.toHaveProperty(member);
    expect(stringifyDivision(back)).not.toContain('computed');
    // Moved census points: the next export counts again.
    const moved = new Map([...back.census].map(([id, p]) => [id, { ...p, lon: p.lon + 0.01 }]));
    const again = JSON.parse(value(geoJsonExportText({ ...back, census: moved }, { at: AT }))) as {
      features: { properties: Record<string, unknown> }[];
    };
    const grid2 = again.features.find((f) => f.properties.code === '510302001001002')!.properties;
    expect(grid2.computedHouseholds).toBe(2 + 3 + 4);
  });

  it('the file form: exportDivisionGeoJson names it after the division', () => {
    expect(value(exportDivisionGeoJson(division)).fileName).toBe('新街街道.geojson');
  });
});
