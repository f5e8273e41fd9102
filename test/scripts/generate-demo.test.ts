import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area, booleanPointInPolygon, featureCollection, intersect } from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoGeoJson } from '../../scripts/demo/generate';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import type { Division } from '../../shared/model';
import { builtinRuleSet, targetFor, targetStatus } from '../../shared/model';
import { countCensus } from '../../shared/geometry/count-census';

const committedPath = fileURLToPath(new URL('../../resources/demo/demo-township.geojson', import.meta.url));

type AreaFeature = Feature<Polygon, Record<string, unknown>>;
type PointFeature = Feature<Point, Record<string, unknown>>;

let text = '';
let collection: FeatureCollection;
let division: Division;
let township: AreaFeature;
let communities: AreaFeature[];
let grids: AreaFeature[];
let census: PointFeature[];

const layer = (name: string): Feature[] =>
  collection.features.filter((feature) => feature.properties?.layer === name);
const str = (feature: Feature, key: string): string => String(feature.properties?.[key]);
const num = (feature: Feature, key: string): number => Number(feature.properties?.[key]);
const ringOf = (feature: AreaFeature): Position[] => feature.geometry.coordinates[0]!;

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
function boxOf(ring: readonly Position[]): Box {
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}
const boxesMeet = (a: Box, b: Box): boolean =>
  a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;

function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum / 2;
}

/** True when p lies on the segment a–b (within 1e-10°, about 0.01 mm) but is not one of its ends. */
function onSegmentInterior(p: Position, a: Position, b: Position): boolean {
  const [px, py] = [p[0]!, p[1]!];
  const [ax, ay] = [a[0]!, a[1]!];
  const [bx, by] = [b[0]!, b[1]!];
  if ((px === ax && py === ay) || (px === bx && py === by)) return false;
  if (
    px < Math.min(ax, bx) - 1e-10 ||
    px > Math.max(ax, bx) + 1e-10 ||
    py < Math.min(ay, by) - 1e-10 ||
    py > Math.max(ay, by) + 1e-10
  )
    return false;
  const length = Math.hypot(bx - ax, by - ay);
  return Math.abs((bx - ax) * (py - ay) - (by - ay) * (px - ax)) / length < 1e-10;
}

/**
 * Vertices of `ring` that lie inside an edge of `other` without being a vertex there: a T-junction, which
 * would make the shared boundary differ between the two polygons.
 */
function tJunctions(ring: readonly Position[], other: readonly Position[]): Position[] {
  const box = boxOf(other);
  const found: Position[] = [];
  for (const p of ring) {
    if (p[0]! < box.minX || p[0]! > box.maxX || p[1]! < box.minY || p[1]! > box.maxY) continue;
    for (let i = 0; i + 1 < other.length; i++) {
      if (onSegmentInterior(p, other[i]!, other[i + 1]!)) found.push(p);
    }
  }
  return found;
}

/** True when two segments cross at a point inside both (shared ends and collinear touching excluded). */
function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position): number =>
    Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

function isSimpleRing(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  const seen = new Set(ring.slice(0, n).map((p) => `${p[0]},${p[1]}`));
  if (seen.size !== n) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return false;
    }
  }
  return true;
}

const decimals = (value: number): number => (String(value).split('.')[1] ?? '').length;

beforeAll(() => {
  text = generateDemoGeoJson();
  collection = JSON.parse(text) as FeatureCollection;
  const parsed = parseDivisionGeoJson(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message.en).join('; '));
  division = parsed.value;
  township = layer('township')[0] as AreaFeature;
  communities = layer('community') as AreaFeature[];
  grids = layer('grid') as AreaFeature[];
  census = layer('census') as PointFeature[];
});

describe('demo township generator', () => {
  it('is deterministic, and the committed file is exactly a fresh run', () => {
    expect(generateDemoGeoJson()).toBe(text);
    expect(readFileSync(committedPath, 'utf8')).toBe(text);
  });

  it('writes one FeatureCollection of the interchange profile', () => {
    expect(collection.type).toBe('FeatureCollection');
    expect(collection).not.toHaveProperty('crs');
    expect(collection).toMatchObject({ name: '自贡市自流井区新街街道 网格划分（示例）', ruleSet: 'zigong' });
    expect(layer('township')).toHaveLength(1);
    for (const feature of collection.features) {
      expect(['township', 'community', 'grid', 'census']).toContain(feature.properties?.layer);
      expect(feature.geometry.type).toBe(feature.properties?.layer === 'census' ? 'Point' : 'Polygon');
    }
    expect(Buffer.byteLength(text)).toBeLessThan(4 * 1024 * 1024);
    // The shared reader accepts it as it is: the app loads the demo through that restore step.
    expect(division.community.size).toBe(communities.length);
    expect(division.census.size).toBe(census.length);
  });

  it('has plausible counts: 5–8 communities, 15,000–25,000 households in 3,000–6,000 buildings', () => {
    expect(communities.length).toBeGreaterThanOrEqual(5);
    expect(communities.length).toBeLessThanOrEqual(8);
    expect(communities.some((c) => str(c, 'kind') === 'urban')).toBe(true);
    expect(communities.some((c) => str(c, 'kind') === 'rural')).toBe(true);
    expect(census.length).toBeGreaterThanOrEqual(3000);
    expect(census.length).toBeLessThanOrEqual(6000);
    const households = census.reduce((sum, point) => sum + num(point, 'households'), 0);
    expect(households).toBeGreaterThanOrEqual(15_000);
    expect(households).toBeLessThanOrEqual(25_000);
  });

  it('gives each census point integer households, a population of 2.2–3.0 per household and an address', () => {
    const urban = communities.filter((c) => str(c, 'kind') === 'urban');
    for (const point of census) {
      const households = num(point, 'households');
      const population = num(point, 'population');
      expect(Number.isInteger(households) && Number.isInteger(population)).toBe(true);
      expect(population).toBeGreaterThanOrEqual(Math.floor(households * 2.2));
      expect(population).toBeLessThanOrEqual(Math.ceil(households * 3.0));
      expect(str(point, 'address')).toMatch(
        /^自流井区新街街道.+(社区.+号\d+栋|社区.+号（.+）|村\d+组\d+号)$/,
      );
      const inUrban = urban.some((c) => booleanPointInPolygon(point, c));
      if (inUrban) expect(households >= 10 && households <= 120).toBe(true);
      else expect(households >= 1 && households <= 3).toBe(true);
    }
  });

  it('uses valid, unique codes: township, communities sharing its prefix, grids under their community', () => {
    const townshipCode = str(township, 'code');
    expect(townshipCode).toMatch(/^510302(0\d\d|1\d\d|[23]\d\d)000$/);
    const prefix = townshipCode.slice(0, 9);
    const codes = new Set<string>();
    for (const community of communities) {
      const code = str(community, 'code');
      expect(code).toMatch(/^\d{12}$/);
      expect(code.startsWith(prefix)).toBe(true);
      const segment = Number(code.slice(9));
      if (str(community, 'kind') === 'urban') expect(segment >= 1 && segment <= 199).toBe(true);
      else expect(segment >= 200 && segment <= 399).toBe(true);
      codes.add(code);
    }
    expect(codes.size).toBe(communities.length);
    const communityCodes = new Set(codes);
    for (const grid of grids) {
      const code = str(grid, 'code');
      expect(code).toMatch(/^\d{15}$/);
      expect(code.slice(0, 12)).toBe(str(grid, 'parentCode'));
      expect(communityCodes.has(str(grid, 'parentCode'))).toBe(true);
      codes.add(code);
    }
    expect(codes.size).toBe(communities.length + grids.length);
    // Per community the sequence is 001, 002, … without gaps.
    for (const code of communityCodes) {
      const sequence = grids
        .filter((g) => str(g, 'parentCode') === code)
        .map((g) => Number(str(g, 'code').slice(12)))
        .sort((a, b) => a - b);
      expect(sequence).toEqual(sequence.map((_, i) => i + 1));
    }
  });

  it('numbers regular grids north → south and names them after their community', () => {
    for (const community of communities) {
      const regular = grids
        .filter((g) => str(g, 'parentCode') === str(community, 'code') && str(g, 'gridType') !== 'exclusive')
        .sort((a, b) => str(a, 'code').localeCompare(str(b, 'code')));
      const latitudes = regular.map((g) => {
        const ring = ringOf(g);
        return ring.reduce((sum, p) => sum + p[1]!, 0) / ring.length;
      });
      // Centroid latitudes of consecutive grids mostly fall: allow vertex-mean noise of about 30 m.
      latitudes.forEach((lat, i) => {
        if (i > 0) expect(lat).toBeLessThan(latitudes[i - 1]! + 0.0003);
      });
      regular.forEach((g) =>
        expect(str(g, 'name')).toBe(`${str(community, 'name')}第${Number(str(g, 'code').slice(12))}网格`),
      );
    }
  });

  it('gives every grid its type, a fictional leader with a phone number, and draft status', () => {
    for (const grid of grids) {
      const community = communities.find((c) => str(c, 'code') === str(grid, 'parentCode'))!;
      const gridType = str(grid, 'gridType');
      if (gridType !== 'exclusive') expect(gridType).toBe(str(community, 'kind'));
      expect(grid.properties.status).toBe('draft');
      expect(grid.properties.staff).toEqual([
        {
          role: 'leader',
          name: expect.stringMatching(/^\p{Script=Han}{2,3}$/u) as unknown,
          phone: expect.stringMatching(/^1\d{10}$/) as unknown,
        },
      ]);
    }
  });

  it('has an exclusive school grid and one large urban community left undivided', () => {
    const schools = grids.filter(
      (g) => str(g, 'gridType') === 'exclusive' && str(g, 'exclusiveCategory') === 'school',
    );
    expect(schools.length).toBeGreaterThanOrEqual(1);
    expect(str(schools[0]!, 'name')).toMatch(/专属网格$/);
    const undivided = communities.filter((c) => !grids.some((g) => str(g, 'parentCode') === str(c, 'code')));
    expect(undivided.map((c) => str(c, 'kind'))).toEqual(['urban']);
    const households = census
      .filter((p) => booleanPointInPolygon(p, undivided[0]!))
      .reduce((sum, p) => sum + num(p, 'households'), 0);
    expect(households).toBeGreaterThan(2000);
  });

  it('keeps urban grids mostly within Zigong’s 300–500 households, with one over and one under', () => {
    const ruleSet = builtinRuleSet('zigong')!;
    const counts = countCensus(division);
    const statuses = [...division.grid.values()]
      .filter((grid) => grid.gridType === 'urban')
      .map((grid) => targetStatus(targetFor(grid, ruleSet), counts.byGrid.get(grid.id)!));
    const ok = statuses.filter((status) => status === 'ok').length;
    expect(ok / statuses.length).toBeGreaterThanOrEqual(0.8);
    expect(statuses).toContain('over');
    expect(statuses).toContain('under');
  });

  it('writes closed counter-clockwise simple rings with at most 7 decimals', () => {
    for (const feature of [township, ...communities, ...grids]) {
      expect(feature.geometry.coordinates).toHaveLength(1);
      const ring = ringOf(feature);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea(ring)).toBeGreaterThan(0);
      expect(isSimpleRing(ring)).toBe(true);
      for (const p of ring) expect(Math.max(decimals(p[0]!), decimals(p[1]!))).toBeLessThanOrEqual(7);
    }
    for (const point of census) {
      const [lon, lat] = point.geometry.coordinates;
      expect(Math.max(decimals(lon!), decimals(lat!))).toBeLessThanOrEqual(7);
      expect(lon! > 104.7 && lon! < 104.8 && lat! > 29.33 && lat! < 29.4).toBe(true);
    }
  });

  it('puts every census point strictly inside exactly one community, and in one grid where there are grids', () => {
    for (const point of census) {
      const inside = communities.filter((c) => booleanPointInPolygon(point, c));
      expect(inside).toHaveLength(1);
      // ignoreBoundary: a point on the boundary would not count, so this proves it is not on one.
      expect(booleanPointInPolygon(point, inside[0]!, { ignoreBoundary: true })).toBe(true);
      const candidates = grids.filter((g) => str(g, 'parentCode') === str(inside[0]!, 'code'));
      if (candidates.length > 0)
        expect(
          candidates.filter((g) => booleanPointInPolygon(point, g, { ignoreBoundary: true })),
        ).toHaveLength(1);
    }
  });

  it('tiles the township with its communities, and each divided community with its grids', () => {
    const tiles = (whole: AreaFeature, parts: readonly AreaFeature[]): void => {
      const sum = parts.reduce((total, part) => total + area(part), 0);
      expect(Math.abs(sum - area(whole)) / area(whole)).toBeLessThan(1e-4);
      const boxes = parts.map((part) => boxOf(ringOf(part)));
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          if (!boxesMeet(boxes[i]!, boxes[j]!)) continue;
          const overlap = intersect(featureCollection([parts[i]!, parts[j]!]));
          expect(overlap ? area(overlap) : 0).toBeLessThan(1);
        }
      }
    };
    tiles(township, communities);
    for (const community of communities) {
      const parts = grids.filter((g) => str(g, 'parentCode') === str(community, 'code'));
      if (parts.length > 0) tiles(community, parts);
    }
  });

  it('shares boundaries vertex for vertex: no vertex lies inside a neighbour’s edge', () => {
    const check = (polygons: readonly AreaFeature[], label: (feature: AreaFeature) => string): void => {
      const rings = polygons.map(ringOf);
      const boxes = rings.map(boxOf);
      for (let i = 0; i < rings.length; i++) {
        for (let j = 0; j < rings.length; j++) {
          if (i === j || !boxesMeet(boxes[i]!, boxes[j]!)) continue;
          expect(
            tJunctions(rings[i]!, rings[j]!),
            `${label(polygons[i]!)} on ${label(polygons[j]!)}`,
          ).toEqual([]);
        }
      }
    };
    const code = (feature: AreaFeature): string => str(feature, 'code');
    check(communities, code);
    check(grids, code);
    check([township, ...communities], code);
    for (const community of communities) {
      check([community, ...grids.filter((g) => str(g, 'parentCode') === code(community))], code);
    }
  });
});
