import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Community, Grid, ReferenceLayer, RuleSet } from '../../../shared/model';
import { applyChange, builtinRuleSet } from '../../../shared/model';
import { divideCommunities, JUSTIFICATION_NEEDED_PREFIX } from '../../../shared/divide/divide-communities';
import { feasibleGridCounts } from '../../../shared/divide/feasible-grid-counts';
import { divideBand, suggestedCount, targetOfKind } from '../../../shared/divide/divide-band';
import { applied, geometryIssues } from './divide-test-helpers';
import { at, FOUR_BLOCKS, pointAtM, rectM, syntheticCommunity } from './divide-fixtures';
import { generateTownship } from '../../../bench/township-generator';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { readFileSync } from 'node:fs';
import { seededRandom } from '../../../shared/divide/seeded-random';
import { polygon, rect } from '../geometry/geometry-test-helpers';
import { SMALL } from '../cli/divide-fixtures';

const zigong = builtinRuleSet('zigong')!;
const AT = '2026-12-05T00:00:00.000Z';

/** Two touching communities, neither divided, with 60 buildings of 20 households on their shared edge. */
function sharedEdgeDivision() {
  const [x, y, d] = [104.77, 29.35, 0.001];

  const area = (layer: string, code: string, name: string, geometry: object) => ({
    type: 'Feature',
    properties: { layer, code, name, ...(layer === 'community' ? { kind: 'urban' } : {}) },
    geometry,
  });
  const point = (lon: number, lat: number, households: number) => ({
    type: 'Feature',
    properties: { layer: 'census', households, population: households * 3 },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  });
  const random = seededRandom(5);
  const features: object[] = [
    area('township', '510302003000', '街道', rect(x, y, x + 20 * d, y + 10 * d)),
    area('community', '510302003001', '西社区', rect(x, y, x + 10 * d, y + 10 * d)),
    area('community', '510302003002', '东社区', rect(x + 10 * d, y, x + 20 * d, y + 10 * d)),
  ];
  for (let i = 0; i < 700; i++)
    features.push(
      point(
        x + (0.01 + random() * 19.98) * d,
        y + (0.01 + random() * 9.98) * d,
        1 + Math.floor(random() * 5),
      ),
    );
  for (let i = 0; i < 60; i++) features.push(point(x + 10 * d, y + ((i + 0.5) / 6) * d, 20));
  const parsed = parseDivisionGeoJson(
    JSON.stringify({ type: 'FeatureCollection', ruleSet: 'zigong', features }),
  );
  if (!parsed.ok) throw new Error('the fixture does not parse');
  return parsed.value;
}

/** One square community of 2.5 km with `n` one-household points, 60 % of them in ten by ten clusters. */
function clusteredCommunity(n: number) {
  const [x, y, d] = [104.77, 29.35, 0.001];
  const square = rect(x, y, x + 50 * d, y + 50 * d);
  const features: object[] = [
    {
      type: 'Feature',
      properties: { layer: 'township', code: '510302003000', name: '大街道' },
      geometry: square,
    },
    {
      type: 'Feature',
      properties: { layer: 'community', code: '510302003001', name: '巨型社区', kind: 'urban' },
      geometry: square,
    },
  ];
  const random = seededRandom(11);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const inside = (value: number, low: number): number =>
    Math.min(Math.max(value, low + 1e-6), low + 50 * d - 1e-6);
  for (let i = 0; i < n; i++) {
    const clustered = random() < 0.6;
    const cx = x + (Math.floor(random() * 10) * 5 + 2.5) * d;
    const cy = y + (Math.floor(random() * 10) * 5 + 2.5) * d;
    const lon = clustered ? inside(cx + gauss() * 0.8 * d, x) : x + 1e-5 + random() * (50 * d - 2e-5);
    const lat = clustered ? inside(cy + gauss() * 0.8 * d, y) : y + 1e-5 + random() * (50 * d - 2e-5);
    features.push({
      type: 'Feature',
      properties: { layer: 'census', households: 1, population: 3 },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    });
  }
  const parsed = parseDivisionGeoJson(
    JSON.stringify({ type: 'FeatureCollection', ruleSet: 'zigong', features }),
  );
  if (!parsed.ok) throw new Error('the fixture does not parse');
  return parsed.value;
}

describe('divideCommunities', () => {
  it('keeps the division it made when the retry with finer pieces is refused as too dense', () => {
    // A narrow band (300–320) over 40,000 households: the first attempt leaves a grid out of the band,
    // and the finer retry's cuts between buildings pass the overlay's limit. That refusal was returned
    // (blaming guide layers the run did not have) and the division thrown away.
    const narrow: RuleSet = { ...zigong, id: 'narrow', urban: { minHouseholds: 300, maxHouseholds: 320 } };
    const result = divideCommunities(clusteredCommunity(40_000), [], { ruleSet: narrow, at: AT, seed: 1 });
    expect(result.ok, result.ok ? '' : result.problems[0]!.message.en).toBe(true);
    if (!result.ok) return;
    const [outcome] = result.value.communities;
    expect(outcome!.grids).toBeGreaterThan(120);
    expect(outcome!.inBand).toBeGreaterThan(outcome!.grids * 0.9);
  }, 60_000);

  it('counts a point on the edge between two communities divided together once, where the validator does', () => {
    const division = sharedEdgeDivision();
    const result = divideCommunities(division, [], { ruleSet: zigong, at: AT, seed: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const total = [...division.census.values()].reduce((sum, p) => sum + p.households, 0);
    const said = result.value.communities.reduce((sum, c) => sum + c.households, 0);
    expect(said).toBe(total);
    // What divide says is in band, the validator finds in band.
    const { validator } = applied(division, result.value.change, zigong);
    const targets = validator.issues().filter((issue) => issue.rule.startsWith('household-'));
    const outOfBand = result.value.communities.flatMap((c) => c.outOfBand.map((grid) => grid.code));
    expect(targets.map((issue) => issue.codes[0]).sort()).toEqual(outOfBand.sort());
    expect(geometryIssues(validator)).toEqual([]);
    // The counts shown before dividing the two together agree.
    const ids = [...division.community.keys()];
    const shown = ids.map((id) => feasibleGridCounts(division, id, { ruleSet: zigong }, ids).households);
    expect(shown).toEqual(result.value.communities.map((c) => c.households));
  });

  it('divides a street grid into valid grids within the band, coded north to south with lineage', () => {
    const s = syntheticCommunity({
      widthM: 900,
      heightM: 600,
      streetsX: [300, 600],
      streetsY: [300],
      buildingsPerBlock: 5,
      maxHouseholdsPerBuilding: 30,
      seed: 7,
    });
    const result = divideCommunities(s.division, [], {
      ruleSet: zigong,
      guides: [s.streets],
      at: AT,
      seed: 1,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [outcome] = result.value.communities;
    const grids = result.value.change.put.filter((e): e is Grid => e.layer === 'grid');
    expect(outcome!.grids).toBe(grids.length);
    expect(outcome!.inBand).toBe(grids.length);
    expect(outcome!.outOfBand).toEqual([]);
    expect(outcome!.compactnessMean).toBeGreaterThan(0.5);
    expect(outcome!.streetShare).toBeGreaterThan(0);
    const { validator } = applied(s.division, result.value.change, zigong);
    expect(geometryIssues(validator)).toEqual([]);
    // Every household counted once, in the grids made.
    const counts = validator.counts();
    let total = 0;
    for (const grid of grids) {
      const tally = counts.byGrid.get(grid.id)!;
      total += tally.households;
      expect(tally.households).toBeGreaterThanOrEqual(300);
      expect(tally.households).toBeLessThanOrEqual(500);
    }
    expect(total).toBe(outcome!.households);
    // Codes 001… in order, names from the community, drafts of the community's kind.
    expect(grids.map((grid) => grid.code)).toEqual(
      grids.map((_, i) => `510302001001${String(i + 1).padStart(3, '0')}`),
    );
    expect(grids[0]!.name).toBe('光明社区第1网格');
    expect(grids.every((grid) => grid.status === 'draft' && grid.gridType === 'urban')).toBe(true);
    const community = result.value.change.put.find((e) => e.layer === 'community');
    expect(community && community.layer === 'community' ? community.lineage?.length : 0).toBe(grids.length);
    // Numbered north to south: the first grid's interior is not south of the last's.
    const northOf = (grid: Grid): number =>
      Math.max(...(grid.geometry.coordinates.flat(Infinity) as number[]).filter((_, i) => i % 2 === 1));
    expect(northOf(grids[0]!)).toBeGreaterThanOrEqual(northOf(grids[grids.length - 1]!));
  });

  it('is deterministic for a seed', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 9 });
    const options = { ruleSet: zigong, guides: [s.streets], at: AT, seed: 5 };
    const a = divideCommunities(s.division, [], options);
    const b = divideCommunities(s.division, [], options);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.value.change).toEqual(b.value.change);
  });

  it('takes a self-crossing (bow-tie) guide polygon for no compound: no grid in two pieces', () => {
    // A U-shaped community of 4,077 households (an audit's file), and a bow-tie over its east arm: its
    // two lobes, which touch at one point, were kept together as one compound and made one grid of two.
    const parsed = parseDivisionGeoJson(
      readFileSync(new URL('../../fixtures/divide/u-shaped-community.geojson', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error('the fixture does not parse');
    const [x0, y0, x1, y1] = [104.784, 29.364, 104.789, 29.369];
    const bowtie: ReferenceLayer = {
      id: 'bowtie',
      name: '小区',
      role: 'compound',
      visible: true,
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: polygon([
            [x0, y0],
            [x1, y1],
            [x1, y0],
            [x0, y1],
          ]),
        },
      ],
    };
    const result = divideCommunities(parsed.value, [], { ruleSet: zigong, guides: [bowtie], at: AT });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { validator } = applied(parsed.value, result.value.change, zigong);
    expect(validator.issues().filter((issue) => issue.rule === 'multipart')).toEqual([]);
    // (The file's township is larger than its one community: that gap is the file's own.)
    expect(geometryIssues(validator).filter((line) => !line.startsWith('gap 510302003000 '))).toEqual([]);
  });

  it('reports a compound over the band by name and marks its grid for a justification', () => {
    const s = syntheticCommunity({
      widthM: 900,
      heightM: 600,
      streetsX: [300, 600],
      streetsY: [300],
      buildingsPerBlock: 4,
      maxHouseholdsPerBuilding: 30,
      seed: 11,
      compound: { box: [320, 320, 580, 580], households: 800, name: '阳光小区' },
    });
    const result = divideCommunities(s.division, [], {
      ruleSet: zigong,
      guides: [s.streets, s.compounds],
      at: AT,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [outcome] = result.value.communities;
    expect(outcome!.outOfBand.length).toBeGreaterThanOrEqual(1);
    const over = outcome!.outOfBand.find((grid) => grid.reason.zh.includes('阳光小区'));
    expect(over).toBeDefined();
    expect(over!.households).toBeGreaterThanOrEqual(800);
    expect(over!.reason.en).toContain('阳光小区');
    expect(outcome!.feasible).toBeNull();
    const marked = result.value.change.put.find((e) => e.layer === 'grid' && e.id === over!.gridId) as Grid;
    expect(marked.note?.startsWith(JUSTIFICATION_NEEDED_PREFIX)).toBe(true);
    // The compound is never cut: one grid holds every one of its households.
    const { validator } = applied(s.division, result.value.change, zigong);
    expect(geometryIssues(validator)).toEqual([]);
    expect(validator.counts().byGrid.get(over!.gridId)!.households).toBe(over!.households);
    // Everything else meets the band.
    expect(outcome!.inBand).toBe(outcome!.grids - outcome!.outOfBand.length);
    expect(outcome!.outOfBand.length).toBe(1);
    // The count by default: one grid for the compound, and the suggestion for the rest.
    const band = divideBand(targetOfKind(zigong, 'urban'))!;
    expect(outcome!.grids).toBe(1 + suggestedCount(outcome!.households - 800, band));
    expect(outcome!.grids).not.toBe(suggestedCount(outcome!.households, band));
  });

  it('divides only the undivided remainder and leaves locked and exclusive grids as they are', () => {
    const locked: Grid = {
      layer: 'grid',
      id: 'g-locked',
      code: '510302001001007',
      name: '锁定网格',
      parentCode: '510302001001',
      gridType: 'urban',
      locked: true,
      geometry: rectM(0, 0, 300, 300),
      extra: {},
    };
    const exclusive: Grid = {
      ...locked,
      id: 'g-school',
      code: '510302001001008',
      name: '学校',
      gridType: 'exclusive',
      exclusiveCategory: 'school',
      locked: false,
      geometry: rectM(600, 300, 900, 600),
    };
    const s = syntheticCommunity({
      widthM: 900,
      heightM: 600,
      streetsX: [300, 600],
      streetsY: [300],
      buildingsPerBlock: 5,
      maxHouseholdsPerBuilding: 30,
      seed: 13,
      grids: [locked, exclusive],
    });
    const result = divideCommunities(s.division, [s.community.id], {
      ruleSet: zigong,
      guides: [s.streets],
      at: AT,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const put = result.value.change.put;
    expect(put.some((e) => e.id === locked.id || e.id === exclusive.id)).toBe(false);
    expect(result.value.change.delete).toEqual([]);
    const grids = put.filter((e): e is Grid => e.layer === 'grid');
    // Codes continue after the highest used: 009 onwards.
    expect(grids.map((grid) => grid.code).sort()[0]).toBe('510302001001009');
    const { next, validator } = applied(s.division, result.value.change, zigong);
    expect(next.grid.get(locked.id)).toBe(locked);
    expect(geometryIssues(validator)).toEqual([]);
  });

  it('counts a point on the edge of a kept grid with a smaller code for that grid, as the validator does', () => {
    const exclusive: Grid = {
      layer: 'grid',
      id: 'g-school',
      code: '510302001001001',
      name: '学校',
      parentCode: '510302001001',
      gridType: 'exclusive',
      exclusiveCategory: 'school',
      geometry: rectM(600, 300, 900, 600),
      extra: {},
    };
    const s = syntheticCommunity({
      widthM: 900,
      heightM: 600,
      streetsX: [300, 600],
      streetsY: [300],
      buildingsPerBlock: 5,
      maxHouseholdsPerBuilding: 30,
      seed: 13,
      grids: [exclusive],
    });
    // Three buildings on the school's west edge: the school's code ranks before every new grid's.
    const onEdge = [400, 450, 500].map((northM, i) => pointAtM(`edge-${i}`, 600, northM, 50, 150));
    const division = applyChange(s.division, { put: onEdge, delete: [], note: '' }).division;
    const result = divideCommunities(division, [s.community.id], {
      ruleSet: zigong,
      guides: [s.streets],
      at: AT,
    });
    if (!result.ok) throw new Error('not divided');
    const { validator } = applied(division, result.value.change, zigong);
    const byGrid = validator.counts().byGrid;
    const made = result.value.change.put.filter((e): e is Grid => e.layer === 'grid');
    const counted = made.reduce((sum, grid) => sum + byGrid.get(grid.id)!.households, 0);
    expect(result.value.communities[0]!.households).toBe(counted);
    // The app's count picker reads the same region before dividing.
    const before = feasibleGridCounts(division, s.community.id, { ruleSet: zigong, guides: [s.streets] });
    expect(before.households).toBe(counted);
  });

  it('makes a piece cut off from the rest a grid of its own, under the band with the reason, not a second part', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 9 });
    // The community has an island 400 m east of it, with one farm of 50 households.
    const island = rectM(1000, 0, 1100, 100);
    const community: Community = {
      ...s.community,
      geometry: {
        type: 'MultiPolygon',
        coordinates: [(s.community.geometry as Polygon).coordinates, island.coordinates],
      },
    };
    const farm = pointAtM('farm', 1050, 50, 50, 150);
    const division = applyChange(s.division, { put: [community, farm], delete: [], note: '' }).division;
    const result = divideCommunities(division, [], { ruleSet: zigong, guides: [s.streets], at: AT });
    if (!result.ok) throw new Error('not divided');
    const grids = result.value.change.put.filter((e): e is Grid => e.layer === 'grid');
    expect(grids.every((grid) => grid.geometry.type === 'Polygon')).toBe(true);
    const [cut] = result.value.communities[0]!.outOfBand;
    expect(cut).toMatchObject({ households: 50 });
    expect(cut!.reason.zh).toContain('与社区其余部分不相连');
    const { validator } = applied(division, result.value.change, zigong);
    expect(geometryIssues(validator)).toEqual([]);
  });

  it('makes no grid of a sliver between existing grids that the validator would not call a gap', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 9 });
    // An existing grid covers all but a strip 1 mm wide along the north edge.
    const existing: Grid = {
      layer: 'grid',
      id: 'g-old',
      code: '510302001001001',
      name: '老网格',
      parentCode: s.community.code,
      gridType: 'urban',
      geometry: rectM(0, 0, 600, 599.999),
      extra: {},
    };
    const division = applyChange(s.division, { put: [existing], delete: [], note: '' }).division;
    const result = divideCommunities(division, [s.community.id], {
      ruleSet: zigong,
      guides: [s.streets],
      at: AT,
    });
    if (!result.ok) throw new Error('not divided');
    expect(result.value.change.put.filter((e) => e.layer === 'grid')).toEqual([]);
    expect(result.value.communities[0]).toMatchObject({ grids: 0, households: 0 });
  });

  it('refuses guides so dense that dividing along them would take minutes, saying what to use instead', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 9 });
    // A mesh of lines every few metres (contours, parcel lines): n² pieces.
    const mesh = (n: number): ReferenceLayer => {
      const step = 600 / (n + 1);
      const lines = Array.from({ length: n }, (_, i) => (i + 1) * step).flatMap((d) => [
        [at(-10, d), at(610, d)],
        [at(d, -10), at(d, 610)],
      ]);
      return {
        ...s.streets,
        id: 'mesh',
        features: lines.map((coordinates) => ({
          type: 'Feature' as const,
          properties: {},
          geometry: { type: 'LineString' as const, coordinates },
        })),
      };
    };
    for (const n of [150, 260]) {
      const started = Date.now();
      const result = divideCommunities(s.division, [], { ruleSet: zigong, guides: [mesh(n)], at: AT });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems[0]!.kind).toBe('too-complex');
      expect(result.problems[0]!.message.zh).toContain('线太密');
      expect(result.problems[0]!.message.en).toContain('Use only roads, rivers, railways and compounds');
      expect(Date.now() - started).toBeLessThan(60_000);
    }
    // Ten streets each way divide as before.
    expect(divideCommunities(s.division, [], { ruleSet: zigong, guides: [mesh(10)], at: AT }).ok).toBe(true);
  }, 120_000);

  it('divides without any guides by cutting between buildings, and by population where the rule says so', () => {
    const s = syntheticCommunity({
      widthM: 800,
      heightM: 500,
      streetsX: [],
      streetsY: [],
      buildingsPerBlock: 14,
      maxHouseholdsPerBuilding: 20,
      seed: 17,
    });
    const byPopulation: RuleSet = { ...zigong, urban: { aboutPopulation: 1000, populationTolerance: 0.2 } };
    for (const ruleSet of [zigong, byPopulation]) {
      const result = divideCommunities(s.division, [], { ruleSet, at: AT });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [outcome] = result.value.communities;
      expect(outcome!.inBand).toBe(outcome!.grids);
      expect(outcome!.streetShare).toBeUndefined();
      const { validator } = applied(s.division, result.value.change, ruleSet);
      expect(geometryIssues(validator)).toEqual([]);
    }
  });

  it('divides a village whose kind is missing as its code says: rural grids against the rural target', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 19, code: '510302001210' });
    const village = [...s.division.community.values()][0]!;
    const division = {
      ...s.division,
      community: new Map([[village.id, { ...village, kind: null }]]),
    };
    const result = divideCommunities(division, [], { ruleSet: zigong, guides: [s.streets], at: AT });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const grids = result.value.change.put.filter((e): e is Grid => e.layer === 'grid');
    expect(grids.length).toBeGreaterThan(0);
    expect(new Set(grids.map((grid) => grid.gridType))).toEqual(new Set(['rural']));
  });

  it('makes as many grids as asked beyond the band, balanced around their mean (the nearest division)', () => {
    const parsed = parseDivisionGeoJson(
      readFileSync(new URL('../../fixtures/divide/u-shaped-community.geojson', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error('the fixture does not parse');
    // 4,077 households: 9–13 grids fit 300–500. Forty were asked: 35 were made, of 29 to 257 households.
    const result = divideCommunities(parsed.value, [], { ruleSet: zigong, gridCount: 40, at: AT });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { next, validator } = applied(parsed.value, result.value.change, zigong);
    const households = [...next.grid.values()].map(
      (grid) => validator.counts().byGrid.get(grid.id)!.households,
    );
    expect(households).toHaveLength(40);
    expect(Math.max(...households)).toBeLessThanOrEqual(2 * Math.min(...households));
  });

  it('balances the grids of a village asked for in several, though it has no household target', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 19, code: '510302001210' });
    const village = [...s.division.community.values()][0]!;
    const division = {
      ...s.division,
      community: new Map([[village.id, { ...village, kind: 'rural' as const }]]),
    };
    expect(zigong.rural).toBeNull();
    const result = divideCommunities(division, [], {
      ruleSet: zigong,
      guides: [s.streets],
      gridCount: 3,
      at: AT,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { next, validator } = applied(division, result.value.change, zigong);
    const households = [...next.grid.values()].map(
      (grid) => validator.counts().byGrid.get(grid.id)!.households,
    );
    const mean = households.reduce((sum, h) => sum + h, 0) / households.length;
    expect(households).toHaveLength(3);
    for (const h of households) expect(Math.abs(h - mean)).toBeLessThanOrEqual(0.35 * mean);
  });

  it('makes the number of grids asked for, and refuses an unknown community', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 19 });
    const result = divideCommunities(s.division, [], {
      ruleSet: zigong,
      guides: [s.streets],
      gridCount: 3,
      at: AT,
    });
    expect(result.ok && result.value.communities[0]!.grids).toBe(3);
    // One grid for all of it: over the band because of the count asked for, and said so.
    const one = divideCommunities(s.division, [], {
      ruleSet: zigong,
      guides: [s.streets],
      gridCount: 1,
      at: AT,
    });
    const outcome = one.ok ? one.value.communities[0]! : undefined;
    expect(outcome?.households).toBeGreaterThan(500);
    expect(outcome?.outOfBand[0]?.reason.zh).toContain('网格个数不合适，宜分成');
    expect(outcome?.outOfBand[0]?.reason.en).toMatch(
      /so the number of grids does not fit: \d+(–\d+)? grids would/,
    );
    // A band no count fits (one grid over it, two under it): neither more nor fewer grids is the advice.
    const total = outcome!.households;
    const tight: RuleSet = {
      ...zigong,
      id: 'tight',
      urban: { minHouseholds: Math.ceil(total * 0.55), maxHouseholds: Math.floor(total * 0.9) },
    };
    const none = divideCommunities(s.division, [], { ruleSet: tight, guides: [s.streets], at: AT });
    const reasons = none.ok ? none.value.communities[0]!.outOfBand.map((grid) => grid.reason) : [];
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason.en).toContain('no number of grids puts every grid within');
      expect(reason.en).toContain('1 grid is over it, 2 under it');
      expect(reason.zh).toContain('分成任何个数的网格都不能都在');
    }
    const missing = divideCommunities(s.division, ['nope'], { ruleSet: zigong });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems[0]!.message.zh).toContain('nope');
  });

  it('stops with a cancelled failure when asked to', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 23 });
    const fractions: number[] = [];
    const result = divideCommunities(s.division, [], {
      ruleSet: zigong,
      guides: [s.streets],
      onProgress: (fraction) => fractions.push(fraction),
      shouldCancel: () => fractions.length > 0,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.kind).toBe('cancelled');
  });
});

describe('divideCommunities over a township', () => {
  it('divides a community the same whichever others are divided with it, in whatever order', () => {
    const township = generateTownship(SMALL);
    const [a, b] = [...township.division.community.values()].map((community) => community.id);
    const options = { ruleSet: zigong, guides: township.guides, at: AT, seed: 3 };
    const gridsOf = (ids: string[]) => {
      const result = divideCommunities(township.division, ids, options);
      if (!result.ok) throw new Error('not divided');
      const community = township.division.community.get(a!)!;
      return result.value.change.put.filter(
        (entity): entity is Grid => entity.layer === 'grid' && entity.parentCode === community.code,
      );
    };
    const alone = gridsOf([a!]);
    expect(alone.length).toBeGreaterThan(3);
    expect(gridsOf([a!, b!])).toEqual(alone);
    expect(gridsOf([b!, a!])).toEqual(alone);
  });

  it('divides every undivided community: a village without a band is one rural grid, codes per community', () => {
    const s = syntheticCommunity({ ...FOUR_BLOCKS, seed: 31 });
    const village: Community = {
      layer: 'community',
      id: 'c-510302001201',
      code: '510302001201',
      name: '石桥村',
      kind: 'rural',
      geometry: rectM(600, 0, 1200, 600),
      extra: {},
    };
    const farm = pointAtM('farm', 900, 300, 40, 120);
    const division = applyChange(s.division, { put: [village, farm], delete: [], note: '' }).division;
    const result = divideCommunities(division, [], { ruleSet: zigong, guides: [s.streets], at: AT });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.communities.map((c) => c.code).sort()).toEqual(['510302001001', '510302001201']);
    const grids = result.value.change.put.filter((e): e is Grid => e.layer === 'grid');
    const villageGrids = grids.filter((grid) => grid.parentCode === village.code);
    expect(villageGrids).toHaveLength(1);
    expect(villageGrids[0]!.gridType).toBe('rural');
    expect(villageGrids[0]!.code).toBe('510302001201001');
    expect(new Set(grids.map((grid) => grid.id)).size).toBe(grids.length);
    expect(grids.every((grid) => grid.code.startsWith(grid.parentCode))).toBe(true);
    const communities = result.value.change.put.filter((e): e is Community => e.layer === 'community');
    expect(communities).toHaveLength(2);
    const { validator } = applied(division, result.value.change, zigong);
    expect(geometryIssues(validator)).toEqual([]);
    expect(validator.counts().byGrid.get(villageGrids[0]!.id)!.households).toBe(40);
  });
});

describe('feasibleGridCounts', () => {
  it('gives the range of counts that can meet the band and a suggestion near its middle', () => {
    const s = syntheticCommunity({
      widthM: 900,
      heightM: 600,
      streetsX: [300, 600],
      streetsY: [300],
      buildingsPerBlock: 5,
      maxHouseholdsPerBuilding: 30,
      seed: 7,
    });
    const counts = feasibleGridCounts(s.division, s.community.id, { ruleSet: zigong });
    const h = counts.households;
    expect(h).toBeGreaterThan(0);
    expect(counts.feasible).toEqual({ min: Math.ceil(h / 500), max: Math.floor(h / 300) });
    expect(counts.suggested).toBe(Math.round(h / 400));
  });
});
