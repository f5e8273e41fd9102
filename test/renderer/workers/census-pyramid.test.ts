import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CensusPyramid } from '../../../renderer/workers/census-pyramid';
import {
  buildCensusPyramid,
  CENSUS_TILE_MAX_ZOOM,
  CLUSTER_MAX_ZOOM,
  censusTileFeatures,
  TILE_EXTENT,
} from '../../../renderer/workers/census-pyramid';
import type { TilePoint } from '../../../renderer/workers/point-tile-writer';

/** Tile column and row of a position at zoom z (the usual Web Mercator tiling). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  ];
}

/** Every feature of the tiles covering the box (one tile more on each side). */
function featuresOver(pyramid: CensusPyramid, box: [number, number, number, number], z: number): TilePoint[] {
  const [west, south, east, north] = box;
  const [x0, y0] = tileOf(west, north, z);
  const [x1, y1] = tileOf(east, south, z);
  const features: TilePoint[] = [];
  for (let x = x0 - 1; x <= x1 + 1; x++) {
    for (let y = y0 - 1; y <= y1 + 1; y++) features.push(...censusTileFeatures(pyramid, z, x, y));
  }
  return features;
}

const pointsOf = (feature: TilePoint): number => feature.properties['point_count'] ?? 1;
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** A census in a box of about 2 km by 2 km (a village): a few thousand tiles at the deepest zoom. */
const BOX: [number, number, number, number] = [104.7, 29.3, 104.72, 29.32];
const census = fc.array(
  fc.record({
    lon: fc.double({ min: BOX[0], max: BOX[2], noNaN: true }),
    lat: fc.double({ min: BOX[1], max: BOX[3], noNaN: true }),
    households: fc.integer({ min: 0, max: 50 }),
  }),
  { maxLength: 300 },
);

function build(points: { lon: number; lat: number; households: number }[]): CensusPyramid {
  return buildCensusPyramid(
    Float64Array.from(points, (p) => p.lon),
    Float64Array.from(points, (p) => p.lat),
    Uint32Array.from(points, (p) => p.households),
  );
}

describe('the census pyramid', () => {
  it('puts each point in exactly one feature per zoom, with exact household sums', () => {
    fc.assert(
      fc.property(census, fc.integer({ min: 0, max: CENSUS_TILE_MAX_ZOOM }), (points, z) => {
        const features = featuresOver(build(points), BOX, z);
        expect(sum(features.map(pointsOf))).toBe(points.length);
        expect(sum(features.map((f) => f.properties['households']!))).toBe(
          sum(points.map((p) => p.households)),
        );
        for (const feature of features) {
          expect(feature.x).toBeGreaterThanOrEqual(0);
          expect(feature.x).toBeLessThan(TILE_EXTENT);
          expect(feature.y).toBeGreaterThanOrEqual(0);
          expect(feature.y).toBeLessThan(TILE_EXTENT);
          // A cluster of one is that point: no point_count.
          if ('point_count' in feature.properties)
            expect(feature.properties['point_count']).toBeGreaterThan(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is the same for the same census', () => {
    fc.assert(
      fc.property(census, fc.integer({ min: 0, max: CENSUS_TILE_MAX_ZOOM }), (points, z) => {
        expect(featuresOver(build(points), BOX, z)).toEqual(featuresOver(build(points), BOX, z));
      }),
      { numRuns: 20 },
    );
  });

  it('gathers a village into one cluster at city zoom and shows each point at the deepest zoom', () => {
    const points = [
      { lon: 104.701, lat: 29.301, households: 3 },
      { lon: 104.709, lat: 29.309, households: 4 },
      { lon: 104.719, lat: 29.319, households: 5 },
    ];
    const pyramid = build(points);
    // Cells are an eighth of a tile across: at zoom 6, 0.7° (the box is 0.02° and inside one cell).
    const [x, y] = tileOf(104.71, 29.31, 6);
    const clusters = censusTileFeatures(pyramid, 6, x, y);
    expect(clusters.map((f) => f.properties)).toEqual([{ point_count: 3, households: 12 }]);
    // At the points' mean position (to a unit: the box is a few units across at this zoom).
    const [mx, my] = tileOf(104.70967, 29.30967, 6 + 12);
    expect(Math.abs(clusters[0]!.x - (mx - x * TILE_EXTENT))).toBeLessThanOrEqual(1);
    expect(Math.abs(clusters[0]!.y - (my - y * TILE_EXTENT))).toBeLessThanOrEqual(1);
    const deepest = featuresOver(pyramid, BOX, CENSUS_TILE_MAX_ZOOM);
    expect(deepest.map((f) => f.properties).sort((a, b) => a['households']! - b['households']!)).toEqual([
      { households: 3 },
      { households: 4 },
      { households: 5 },
    ]);
    // Where the point is: its tile, and its place in the tile to a unit of 4096.
    const z = CENSUS_TILE_MAX_ZOOM;
    const [tx, ty] = tileOf(104.709, 29.309, z);
    const [only] = censusTileFeatures(pyramid, z, tx, ty);
    const [ux, uy] = tileOf(104.709, 29.309, z + 12);
    expect(only).toEqual({
      x: ux - tx * TILE_EXTENT,
      y: uy - ty * TILE_EXTENT,
      properties: { households: 4 },
    });
  });

  it('leaves out points whose coordinates are not finite and counts households that are not as 0', () => {
    const pyramid = buildCensusPyramid(
      Float64Array.from([104.705, Number.NaN, 104.706, Infinity]),
      Float64Array.from([29.305, 29.305, 29.306, 29.305]),
      Float64Array.from([2, 7, Number.NaN, 9]),
    );
    const world = featuresOver(pyramid, BOX, 0);
    expect(world.map((f) => f.properties)).toEqual([{ point_count: 2, households: 2 }]);
  });

  it('counts negative households as 0, as the status bar does (countOf), so the sums agree', () => {
    const pyramid = buildCensusPyramid(
      Float64Array.from([104.705, 104.706]),
      Float64Array.from([29.305, 29.306]),
      Float64Array.from([5, -3]),
    );
    const world = featuresOver(pyramid, BOX, 0);
    expect(world.map((f) => f.properties)).toEqual([{ point_count: 2, households: 5 }]);
  });

  it('answers empty tiles for an empty census and for tiles that do not exist', () => {
    const empty = buildCensusPyramid(new Float64Array(0), new Float64Array(0), new Uint32Array(0));
    for (let z = 0; z <= CENSUS_TILE_MAX_ZOOM + 2; z++) expect(featuresOver(empty, BOX, z)).toEqual([]);
    const pyramid = build([{ lon: 104.705, lat: 29.305, households: 1 }]);
    expect(censusTileFeatures(pyramid, 0, 1, 0)).toEqual([]);
    expect(censusTileFeatures(pyramid, -1, 0, 0)).toEqual([]);
    expect(censusTileFeatures(pyramid, 1.5, 0, 0)).toEqual([]);
    expect(censusTileFeatures(pyramid, 3, -1, 0)).toEqual([]);
  });

  it('draws points on one spot as one cluster beyond the clusters, however many (a hostile census)', () => {
    const n = 100_000;
    const pyramid = buildCensusPyramid(
      new Float64Array(n).fill(104.705),
      new Float64Array(n).fill(29.305),
      new Uint32Array(n).fill(2),
    );
    for (const z of [CLUSTER_MAX_ZOOM, CENSUS_TILE_MAX_ZOOM, 22]) {
      const [x, y] = tileOf(104.705, 29.305, z);
      expect(censusTileFeatures(pyramid, z, x, y).map((f) => f.properties)).toEqual([
        { point_count: n, households: 2 * n },
      ]);
    }
    // Two points a metre apart are still two at the deepest zoom.
    const two = build([
      { lon: 104.705, lat: 29.305, households: 1 },
      { lon: 104.70501, lat: 29.305, households: 2 },
    ]);
    const [x, y] = tileOf(104.705, 29.305, CENSUS_TILE_MAX_ZOOM);
    expect(censusTileFeatures(two, CENSUS_TILE_MAX_ZOOM, x, y).map((f) => f.properties)).toEqual([
      { households: 1 },
      { households: 2 },
    ]);
  });

  it('still finds each point in tiles deeper than its cells (overzoom requested anyway)', () => {
    const points = [
      { lon: 104.7050001, lat: 29.3050001, households: 1 },
      { lon: 104.7050002, lat: 29.3050002, households: 2 },
    ];
    const pyramid = build(points);
    for (const z of [CENSUS_TILE_MAX_ZOOM + 1, 20, 22]) {
      const features = featuresOver(pyramid, [104.705, 29.305, 104.7050003, 29.3050003], z);
      expect(sum(features.map((f) => f.properties['households']!))).toBe(3);
    }
  });
});
