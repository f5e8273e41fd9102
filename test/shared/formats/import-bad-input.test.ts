import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeDbf } from '../../../shared/formats/dbf';
import { inspectImport, readCensusTable, readImport } from '../../../shared/formats/import-files';
import { rowErrorProblems } from '../../../shared/formats/import-layer';
import { MAX_KEPT_ROW_ERRORS } from '../../../shared/formats/row-errors';
import { encodeText } from '../../../shared/formats/text-encoding';
import { writeShapefile } from '../../../shared/formats/shapefile-write';
import { MAX_IMPORT_BYTES, readZip, writeZip } from '../../../shared/formats/zip-archive';
import { fixture, gridZip, importAs, problems, said, square, value } from './import-helpers';

const good = [
  { geometry: square(104.7, 29.3), cells: ['510302001001001', '第一网格'] },
  { geometry: square(104.71, 29.3), cells: ['510302001001002', '第二网格'] },
];

const csv = (text: string) => ({ name: 'census.csv', bytes: encodeText(text, 'utf-8').bytes });

describe('bad input is refused with a clear message (each case)', () => {
  it('a truncated zip', () => {
    const whole = fixture('grids-gbk-zone35.zip');
    const cut = { name: 'grids.zip', bytes: whole.bytes.subarray(0, Math.floor(whole.bytes.length / 2)) };
    const list = problems(inspectImport([cut]));
    expect(list[0]!.kind).toBe('bad-zip');
    expect(said(list)).toMatch(/无法解压.*不完整或已损坏/);
    expect(said(list)).toMatch(/incomplete or damaged/);
  });

  it('a zip without the .dbf', () => {
    const list = problems(inspectImport([gridZip(good, { drop: ['dbf'] })]));
    expect(list[0]!.kind).toBe('no-dbf');
    expect(said(list)).toContain('grids.shp 缺少同名的 .dbf');
  });

  it('a zip without any .shp', () => {
    const list = problems(inspectImport([gridZip(good, { drop: ['shp'] })]));
    expect(list[0]!.kind).toBe('no-shp');
  });

  it('.shp and .dbf with different record counts', () => {
    const entries: Record<string, Uint8Array> = unzipSync(gridZip(good).bytes);
    entries['grids.dbf'] = writeDbf([{ name: 'WGBM', type: 'C' }], [['510302001001001']], 'utf-8').bytes;
    const list = problems(readImport([{ name: 'grids.zip', bytes: zipSync(entries) }]));
    expect(list[0]!.kind).toBe('count-mismatch');
    expect(said(list)).toContain('grids.shp 有 2 个图形，而 grids.dbf 有 1 条属性记录');
  });

  it('a .dbf cut short', () => {
    const entries = unzipSync(gridZip(good).bytes);
    entries['grids.dbf'] = entries['grids.dbf']!.subarray(0, entries['grids.dbf']!.length - 20);
    const list = problems(inspectImport([{ name: 'grids.zip', bytes: zipSync(entries) }]));
    expect(said(list)).toContain('文件头写明 2 条记录，实际只有 1 条');
  });

  it('a .shp cut short', () => {
    const entries = unzipSync(gridZip(good).bytes);
    entries['grids.shp'] = entries['grids.shp']!.subarray(0, 150);
    const list = problems(inspectImport([{ name: 'grids.zip', bytes: zipSync(entries) }]));
    expect(list[0]!.kind).toBe('bad-shp');
    expect(said(list)).toContain('不完整');
  });

  it('an unknown .prj: the planner is asked for the zone instead', () => {
    const entries: Record<string, Uint8Array> = unzipSync(gridZip(good).bytes);
    entries['grids.prj'] = encodeText('LOCAL_CS["Unnamed county grid"]', 'utf-8').bytes;
    const file = { name: 'grids.zip', bytes: zipSync(entries) };
    const inspection = value(inspectImport([file]));
    expect(inspection.crs).toMatchObject({ status: 'needs-zone', reason: 'unknown-prj' });
    const list = problems(readImport([file]));
    expect(list[0]!.kind).toBe('unknown-prj');
    expect(said(list)).toContain('无法识别 .prj 中的坐标系');
  });

  it('GBK text with no .cpg and no language byte is detected as GBK', () => {
    const entries = unzipSync(gridZip(good, { encoding: 'gbk', drop: ['cpg'] }).bytes);
    entries['grids.dbf']![29] = 0; // no language byte either
    const file = { name: 'grids.zip', bytes: zipSync(entries) };
    const inspection = value(inspectImport([file]));
    expect(inspection).toMatchObject({ encoding: 'gbk', encodingSource: 'detected' });
    expect(value(importAs([file], { layer: 'grid' })).entities.map((e) => 'name' in e && e.name)).toEqual([
      '第一网格',
      '第二网格',
    ]);
  });

  it('invalid geometries: a null shape, a ring of three points, lines for grids', () => {
    const nullShape = problems(
      importAs([gridZip([...good, { geometry: null, cells: ['510302001001003', 'x'] }])], { layer: 'grid' }),
    );
    expect(said(nullShape)).toContain('第 3 条记录：没有图形');
    const short = problems(
      importAs(
        [
          gridZip([
            {
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [104.7, 29.3],
                    [104.71, 29.3],
                    [104.7, 29.3],
                  ],
                ],
              },
              cells: ['510302001001001', 'x'],
            },
          ]),
        ],
        { layer: 'grid' },
      ),
    );
    expect(said(short)).toContain('第 1 条记录：面的环只有 3 个顶点');
    const written = writeShapefile(
      {
        name: 'grids',
        shapeType: 'point',
        fields: [{ name: 'WGBM', type: 'C' }],
        records: [{ geometry: { type: 'Point', coordinates: [104.7, 29.3] }, cells: ['510302001001001'] }],
      },
      { encoding: 'utf-8', crs: 'wgs84' },
    );
    const points = problems(
      importAs([{ name: 'grids.zip', bytes: writeZip(written.files) }], { layer: 'grid' }),
    );
    expect(said(points)).toContain('第 1 条记录：几何类型 Point 不能作为网格，应为面（Polygon）');
  });

  it('polygons cannot become census points: every record is listed', () => {
    const result = value(importAs([gridZip(good)], { layer: 'census' }));
    expect(result.entities).toHaveLength(0);
    expect(result.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(result.errors[0]!.reason.zh).toContain('不能作为人口点');
  });

  it('NaN and out-of-range coordinates', () => {
    const nan = problems(
      importAs([gridZip([{ geometry: square(NaN, 29.3), cells: ['510302001001001', 'x'] }])], {
        layer: 'grid',
      }),
    );
    expect(nan[0]!.kind).toBe('bad-coordinates');
    expect(said(nan)).toContain('第 1 条记录：坐标 (NaN, 29.3) 不是有效的经纬度');
    const far = problems(
      importAs([gridZip([...good, { geometry: square(204.7, 29.3), cells: ['510302001001003', 'x'] }])], {
        layer: 'grid',
      }),
    );
    expect(said(far)).toContain('第 3 条记录');
  });

  it('an empty file', () => {
    for (const name of ['grids.zip', 'census.csv', 'census.xlsx', 'grids.geojson', 'grids.shp']) {
      const list = problems(inspectImport([{ name, bytes: new Uint8Array(0) }]));
      expect(said(list)).toMatch(/空文件|is empty/);
    }
  });

  it('a file above the limit (200 MB) is refused before it is parsed', () => {
    const huge = { name: 'huge.zip', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) };
    const started = performance.now();
    const list = problems(inspectImport([huge]));
    expect(performance.now() - started).toBeLessThan(500);
    expect(list[0]!.kind).toBe('too-large');
    expect(said(list)).toContain('超过 150 MB 的导入上限');
  });

  it('a zip whose contents unpack above the limit is refused without unpacking them', () => {
    // A zip that declares 200 MB of contents in its central directory (as a zip bomb does): the
    // declared sizes are checked before anything is inflated.
    const bomb = zipSync({ 'grids.shp': new Uint8Array(1000) });
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 < bomb.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 200 * 1024 * 1024, true);
    }
    const list = problems(readZip(bomb, 'bomb.zip'));
    expect(list[0]!.kind).toBe('too-large');
  });

  it('zip entries with ../ names (zip-slip) are refused and nothing is read', () => {
    const good1 = gridZip(good);
    const entries = unzipSync(good1.bytes);
    const evil = zipSync({ ...entries, '../../etc/evil.shp': entries['grids.shp']! });
    const list = problems(inspectImport([{ name: 'grids.zip', bytes: evil }]));
    expect(list[0]!.kind).toBe('unsafe-zip');
    expect(said(list)).toContain('../../etc/evil.shp');
    const absolute = zipSync({ ...entries, '/tmp/x.dbf': entries['grids.dbf']! });
    expect(problems(readZip(absolute, 'a.zip'))[0]!.kind).toBe('unsafe-zip');
  });

  it('a CSV with a missing column', () => {
    const list = problems(importAs([csv('经度,户数\n104.7,3\n')], { layer: 'census' }));
    expect(list[0]!.kind).toBe('missing-column');
    expect(said(list)).toContain('需要指定“纬度”所在的列');
  });

  it('a CSV with non-numeric households: rows listed with line numbers, good rows kept apart', () => {
    const result = value(
      importAs(
        [
          csv(
            '经度,纬度,户数,人口,地址\n104.7,29.3,3,8,新街1号\n104.71,29.3,三户,5,新街2号\n104.72,29.3,-1,0,\n,29.3,1,1,\n',
          ),
        ],
        {
          layer: 'census',
        },
      ),
    );
    expect(result.entities).toHaveLength(1);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(result.errors[0]!.reason.zh).toBe('户数“三户”不是不小于 0 的数字');
    expect(result.errors[2]!.reason.en).toContain('longitude "" or latitude "29.3" is not a number');
  });

  it('a CSV of thousands of bad rows keeps the first 1,000 and counts them all', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `abc,def,1,1,街${i}号`);
    const text = ['经度,纬度,户数,人口,地址', '104.7,29.3,3,8,新街1号', ...rows].join('\n');
    const imported = value(importAs([csv(text)], { layer: 'census' }));
    expect(imported.entities).toHaveLength(1);
    expect(imported.errorCount).toBe(5_000);
    expect(imported.errors).toHaveLength(MAX_KEPT_ROW_ERRORS);
    expect(imported.errors[0]!.line).toBe(3);
    const columns = readCensusTable('csv', csv(text), {}, {}, undefined);
    expect(columns.ok && [columns.value.errorCount, columns.value.errors.length]).toEqual([5_000, 1_000]);
    const listed = rowErrorProblems(imported.errors, imported.errorCount);
    expect(listed).toHaveLength(21);
    expect(listed[20]!.message.zh).toBe('……另有 4980 行有误');
  });

  it('an old .xls and unknown files are named with what to do', () => {
    expect(said(problems(inspectImport([{ name: 'a.xls', bytes: new Uint8Array(10) }])))).toContain(
      '另存为 .xlsx',
    );
    expect(said(problems(inspectImport([{ name: 'a.docx', bytes: new Uint8Array(10) }])))).toContain(
      '可导入',
    );
  });
});
