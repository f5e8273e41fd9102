import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  gaussKrugerZone,
  parseExportCrs,
  prjText,
  zoneOfPrj,
  zonePrjText,
} from '../../../shared/formats/coordinate-systems';
import { exportShapefileZip } from '../../../shared/formats/division-export';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import type { CensusPoint, Division, Grid } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import { fixture, importAs, said, value } from './import-helpers';

const hasGdal = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasGdal) console.warn('GDAL is not installed: the Gauss-Kruger export checks with GDAL are skipped.');
const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-gk-'));
const run = (command: string, args: readonly string[]) =>
  execFileSync(command, args, { encoding: 'utf8', cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });

/** Metres between two longitude/latitude points (an equirectangular estimate: exact enough at 1 cm). */
function metres(a: Position, b: Position): number {
  const lat = ((a[1]! + b[1]!) / 2) * (Math.PI / 180);
  const dx = (a[0]! - b[0]!) * 111_320 * Math.cos(lat);
  const dy = (a[1]! - b[1]!) * 110_574;
  return Math.hypot(dx, dy);
}

describe('the Gauss-Kruger zone of a .prj', () => {
  it('reads the zone GDAL wrote (ESRI WKT, with zone prefix) and the one a planner picked', () => {
    const imported = value(importAs([fixture('grids-gbk-zone35.zip')], { layer: 'grid' }));
    expect(imported.sourceZoneEpsg).toBe(4523);
    const picked = value(
      importAs([fixture('grids-zone35-no-prj.zip')], { layer: 'grid' }, { zoneEpsg: 4523 }),
    );
    expect(picked.sourceZoneEpsg).toBe(4523);
    const lonLat = value(importAs([fixture('grids-utf8-cgcs2000.zip')], { layer: 'grid' }));
    expect(lonLat.sourceZoneEpsg).toBeUndefined();
  });

  it('knows every zone from its parameters, from an EPSG code, and refuses other datums', () => {
    for (const epsg of [4491, 4502, 4508, 4513, 4523, 4533, 4534, 4544, 4554]) {
      const zone = gaussKrugerZone(epsg)!;
      expect(zoneOfPrj(zonePrjText(zone))?.epsg, String(epsg)).toBe(epsg);
    }
    const epsgWkt =
      'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 105E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4544"]]';
    expect(zoneOfPrj(epsgWkt)?.epsg).toBe(4544);
    expect(zoneOfPrj(epsgWkt.replace(',AUTHORITY["EPSG","4544"]', ''))?.epsg).toBe(4544);
    // Beijing 1954 zone 35: the same parameters, another datum: not a CGCS2000 zone to write back into.
    const beijing = zonePrjText(gaussKrugerZone(4523)!)
      .replace('GCS_China_Geodetic_Coordinate_System_2000', 'GCS_Beijing_1954')
      .replace('D_China_2000', 'D_Beijing_1954')
      .replace('SPHEROID["CGCS2000",6378137.0,298.257222101]', 'SPHEROID["Krasovsky_1940",6378245.0,298.3]');
    expect(zoneOfPrj(beijing)).toBeUndefined();
    expect(zoneOfPrj(prjText('cgcs2000'))).toBeUndefined();
    // A scale factor of 0.9996 is UTM, not Gauss-Kruger.
    expect(
      zoneOfPrj(zonePrjText(gaussKrugerZone(4544)!).replace('"Scale_Factor",1.0', '"Scale_Factor",0.9996')),
    ).toBe(undefined);
  });

  it('names export systems as planners and scripts write them, and refuses the rest in both languages', () => {
    expect(value(parseExportCrs('4490', undefined))).toBe('cgcs2000');
    expect(value(parseExportCrs('EPSG:4326', undefined))).toBe('wgs84');
    expect(value(parseExportCrs('wgs84', undefined))).toBe('wgs84');
    expect((value(parseExportCrs('epsg:4523', undefined)) as { epsg: number }).epsg).toBe(4523);
    expect((value(parseExportCrs('source', 4544)) as { epsg: number }).epsg).toBe(4544);
    const noSource = parseExportCrs('source', undefined);
    expect(noSource.ok).toBe(false);
    if (!noSource.ok) expect(said(noSource.problems)).toMatch(/源坐标系.*\| .*no source system/s);
    const bad = parseExportCrs('EPSG:3857', undefined);
    expect(!bad.ok && said(bad.problems)).toContain('4491–4554');
  });

  it.skipIf(!hasGdal)('writes the .prj exactly as GDAL prints the zone (gdalsrsinfo -o wkt_esri)', () => {
    for (const epsg of [4491, 4508, 4523, 4544]) {
      const gdal = run('gdalsrsinfo', ['-o', 'wkt_esri', `EPSG:${epsg}`]).replace(/\s+/g, '');
      expect(zonePrjText(gaussKrugerZone(epsg)!), String(epsg)).toBe(gdal);
    }
  });
});

describe.skipIf(!hasGdal)(
  'a shapefile exported in the source zone reads back at the right place in GDAL',
  () => {
    // The grids of the GBK zone-35 fixture, imported, plus a census point: the division a planner has.
    const grids = value(importAs([fixture('grids-gbk-zone35.zip')], { layer: 'grid' }));
    const point: CensusPoint = {
      layer: 'census',
      id: 'p',
      lon: 104.7812345,
      lat: 29.3456789,
      households: 3,
      population: 7,
      address: '新街3号',
      extra: {},
    };
    const division: Division = divisionOf({ name: '新街街道', sourceZoneEpsg: grids.sourceZoneEpsg! }, [
      ...(grids.entities as Grid[]),
      point,
    ]);

    /** Writes a zip's files into a folder of their own and returns the folder. */
    function unpack(name: string, zip: Uint8Array): string {
      const folder = path.join(dir, name);
      mkdirSync(folder, { recursive: true });
      for (const [file, bytes] of Object.entries(unzipSync(zip)))
        writeFileSync(path.join(folder, file), bytes);
      return folder;
    }

    for (const epsg of [4523, 4544, 4507, 4496]) {
      it(`EPSG:${epsg}: GDAL names the zone and ogr2ogr back to EPSG:4490 is within 1 cm`, () => {
        const crs =
          epsg === 4523
            ? value(parseExportCrs('source', division.meta.sourceZoneEpsg))
            : gaussKrugerZone(epsg)!;
        expect(typeof crs === 'object' && crs.epsg).toBe(epsg);
        const folder = unpack(
          `grids-${epsg}`,
          value(exportShapefileZip(division, 'grid', { crs, encoding: 'gbk' })).bytes,
        );
        expect(run('gdalsrsinfo', ['-e', '-o', 'epsg', path.join(folder, 'grids.prj')])).toContain(
          `EPSG:${epsg}`,
        );
        // The coordinates are metres of the zone, with the prefix when the zone has one.
        const info = run('ogrinfo', ['-so', '-al', path.join(folder, 'grids.shp')]);
        const extent = /Extent: \((-?[\d.]+), (-?[\d.]+)\)/.exec(info)!;
        const prefixMetres = gaussKrugerZone(epsg)!.falseEasting - 500_000;
        expect(Number(extent[1]) - prefixMetres).toBeGreaterThan(300_000);
        expect(Number(extent[1]) - prefixMetres).toBeLessThan(700_000);
        expect(Number(extent[2])).toBeGreaterThan(3_000_000);

        const back = path.join(folder, 'back.geojson');
        run('ogr2ogr', [
          '-f',
          'GeoJSON',
          '-t_srs',
          'EPSG:4490',
          '-lco',
          'COORDINATE_PRECISION=12',
          back,
          path.join(folder, 'grids.shp'),
        ]);
        const read = JSON.parse(readFileSync(back, 'utf8')) as FeatureCollection<
          Polygon,
          { WGBM: string; WGMC: string }
        >;
        expect(read.features.length).toBe(division.grid.size);
        let worst = 0;
        for (const feature of read.features) {
          const grid = [...division.grid.values()].find((g) => g.code === feature.properties.WGBM)!;
          expect(feature.properties.WGMC).toBe(grid.name);
          const want = (grid.geometry as Polygon).coordinates[0]!;
          for (const p of feature.geometry.coordinates[0]!) {
            worst = Math.max(worst, Math.min(...want.map((q) => metres(p, q))));
          }
        }
        expect(worst).toBeLessThan(0.01);
      });
    }

    it('census points too: ogr2ogr puts the point back within 1 cm', () => {
      const zone = gaussKrugerZone(4523)!;
      const folder = unpack(
        'census-4523',
        value(exportShapefileZip(division, 'census', { crs: zone, encoding: 'utf-8' })).bytes,
      );
      const back = path.join(folder, 'back.geojson');
      run('ogr2ogr', [
        '-f',
        'GeoJSON',
        '-t_srs',
        'EPSG:4490',
        '-lco',
        'COORDINATE_PRECISION=12',
        back,
        path.join(folder, 'census.shp'),
      ]);
      const read = JSON.parse(readFileSync(back, 'utf8')) as FeatureCollection<{
        type: 'Point';
        coordinates: Position;
      }>;
      expect(metres(read.features[0]!.geometry.coordinates, [point.lon, point.lat])).toBeLessThan(0.01);
    });

    it('the source zone travels in the GeoJSON file as gridplanSourceCrs, and a bad value is kept as it came', () => {
      const text = stringifyDivision(division);
      expect(JSON.parse(text)).toMatchObject({ gridplanSourceCrs: 'EPSG:4523' });
      expect(value(parseDivisionGeoJson(text)).meta.sourceZoneEpsg).toBe(4523);
      const odd = value(parseDivisionGeoJson(text.replace('"EPSG:4523"', '"EPSG:3857"')));
      expect(odd.meta.sourceZoneEpsg).toBeUndefined();
      expect(odd.meta.extra).toMatchObject({ gridplanSourceCrs: 'EPSG:3857' });
      expect(JSON.parse(stringifyDivision(odd))).toMatchObject({ gridplanSourceCrs: 'EPSG:3857' });
    });
  },
);
