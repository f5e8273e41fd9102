import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../shared/cli/parse-cli-args';
import { runCli } from '../../../shared/cli/run-cli';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { readXlsx } from '../../../shared/formats/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { FIXTURES } from '../formats/import-helpers';
import { nodeHost } from './node-host';

const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-cli-'));
const at = (name: string) => path.join(dir, name);
const fixture = (name: string) => path.join(FIXTURES, name);

function division(file: string) {
  const parsed = parseDivisionGeoJson(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message.en);
  return parsed.value;
}

describe('gridplan import', () => {
  it('imports a GBK shapefile in a Gauss-Kruger zone as grids', async () => {
    const result = await runCli(
      ['import', fixture('grids-gbk-zone35.zip'), '--as', 'grids', '--out', at('a.geojson')],
      nodeHost,
    );
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toContain(
      '已导入 3 个网格（编码 GBK（据 .cpg），坐标系 CGCS2000_3_Degree_GK_Zone_35）',
    );
    const grids = [...division(at('a.geojson')).grid.values()];
    expect(grids.map((g) => g.name)).toContain('自流井中学专属网格');
  });

  it('asks for --zone when projected data has no .prj, and uses it', async () => {
    const refused = await runCli(
      ['import', fixture('grids-zone35-no-prj.zip'), '--as', 'grids', '--out', at('b.geojson')],
      nodeHost,
    );
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--zone 4523');
    const done = await runCli(
      [
        'import',
        fixture('grids-zone35-no-prj.zip'),
        '--as',
        'grids',
        '--out',
        at('b.geojson'),
        '--zone',
        'EPSG:4523',
      ],
      nodeHost,
    );
    expect(done.exitCode).toBe(0);
  });

  it('imports census rows into an existing division, refusing bad rows unless told to skip them', async () => {
    await runCli(
      ['import', fixture('grids-utf8-cgcs2000.zip'), '--as', 'grids', '--out', at('base.geojson')],
      nodeHost,
    );
    writeFileSync(at('census.csv'), '经度,纬度,户数,人口\n104.775,29.355,3,9\n104.785,29.355,abc,1\n');
    const refused = await runCli(
      ['import', at('census.csv'), '--as', 'census', '--into', at('base.geojson'), '--out', at('c.geojson')],
      nodeHost,
    );
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('第 3 行：户数“abc”不是不小于 0 的数字');
    const skipped = await runCli(
      [
        'import',
        at('census.csv'),
        '--as',
        'census',
        '--into',
        at('base.geojson'),
        '--out',
        at('c.geojson'),
        '--skip-bad-rows',
        '--lang',
        'en',
      ],
      nodeHost,
    );
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stderr).toContain('Skipped 1 row with errors:');
    expect(skipped.stderr).toContain('Line 3: households "abc"');
    const result = division(at('c.geojson'));
    expect(result.grid.size).toBe(3);
    expect(result.census.size).toBe(1);
  });

  it('takes explicit fields, and reads a .shp with its sibling files', async () => {
    const result = await runCli(
      [
        'import',
        fixture('grids-utf8-cgcs2000.zip'),
        '--as',
        'communities',
        '--field',
        'code=CJDM',
        '--field',
        'name=WGMC',
        '--out',
        at('d.geojson'),
      ],
      nodeHost,
    );
    expect(result.exitCode).toBe(0);
    expect([...division(at('d.geojson')).community.values()][0]!.name).toBe('新街社区第一网格');
  });

  it('refuses a 200 MB file by its size, without reading it', async () => {
    writeFileSync(at('huge.zip'), '');
    truncateSync(at('huge.zip'), 200 * 1024 * 1024); // sparse: costs no disk
    const started = performance.now();
    const result = await runCli(
      ['import', at('huge.zip'), '--as', 'grids', '--out', at('e.geojson')],
      nodeHost,
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('太大（200 MB）');
  });
});

describe('gridplan export', () => {
  it('writes GeoJSON, a shapefile zip, XLSX and CSV', async () => {
    await runCli(
      ['import', fixture('grids-gbk-zone35.zip'), '--as', 'grids', '--out', at('x.geojson')],
      nodeHost,
    );
    for (const [to, out] of [
      ['geojson', 'x-out.geojson'],
      ['shapefile', 'x.zip'],
      ['xlsx', 'x.xlsx'],
      ['csv', 'x.csv'],
    ]) {
      const encoding = to === 'shapefile' ? ['--encoding', 'gbk'] : [];
      const result = await runCli(
        ['export', at('x.geojson'), '--to', to!, '--out', at(out!), ...encoding],
        nodeHost,
      );
      expect(result, to).toMatchObject({ exitCode: 0 });
    }
    // Options of shapefiles only are refused for the other formats, not ignored.
    for (const [to, option, value] of [
      ['csv', '--layer', 'census'],
      ['xlsx', '--encoding', 'gbk'],
      ['geojson', '--crs', '4326'],
    ]) {
      const refused = await runCli(
        ['export', at('x.geojson'), '--to', to!, '--out', at('never'), option!, value!, '--lang', 'en'],
        nodeHost,
      );
      expect(refused.exitCode, to).toBe(2);
      expect(refused.stderr).toContain(`${option} go with --to shapefile only`);
    }
    const table = readXlsx(new Uint8Array(readFileSync(at('x.xlsx'))), 'x.xlsx');
    expect(table.ok && table.value.rows.length).toBe(3);
    expect(division(at('x-out.geojson')).grid.size).toBe(3);
  });

  it('writes a shapefile in the source Gauss-Kruger zone (--crs source) or a named one', async () => {
    await runCli(
      ['import', fixture('grids-gbk-zone35.zip'), '--as', 'grids', '--out', at('gk.geojson')],
      nodeHost,
    );
    expect(JSON.parse(readFileSync(at('gk.geojson'), 'utf8'))).toMatchObject({
      gridplanSourceCrs: 'EPSG:4523',
    });
    const prjOf = (zip: string) => {
      const entries = unzipSync(new Uint8Array(readFileSync(at(zip))));
      return strFromU8(entries['grids.prj']!);
    };
    for (const [crs, name] of [
      ['source', 'CGCS2000_3_Degree_GK_Zone_35'],
      ['EPSG:4544', 'CGCS2000_3_Degree_GK_CM_105E'],
      ['4490', 'GCS_China_Geodetic_Coordinate_System_2000'],
    ] as const) {
      const result = await runCli(
        ['export', at('gk.geojson'), '--to', 'shapefile', '--out', at('gk.zip'), '--crs', crs],
        nodeHost,
      );
      expect(result.exitCode, crs).toBe(0);
      expect(prjOf('gk.zip')).toContain(`"${name}"`);
    }
    // A division that came in longitude/latitude has no source zone: said, in the language asked for.
    await runCli(
      ['import', fixture('grids-utf8-cgcs2000.zip'), '--as', 'grids', '--out', at('ll.geojson')],
      nodeHost,
    );
    const refused = await runCli(
      [
        '--lang',
        'en',
        'export',
        at('ll.geojson'),
        '--to',
        'shapefile',
        '--out',
        at('ll.zip'),
        '--crs',
        'source',
      ],
      nodeHost,
    );
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain('no source system');
    expect(
      parseCliArgs(['export', 'a.geojson', '--to', 'shapefile', '--out', 'x', '--crs', 'EPSG:3857']),
    ).toMatchObject({
      command: 'usage-error',
    });
  });

  it('GeoJSON: census points only with --with-census, personal fields only with --with-personal-fields too', async () => {
    const file = at('people.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { layer: 'census', households: 2, 户主姓名: '张三丰', 联系电话: '13800001111' },
            geometry: { type: 'Point', coordinates: [104.7, 29.3] },
          },
        ],
      }),
    );
    const exported = async (...flags: string[]) => {
      const result = await runCli(
        ['export', file, '--to', 'geojson', '--out', at('people-out.geojson'), ...flags],
        nodeHost,
      );
      return { result, text: result.exitCode === 0 ? readFileSync(at('people-out.geojson'), 'utf8') : '' };
    };
    const plain = await exported();
    expect(plain.result.stdout).toContain('已导出 0 个要素');
    expect(plain.text).not.toContain('census');
    const census = await exported('--with-census');
    expect(census.text).toContain('"layer":"census"');
    expect(census.text).not.toContain('张三丰');
    const personal = await exported('--with-census', '--with-personal-fields');
    expect(personal.text).toContain('张三丰');
    expect((await exported('--include-personal')).text).toContain('13800001111');
    const alone = await exported('--with-personal-fields');
    expect(alone.result.exitCode).toBe(2);
    expect(alone.result.stderr).toContain('--with-census');
    expect(
      parseCliArgs(['export', file, '--to', 'shapefile', '--out', 'x.zip', '--with-census']),
    ).toMatchObject({ command: 'usage-error' });
  });

  it('parses and refuses wrong command lines in the language asked for', async () => {
    expect(parseCliArgs(['export', 'a.geojson', '--to', 'kml', '--out', 'x'])).toMatchObject({
      command: 'usage-error',
    });
    expect(parseCliArgs(['--lang', 'en', 'import', 'a.zip', '--out', 'x.geojson'])).toMatchObject({
      command: 'usage-error',
      message: { en: expect.stringContaining('--as must be') as string },
    });
    expect(
      parseCliArgs(['import', 'a.zip', '--as', 'grids', '--out', 'x', '--field', 'colour=RED']),
    ).toMatchObject({ command: 'usage-error' });
    expect(
      parseCliArgs([
        'export',
        'a.geojson',
        '--to',
        'shapefile',
        '--out',
        'x.zip',
        '--layer',
        'communities',
        '--crs',
        'wgs84',
      ]),
    ).toMatchObject({
      command: 'export',
      layer: 'community',
      crs: 'wgs84',
      encoding: 'utf-8',
    });
    expect((await runCli(['--help'], nodeHost)).stdout).toContain('gridplan import');
  });
});
