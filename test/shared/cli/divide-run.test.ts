import { describe, expect, it } from 'vitest';
import { generateTownship } from '../../../bench/township-generator';
import { runCli } from '../../../shared/cli/run-cli';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import { locatePoint, PointLocation } from '../../../shared/geometry/locate-point';
import { preparePolygon } from '../../../shared/geometry/prepared-polygon';
import type { CensusPoint } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate/validate-division';
import type { DivideJson } from './divide-fixtures';
import {
  compoundsZip,
  decoder,
  expectContract,
  expectExactCover,
  memoryHost,
  quarters,
  SMALL,
  townshipFiles,
} from './divide-fixtures';

describe('gridplan divide: dividing', () => {
  it('exits 0 when every grid is in the band, with the JSON of the contract and the division in --out', async () => {
    const host = memoryHost({ 'q.geojson': stringifyDivision(quarters()) });
    const result = await runCli(['divide', 'q.geojson', '--out', 'out.geojson', '--format', 'json'], host);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as DivideJson;
    expectContract(json);
    expect(json.communities).toHaveLength(1);
    expect(json.communities[0]).toMatchObject({ code: '510302004001', households: 1600 });
    expect(json.communities[0]!.inBand).toBe(json.communities[0]!.grids);
    const out = parseDivisionGeoJson(decoder.decode(host.written.get('out.geojson')));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.grid.size).toBe(json.communities[0]!.grids);
    expect(out.value.census.size).toBe(16);
    for (const grid of out.value.grid.values()) {
      expect(grid).toMatchObject({ parentCode: '510302004001', gridType: 'urban', status: 'draft' });
      expect(grid.code).toMatch(/^510302004001\d{3}$/);
    }
    const report = validateDivision(out.value, builtinRuleSet('zigong')!);
    const rules = new Set(report.issues.map((i) => i.rule));
    for (const rule of [
      'gap',
      'overlap',
      'outside-parent',
      'invalid-geometry',
      'multipart',
      'unassigned-point',
    ]) {
      expect(rules.has(rule as never), rule).toBe(false);
    }
    expect(report.grids.every((g) => g.target === 'ok')).toBe(true);
    expectExactCover(out.value);
  });

  it('divides a generated township along guides from GeoJSON and a shapefile zip', async () => {
    const township = generateTownship(SMALL);
    const host = memoryHost({ ...townshipFiles(township), 'compounds.zip': compoundsZip(township) });
    const args = [
      'divide',
      'in.geojson',
      '--out',
      'out.geojson',
      '--format',
      'json',
      '--guides',
      'roads.geojson',
    ];
    const result = await runCli([...args, '--guides', 'river.geojson', '--guides', 'compounds.zip'], host);
    expect(result.stderr).toBe('');
    expect([0, 1]).toContain(result.exitCode);
    const json = JSON.parse(result.stdout) as DivideJson;
    expectContract(json);
    expect(json.communities.map((c) => c.code).sort()).toEqual(
      [...township.division.community.values()].map((c) => c.code).sort(),
    );
    expect(result.exitCode).toBe(json.communities.some((c) => c.outOfBand.length > 0) ? 1 : 0);
    const out = parseDivisionGeoJson(decoder.decode(host.written.get('out.geojson')));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.grid.size).toBe(json.communities.reduce((sum, c) => sum + c.grids, 0));
    const report = validateDivision(out.value, builtinRuleSet('zigong')!);
    expect(report.issues.filter((i) => ['gap', 'overlap', 'outside-parent'].includes(i.rule))).toEqual([]);
    expectExactCover(out.value);
    // No compound polygon is cut: all its census points are in one grid.
    const grids = [...out.value.grid.values()].map((g) => ({
      code: g.code,
      polygon: preparePolygon(g.geometry),
    }));
    const gridOf = (point: CensusPoint) =>
      grids.find((g) => locatePoint(g.polygon, point.lon, point.lat) === PointLocation.inside)?.code;
    for (const compound of township.guides.find((g) => g.id === 'compounds')!.features) {
      const polygon = preparePolygon(
        compound.geometry as Extract<typeof compound.geometry, { type: 'Polygon' }>,
      );
      const codes = new Set(
        [...out.value.census.values()]
          .filter((p) => locatePoint(polygon, p.lon, p.lat) === PointLocation.inside)
          .map(gridOf),
      );
      expect(codes.size, String(compound.properties?.name)).toBe(1);
    }
  });

  it('divides a village without a kind as its code says: rural grids, and no band in the table', async () => {
    const division = quarters();
    const [id, community] = [...division.community.entries()][0]!;
    const village = { ...community, code: '510302004201', kind: null };
    const host = memoryHost({
      'v.geojson': stringifyDivision({ ...division, community: new Map([[id, village]]) }),
    });
    const result = await runCli(['divide', 'v.geojson', '--out', 'out.geojson', '--lang', 'en'], host);
    expect(result.exitCode).toBe(0);
    const row = result.stdout.split('\n').find((line) => line.startsWith('510302004201'))!;
    // The feasible cell: "–" (no band for a village), not "none" (an urban band that cannot be met).
    expect(row.split(/\s{2,}/)[5]).toBe('–');
    const out = parseDivisionGeoJson(decoder.decode(host.written.get('out.geojson')));
    expect(out.ok && [...out.value.grid.values()].every((g) => g.gridType === 'rural')).toBe(true);
  });

  it('divides only the named community, in English text', async () => {
    const township = generateTownship(SMALL);
    const code = [...township.division.community.values()][1]!.code;
    const host = memoryHost(townshipFiles(township));
    const result = await runCli(
      ['divide', 'in.geojson', '--out', 'out.geojson', '--community', code, '--lang', 'en'],
      host,
    );
    expect([0, 1]).toContain(result.exitCode);
    expect(result.stdout).toContain(code);
    expect(result.stdout).toContain('Automatic division');
    const out = parseDivisionGeoJson(decoder.decode(host.written.get('out.geojson')));
    expect(out.ok && [...out.value.grid.values()].every((g) => g.parentCode === code)).toBe(true);
  });

  it('exits 1 when a compound over the band cannot be cut, naming the grid and why, and still writes --out', async () => {
    const township = generateTownship({
      ...SMALL,
      communities: [
        { kind: 'urban', households: 2_400, denseCompounds: 0, walledCompounds: 1, oversizedCompound: true },
      ],
      columns: 1,
    });
    const host = memoryHost(townshipFiles(township));
    const result = await runCli(
      ['divide', 'in.geojson', '--out', 'out.geojson', '--guides', 'compounds.geojson', '--format', 'json'],
      host,
    );
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as DivideJson;
    expectContract(json);
    const outside = json.communities.flatMap((c) => c.outOfBand);
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.some((g) => g.households >= 800)).toBe(true);
    for (const grid of outside) expect(grid.reason.length).toBeGreaterThan(0);
    expect(host.written.has('out.geojson')).toBe(true);
    const text = await runCli(
      ['divide', 'in.geojson', '--out', 'o2.geojson', '--guides', 'compounds.geojson'],
      host,
    );
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain('超出户数范围');
    expect(text.stdout).toContain(outside[0]!.code);
  });

  it('honours --grids', async () => {
    const host = memoryHost({ 'q.geojson': stringifyDivision(quarters()) });
    const result = await runCli(
      ['divide', 'q.geojson', '--out', 'out.geojson', '--format', 'json', '--grids', '3'],
      host,
    );
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as DivideJson;
    expect(json.communities[0]!.grids).toBe(3);
  });

  it('uses the rule set named by --rules, built in or a JSON file', async () => {
    const custom = JSON.stringify({
      id: 'my-county',
      name: { zh: '本县', en: 'Our county' },
      source: '本县网格化实施细则第五条',
      urban: { minHouseholds: 150, maxHouseholds: 250 },
      rural: null,
    });
    const host = memoryHost({ 'q.geojson': stringifyDivision(quarters()), 'county.json': custom });
    const result = await runCli(
      ['divide', 'q.geojson', '--out', 'out.geojson', '--format', 'json', '--rules', 'county.json'],
      host,
    );
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as DivideJson;
    // 1,600 households at 150–250 a grid: 8 grids of two 100-household buildings.
    expect(json.communities[0]!.grids).toBe(8);
    const changji = await runCli(
      ['divide', 'q.geojson', '--out', 'out2.geojson', '--format', 'json', '--rules', 'changji'],
      host,
    );
    const grids = (JSON.parse(changji.stdout) as DivideJson).communities[0]!.grids;
    // Changji: 200–300 households.
    expect(grids).toBeGreaterThanOrEqual(6);
    expect(grids).toBeLessThanOrEqual(8);
    // The output says the rule set it was balanced for, so validating it judges it by that one.
    const ruleSetOf = (name: string) => {
      const out = parseDivisionGeoJson(decoder.decode(host.written.get(name)));
      return out.ok ? out.value.meta.ruleSetId : undefined;
    };
    expect(ruleSetOf('out.geojson')).toBe('my-county');
    expect(ruleSetOf('out2.geojson')).toBe('changji');
    const validated = await runCli(['validate', 'out2.geojson', '--format', 'json'], host);
    const report = JSON.parse(validated.stdout) as { ruleSet: string; issues: { rule: string }[] };
    expect(report.ruleSet).toBe('changji');
    // Judged by changji's 200–300 households, not zigong's 300–500 (every grid would be short).
    expect(report.issues.filter((issue) => issue.rule.startsWith('household-'))).toEqual([]);
  });

  it('says when --grids asks for more grids than the units allow', async () => {
    // 16 buildings of 100 households: at most 16 grids.
    const host = memoryHost({ 'q.geojson': stringifyDivision(quarters()) });
    const args = ['divide', 'q.geojson', '--out', 'out.geojson', '--grids', '20'];
    const json = await runCli([...args, '--format', 'json'], host);
    const community = (JSON.parse(json.stdout) as DivideJson).communities[0]!;
    expect(community.grids).toBe(16);
    expect(community).toMatchObject({ gridsRequested: 20 });
    const zh = await runCli(args, host);
    expect(zh.stdout).toContain('510302004001：要求 20 个网格，只划出 16 个');
    const en = await runCli([...args, '--lang', 'en'], host);
    expect(en.stdout).toContain('510302004001: 20 grids were asked for, 16 made');
  });

  it('says so when every community already has grids', async () => {
    const host = memoryHost({ 'q.geojson': stringifyDivision(quarters()) });
    expect((await runCli(['divide', 'q.geojson', '--out', 'once.geojson'], host)).exitCode).toBe(0);
    const again = await runCli(['divide', 'once.geojson', '--out', 'twice.geojson'], host);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('没有需要划分的社区');
    const json = await runCli(['divide', 'once.geojson', '--out', 'twice.geojson', '--format', 'json'], host);
    expect(JSON.parse(json.stdout)).toEqual({ communities: [] });
  });
});
