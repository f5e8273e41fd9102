import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  exportGridTableCsv,
  exportGridTableXlsx,
  exportShapefileZip,
  SHAPEFILE_NAMES,
} from '../../../shared/formats/division-export';
import { stringifyDivision } from '../../../shared/formats/geojson';
import type { CensusPoint, Division, Grid, Layer } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import { FIXTURES, importAs, square, value } from './import-helpers';

// GDAL is the "real client": CI installs Debian's gdal-bin. Skipped, saying so, only where it is absent.
const ogrinfo = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' });
const hasGdal = ogrinfo.status === 0;
if (!hasGdal)
  console.warn(
    'GDAL (ogrinfo) is not installed: the GDAL interoperability tests are skipped. apt-get install gdal-bin',
  );

const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-gdal-'));

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, {
    encoding: 'utf8',
    cwd: dir,
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
}

const names = ['新街社区第一网格', '蜀光中学·专属网格', '燊海井社区微网格'];
const division: Division = divisionOf({ name: '新街街道' }, [
  {
    layer: 'township',
    id: 't',
    code: '510302001000',
    name: '新街街道',
    geometry: square(104.7, 29.3, 0.05),
    extra: {},
  },
  {
    layer: 'community',
    id: 'c',
    code: '510302001001',
    name: '新街社区',
    kind: 'urban',
    geometry: square(104.7, 29.3, 0.03),
    extra: {},
  },
  ...names.slice(0, 2).map((name, i): Grid => ({
    layer: 'grid',
    id: `g${i}`,
    code: `51030200100100${i + 1}`,
    name,
    parentCode: '510302001001',
    gridType: i === 0 ? 'urban' : 'exclusive',
    geometry: square(104.7 + i * 0.01, 29.3),
    extra: {},
  })),
  {
    layer: 'microgrid',
    id: 'm',
    code: '510302001001001001',
    name: names[2]!,
    parentCode: '510302001001001',
    geometry: square(104.7, 29.3, 0.005),
    extra: {},
  },
  ...[0, 1, 2].map((i): CensusPoint => ({
    layer: 'census',
    id: `p${i}`,
    lon: 104.701 + i * 0.004,
    lat: 29.301,
    households: 2,
    population: 5,
    address: `新街${i}号`,
    extra: {},
  })),
]);

/** ogrinfo's summary and full listing of one layer. */
function ogr(file: string): { summary: string; all: string } {
  return { summary: run('ogrinfo', ['-so', '-al', file]), all: run('ogrinfo', ['-al', '-q', file]) };
}

describe.skipIf(!hasGdal)('GDAL reads every export (ogrinfo)', () => {
  const layers: { layer: Layer; count: number; geometry: string; text: string }[] = [
    { layer: 'township', count: 1, geometry: 'Polygon', text: '新街街道' },
    { layer: 'community', count: 1, geometry: 'Polygon', text: '新街社区' },
    { layer: 'grid', count: 2, geometry: 'Polygon', text: '蜀光中学·专属网格' },
    { layer: 'microgrid', count: 1, geometry: 'Polygon', text: '燊海井社区微网格' },
    { layer: 'census', count: 3, geometry: 'Point', text: '新街2号' },
  ];
  for (const crs of ['cgcs2000', 'wgs84'] as const) {
    for (const encoding of ['utf-8', 'gbk'] as const) {
      it.each(layers)(`shapefile $layer, ${crs}, ${encoding}`, ({ layer, count, geometry, text }) => {
        const folder = path.join(dir, `${layer}-${crs}-${encoding}`);
        mkdirSync(folder, { recursive: true });
        const zip = value(exportShapefileZip(division, layer, { crs, encoding })).bytes;
        for (const [name, bytes] of Object.entries(unzipSync(zip)))
          writeFileSync(path.join(folder, name), bytes);
        const { summary, all } = ogr(path.join(folder, `${SHAPEFILE_NAMES[layer]}.shp`));
        expect(summary).toContain(`Feature Count: ${count}`);
        expect(summary).toContain(`Geometry: ${geometry}`);
        expect(summary).toContain(crs === 'cgcs2000' ? 'ID["EPSG",4490]' : 'ID["EPSG",4326]');
        expect(all).toContain(text);
        expect(all).not.toContain('\uFFFD');
      });
    }
  }

  it('a shapefile zip deflated by zlib (the command line), read by GDAL in the zip itself', () => {
    const deflateRaw = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));
    const zip = value(
      exportShapefileZip(division, 'grid', { crs: 'cgcs2000', encoding: 'gbk', deflateRaw }),
    ).bytes;
    const file = path.join(dir, 'grids-zlib.zip');
    writeFileSync(file, zip);
    const { summary, all } = ogr(`/vsizip/${file}/grids.shp`);
    expect(summary).toContain('Feature Count: 2');
    expect(summary).toContain('ID["EPSG",4490]');
    expect(all).toContain('蜀光中学·专属网格');
    expect(all).not.toContain('\uFFFD');
  });

  it('GeoJSON: feature count per layer, CRS and Chinese', () => {
    const file = path.join(dir, 'division.geojson');
    writeFileSync(file, stringifyDivision(division));
    const { summary, all } = ogr(file);
    expect(summary).toContain('Feature Count: 8');
    expect(summary).toContain('ID["EPSG",4326]');
    for (const name of names) expect(all).toContain(name);
    for (const [layer, count] of [
      ['grid', 2],
      ['census', 3],
      ['microgrid', 1],
    ] as const) {
      expect(run('ogrinfo', ['-so', '-al', '-where', `layer = '${layer}'`, file])).toContain(
        `Feature Count: ${count}`,
      );
    }
  });

  it('XLSX and CSV grid tables', () => {
    writeFileSync(path.join(dir, 'grids.xlsx'), value(exportGridTableXlsx(division, 'zh')).bytes);
    writeFileSync(path.join(dir, 'grids.csv'), value(exportGridTableCsv(division, 'zh')).bytes);
    const xlsx = ogr(path.join(dir, 'grids.xlsx'));
    expect(xlsx.summary).toContain('Feature Count: 2');
    expect(xlsx.all).toContain('网格名称 (String) = 蜀光中学·专属网格');
    expect(xlsx.all).toMatch(/户数 \(Integer\) = 6/);
    const csv = ogr(path.join(dir, 'grids.csv'));
    expect(csv.summary).toContain('Feature Count: 2');
    expect(csv.all).toContain('新街社区第一网格');
  });
});

describe.skipIf(!hasGdal)('shapefiles written by ogr2ogr import with the right coordinates and text', () => {
  const source = path.join(FIXTURES, 'grids-source.geojson');
  const expected = JSON.parse(readFileSync(source, 'utf8')) as {
    features: { geometry: Polygon; properties: { WGMC: string } }[];
  };
  const cases = [
    { name: 'gbk-zone35', args: ['-t_srs', 'EPSG:4523', '-lco', 'ENCODING=CP936'], encoding: 'gbk' },
    { name: 'gbk-cm105', args: ['-t_srs', 'EPSG:4544', '-lco', 'ENCODING=CP936'], encoding: 'gbk' },
    { name: 'utf8-zone35', args: ['-t_srs', 'EPSG:4523', '-lco', 'ENCODING=UTF-8'], encoding: 'utf-8' },
    { name: 'gbk-geographic', args: ['-a_srs', 'EPSG:4490', '-lco', 'ENCODING=CP936'], encoding: 'gbk' },
    { name: 'utf8-geographic', args: ['-a_srs', 'EPSG:4490', '-lco', 'ENCODING=UTF-8'], encoding: 'utf-8' },
  ];
  it.each(cases)('$name', ({ name, args, encoding }) => {
    const folder = path.join(dir, `ogr-${name}`);
    mkdirSync(folder, { recursive: true });
    run('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      path.join(folder, 'grids.shp'),
      source,
      '-nln',
      'grids',
      '-s_srs',
      'EPSG:4490',
      ...args,
    ]);
    const files = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => ({
      name: `grids.${ext}`,
      bytes: new Uint8Array(readFileSync(path.join(folder, `grids.${ext}`))),
    }));
    const result = value(importAs(files, { layer: 'grid' }));
    const grids = result.entities as Grid[];
    expect(grids.map((g) => g.name)).toEqual(expected.features.map((f) => f.properties.WGMC));
    expect(encoding).toBeDefined();
    grids.forEach((grid, i) => {
      const want = expected.features[i]!.geometry.coordinates[0]!;
      const got = (grid.geometry as Polygon).coordinates[0]!;
      for (const p of want) {
        const nearest = Math.min(...got.map((q) => Math.hypot(q[0]! - p[0]!, q[1]! - p[1]!)));
        expect(nearest).toBeLessThan(1e-8);
      }
    });
  });

  it('census points written by ogr2ogr as a GBK point shapefile', () => {
    const folder = path.join(dir, 'ogr-points');
    mkdirSync(folder, { recursive: true });
    const points = path.join(folder, 'in.geojson');
    writeFileSync(
      points,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { HS: 4, RK: 11, DZ: '新街社区3栋' },
            geometry: { type: 'Point', coordinates: [104.775, 29.355] },
          },
        ],
      }),
    );
    run('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      path.join(folder, 'census.shp'),
      points,
      '-nln',
      'census',
      '-s_srs',
      'EPSG:4490',
      '-t_srs',
      'EPSG:4523',
      '-lco',
      'ENCODING=CP936',
    ]);
    const files = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => ({
      name: `census.${ext}`,
      bytes: new Uint8Array(readFileSync(path.join(folder, `census.${ext}`))),
    }));
    const result = value(importAs(files, { layer: 'census' }));
    expect(result.entities[0]).toMatchObject({ households: 4, population: 11, address: '新街社区3栋' });
    const p = result.entities[0] as CensusPoint;
    expect(Math.hypot(p.lon - 104.775, p.lat - 29.355)).toBeLessThan(1e-8);
  });
});
