import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../shared/cli/run-cli';
import { readPrj } from '../../../shared/formats/coordinate-systems';
import { nodeHost } from './node-host';

const dir = mkdtempSync(path.join(tmpdir(), 'gridplan-hostile-'));
const at = (name: string) => path.join(dir, name);

describe('gridplan import refuses what would silently damage data', () => {
  it('a header-only census table does not empty the census of --into', async () => {
    writeFileSync(at('full.csv'), '经度,纬度,户数\n104.7,29.3,5\n104.71,29.31,7\n');
    writeFileSync(at('empty.csv'), '经度,纬度,户数\n');
    const made = await runCli(
      ['import', at('full.csv'), '--as', 'census', '--out', at('d.geojson')],
      nodeHost,
    );
    expect(made.exitCode).toBe(0);
    const before = readFileSync(at('d.geojson'));
    const refused = await runCli(
      ['import', at('empty.csv'), '--as', 'census', '--into', at('d.geojson'), '--out', at('d.geojson')],
      nodeHost,
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('2');
    expect(readFileSync(at('d.geojson')).equals(before)).toBe(true);
  });
});

describe('coordinate systems that are not CGCS2000 degrees', () => {
  const beijing =
    'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  const xian =
    'PROJCS["Xian_1980_3_Degree_GK_Zone_35",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",35500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
  const radians =
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Radian",1.0]]';

  it('Beijing 1954 and Xi’an 1980 are read with a clear warning', () => {
    for (const prj of [beijing, xian]) {
      const read = readPrj(prj);
      expect(read.ok).toBe(true);
      if (read.ok) {
        expect(read.value.warning?.kind).toBe('other-datum');
        expect(read.value.warning?.message.zh).toMatch(/北京54|西安80/);
        expect(read.value.warning?.message.en).toMatch(/tens to over a hundred metres/);
      }
    }
  });

  it('longitude/latitude in radians is refused', () => {
    const read = readPrj(radians);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]!.message.en).toMatch(/Radian/);
  });

  it('CGCS2000 degrees have no warning', () => {
    const read = readPrj(radians.replace('UNIT["Radian",1.0]', 'UNIT["Degree",0.0174532925199433]'));
    expect(read.ok && read.value.warning).toBeUndefined();
  });
});
