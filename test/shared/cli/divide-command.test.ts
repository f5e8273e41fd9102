import { describe, expect, it } from 'vitest';
import { generateTownship } from '../../../bench/township-generator';
import { readGuideLayers } from '../../../shared/cli/read-guide-layers';
import { runCli } from '../../../shared/cli/run-cli';
import { stringifyDivision } from '../../../shared/formats/geojson';
import { preparePolygon } from '../../../shared/geometry/prepared-polygon';
import type { Grid } from '../../../shared/model';
import { applyChange, change } from '../../../shared/model';
import { lineageRecord, withLineage } from '../../../shared/codes/code-lineage';
import {
  compoundsZip,
  encoder,
  guideFile,
  memoryHost,
  quarters,
  SMALL,
  townshipFiles,
} from './divide-fixtures';

describe('readGuideLayers', () => {
  const township = generateTownship(SMALL);

  it('makes lines roads and polygons compounds, keeping attributes', () => {
    const roads = readGuideLayers(
      { path: 'dir/roads.geojson', bytes: encoder.encode(guideFile(township, 'roads')) },
      0,
    );
    expect(roads.ok && roads.value.map((l) => [l.role, l.name])).toEqual([['road', 'roads']]);
    expect(roads.ok && roads.value[0]!.features[0]!.properties).toHaveProperty('name');
    const zip = readGuideLayers({ path: 'compounds.zip', bytes: compoundsZip(township) }, 1);
    expect(zip.ok).toBe(true);
    if (!zip.ok) return;
    expect(zip.value).toHaveLength(1);
    expect(zip.value[0]!.role).toBe('compound');
    const source = township.guides.find((g) => g.id === 'compounds')!;
    expect(zip.value[0]!.features).toHaveLength(source.features.length);
    expect(zip.value[0]!.features.map((f) => String(f.properties?.NAME))).toEqual(
      source.features.map((f) => String(f.properties?.name)),
    );
  });

  it('refuses a division, a table or a layer of points, saying why', () => {
    const division = readGuideLayers(
      { path: 'a.geojson', bytes: encoder.encode(stringifyDivision(township.division)) },
      0,
    );
    expect(!division.ok && division.problems[0]!.message.en).toContain('not a line or polygon layer');
    const table = readGuideLayers({ path: 'a.csv', bytes: encoder.encode('lon,lat\n104,29\n') }, 0);
    expect(table.ok).toBe(false);
    const points = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [104, 29] } }],
    });
    const refused = readGuideLayers({ path: 'p.geojson', bytes: encoder.encode(points) }, 0);
    expect(!refused.ok && refused.problems[0]!.message.zh).toContain('没有线或面要素');
  });
});

describe('gridplan divide: arguments and input', () => {
  const township = generateTownship(SMALL);

  it('has a bilingual help and is listed in the general help', async () => {
    const zh = await runCli(['divide', '--help'], memoryHost({}));
    expect(zh.exitCode).toBe(0);
    expect(zh.stdout).toContain('自动划分');
    const en = await runCli(['divide', '--help', '--lang', 'en'], memoryHost({}));
    expect(en.stdout).toContain('gridplan divide FILE.geojson --out OUT.geojson');
    expect((await runCli(['--help'], memoryHost({}))).stdout).toContain('divide');
  });

  it('exits 2 on a wrong command line, naming what is wrong, and writes nothing', async () => {
    const host = memoryHost(townshipFiles(township));
    const cases: [string[], string][] = [
      [['divide', '--out', 'out.geojson'], 'division file'],
      [['divide', 'in.geojson'], '--out'],
      [['divide', 'in.geojson', '--out', 'o', '--format', 'html'], '--format'],
      [['divide', 'in.geojson', '--out', 'o', '--grids', '0'], '--grids'],
      [['divide', 'in.geojson', '--out', 'o', '--grids', '2.5'], '--grids'],
      [['divide', 'in.geojson', '--out', 'o', '--colour', 'red'], '--colour'],
      [['divide', 'in.geojson', '--out', 'o', '--rules', 'nowhere'], 'nowhere'],
    ];
    for (const [args, named] of cases) {
      const result = await runCli([...args, '--lang', 'en'], host);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(named);
      expect(result.stdout).toBe('');
    }
    expect(host.written.size).toBe(0);
  });

  it('exits 2 on unreadable input, an unknown community or a bad guide layer, leaving --out as it was', async () => {
    const files = {
      ...townshipFiles(township),
      'out.geojson': 'previous',
      'points.csv': 'lon,lat\n104.7,29.3\n',
    };
    const host = memoryHost(files);
    const missing = await runCli(['divide', 'none.geojson', '--out', 'out.geojson'], host);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('none.geojson');
    const unknown = await runCli(
      ['divide', 'in.geojson', '--out', 'out.geojson', '--community', '510302003999'],
      host,
    );
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('510302003999');
    const badGuide = await runCli(
      ['divide', 'in.geojson', '--out', 'out.geojson', '--guides', 'points.csv'],
      host,
    );
    expect(badGuide.exitCode).toBe(2);
    expect(badGuide.stderr).toContain('points.csv');
    const noGuide = await runCli(
      ['divide', 'in.geojson', '--out', 'out.geojson', '--guides', 'gone.zip'],
      host,
    );
    expect(noGuide.exitCode).toBe(2);
    const notDivision = await runCli(['divide', 'roads.geojson', '--out', 'out.geojson'], host);
    expect(notDivision.exitCode).toBe(2);
    expect(host.written.size).toBe(0);
  });

  it('exits 1 when a grid on the community crosses itself, naming it, and writes nothing', async () => {
    const community = [...township.division.community.values()][0]!;
    const box = preparePolygon(community.geometry);
    const [x0, y0, x1, y1] = [box.minX, box.minY, (box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2];
    const bowTie: Grid = {
      layer: 'grid',
      id: 'g-bow-tie',
      code: `${community.code}901`,
      name: '8字网格',
      parentCode: community.code,
      gridType: 'urban',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x0, y0],
            [x1, y1],
            [x1, y0],
            [x0, y1],
            [x0, y0],
          ],
        ],
      },
      extra: {},
    };
    const division = applyChange(township.division, change('', [bowTie])).division;
    const host = memoryHost({ 'in.geojson': stringifyDivision(division) });
    const result = await runCli(
      ['divide', 'in.geojson', '--out', 'out.geojson', '--community', community.code],
      host,
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${community.code}901`);
    expect(result.stderr).toContain('图形无效（边界自相交）');
    expect(host.written.size).toBe(0);
  });

  it('exits 1 when the community has no grid codes left, saying so, and writes nothing', async () => {
    // Every three-digit sequence of the community was used once (the lineage never gives one out again).
    const division = quarters();
    const community = division.community.get('c')!;
    const used = Array.from({ length: 999 }, (_, i) =>
      lineageRecord(
        `${community.code}${String(i + 1).padStart(3, '0')}`,
        [],
        'create',
        '2020-01-01T00:00:00Z',
      ),
    );
    const full = applyChange(division, change('', [withLineage(community, used)])).division;
    const host = memoryHost({ 'q.geojson': stringifyDivision(full) });
    const result = await runCli(['divide', 'q.geojson', '--out', 'out.geojson'], host);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('无法划分 q.geojson');
    expect(host.written.size).toBe(0);
  });

  it('exits 3 with one line when something breaks inside', async () => {
    const host = memoryHost({});
    const broken = () => {
      throw new Error('disk on fire');
    };
    host.readText = broken;
    host.readBytes = broken;
    const result = await runCli(['divide', 'in.geojson', '--out', 'out.geojson', '--lang', 'en'], host);
    expect(result.exitCode).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('disk on fire');
  });
});
