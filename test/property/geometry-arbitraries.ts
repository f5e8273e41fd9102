import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import type {
  AreaGeometry,
  CensusPoint,
  Community,
  Division,
  Entity,
  Grid,
  RuleSet,
} from '../../shared/model';
import { divisionOf } from '../../shared/model';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { validateDivision } from '../../shared/validate/validate-division';

/** PROPERTY_RUNS=1000 for a longer search. */
export const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) };

export const COMMUNITY_CODE = '510302003001';
const LON = 104.75;
const LAT = 29.36;

/** Rounds to 9 decimals, as every coordinate the editor holds. */
export function r9(value: number): number {
  return Number(value.toFixed(9));
}

/** A building's census point as the property tests draw it: three people a household, nothing else. */
export function buildingPoint(id: string, lon: number, lat: number, households: number): CensusPoint {
  return { layer: 'census', id, lon, lat, households, population: 3 * households, extra: {} };
}

/** A closed counter-clockwise star-shaped polygon: simple by construction. */
export interface StarParameters {
  readonly cx: number;
  readonly cy: number;
  readonly radius: number;
  readonly angles: readonly number[];
  readonly radii: readonly number[];
}

export const starParameters: fc.Arbitrary<StarParameters> = fc
  .record({
    cx: fc.double({ min: -0.001, max: 0.001, noNaN: true }),
    cy: fc.double({ min: -0.001, max: 0.001, noNaN: true }),
    radius: fc.double({ min: 0.0008, max: 0.004, noNaN: true }),
    n: fc.integer({ min: 3, max: 11 }),
  })
  .chain(({ cx, cy, radius, n }) =>
    fc.record({
      cx: fc.constant(cx),
      cy: fc.constant(cy),
      radius: fc.constant(radius),
      // Angles spread over the circle: each in its own sector, so consecutive ones never coincide.
      angles: fc.array(fc.double({ min: 0.1, max: 0.9, noNaN: true }), { minLength: n, maxLength: n }),
      radii: fc.array(fc.double({ min: 0.35, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    }),
  );

export function starPolygon(p: StarParameters): Polygon {
  const n = p.angles.length;
  const ring: Position[] = p.angles.map((fraction, i) => {
    const angle = ((i + fraction) / n) * 2 * Math.PI;
    const radius = p.radius * p.radii[i]!;
    return [r9(LON + p.cx + radius * Math.cos(angle)), r9(LAT + p.cy + radius * Math.sin(angle))];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/** A polyline from outside a star, through random points near it, to outside again. */
export const lineThrough = (p: StarParameters): fc.Arbitrary<Position[]> =>
  fc
    .record({
      start: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      turn: fc.double({ min: 0.3 * Math.PI, max: 1.7 * Math.PI, noNaN: true }),
      middle: fc.array(
        fc.tuple(
          fc.double({ min: -0.9, max: 0.9, noNaN: true }),
          fc.double({ min: -0.9, max: 0.9, noNaN: true }),
        ),
        { minLength: 0, maxLength: 3 },
      ),
    })
    .map(({ start, turn, middle }) => {
      const outside = (angle: number): Position => [
        r9(LON + p.cx + 1.3 * p.radius * Math.cos(angle)),
        r9(LAT + p.cy + 1.3 * p.radius * Math.sin(angle)),
      ];
      return [
        outside(start),
        ...middle.map(([u, v]): Position => [r9(LON + p.cx + u * p.radius), r9(LAT + p.cy + v * p.radius)]),
        outside(start + turn),
      ];
    });

/** Census points scattered over a box around the origin of the test area. */
export const censusPoints: fc.Arbitrary<CensusPoint[]> = fc
  .array(
    fc.record({
      u: fc.double({ min: -0.006, max: 0.006, noNaN: true }),
      v: fc.double({ min: -0.006, max: 0.006, noNaN: true }),
      households: fc.integer({ min: 1, max: 40 }),
    }),
    { maxLength: 60 },
  )
  .map((points) =>
    points.map(({ u, v, households }, i) => ({
      layer: 'census' as const,
      id: `p${i}`,
      lon: r9(LON + u),
      lat: r9(LAT + v),
      households,
      population: households * 3,
      extra: {},
    })),
  );

/** A community tiled by jittered quadrilateral cells, each a grid, sharing edges bit for bit. */
export interface Tiling {
  readonly community: Polygon;
  readonly cells: Polygon[];
}

export const tilingParameters = fc
  .record({
    nx: fc.integer({ min: 1, max: 4 }),
    ny: fc.integer({ min: 1, max: 3 }),
    cell: fc.double({ min: 0.0006, max: 0.002, noNaN: true }),
  })
  .chain(({ nx, ny, cell }) =>
    fc.record({
      nx: fc.constant(nx),
      ny: fc.constant(ny),
      cell: fc.constant(cell),
      jitter: fc.array(fc.double({ min: -0.25, max: 0.25, noNaN: true }), {
        minLength: 2 * (nx + 1) * (ny + 1),
        maxLength: 2 * (nx + 1) * (ny + 1),
      }),
    }),
  );

export function tiling(p: { nx: number; ny: number; cell: number; jitter: readonly number[] }): Tiling {
  const x0 = LON - (p.nx * p.cell) / 2;
  const y0 = LAT - (p.ny * p.cell) / 2;
  const at = (i: number, j: number): Position => {
    const k = 2 * (j * (p.nx + 1) + i);
    // Boundary vertices move only along the boundary, so the community stays a rectangle's shape.
    const jx = i === 0 || i === p.nx ? 0 : p.jitter[k]!;
    const jy = j === 0 || j === p.ny ? 0 : p.jitter[k + 1]!;
    return [r9(x0 + (i + jx) * p.cell), r9(y0 + (j + jy) * p.cell)];
  };
  const cells: Polygon[] = [];
  for (let j = 0; j < p.ny; j++) {
    for (let i = 0; i < p.nx; i++) {
      const ring = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      cells.push({ type: 'Polygon', coordinates: [[...ring, ring[0]!]] });
    }
  }
  const boundary: Position[] = [];
  for (let i = 0; i < p.nx; i++) boundary.push(at(i, 0));
  for (let j = 0; j < p.ny; j++) boundary.push(at(p.nx, j));
  for (let i = p.nx; i > 0; i--) boundary.push(at(i, p.ny));
  for (let j = p.ny; j > 0; j--) boundary.push(at(0, j));
  return { community: { type: 'Polygon', coordinates: [[...boundary, boundary[0]!]] }, cells };
}

export function communityOf(geometry: AreaGeometry): Community {
  return {
    layer: 'community',
    id: 'community-1',
    code: COMMUNITY_CODE,
    name: '光明社区',
    kind: 'urban',
    extra: {},
    geometry,
  };
}

export function gridOf(index: number, geometry: AreaGeometry, more: Partial<Grid> = {}): Grid {
  const code = `${COMMUNITY_CODE}${String(index + 1).padStart(3, '0')}`;
  return {
    layer: 'grid',
    id: `grid-${code}`,
    code,
    name: `网格${index + 1}`,
    parentCode: COMMUNITY_CODE,
    gridType: 'urban',
    extra: {},
    geometry,
    ...more,
  };
}

export function division(entities: Iterable<Entity>): Division {
  return divisionOf({ name: 'property', ruleSetId: 'zigong' }, entities);
}

const NO_TARGETS: RuleSet = {
  id: 'none',
  name: { zh: '无目标', en: 'no targets' },
  source: { zh: '测试', en: 'test' },
  urban: null,
  rural: null,
  microgrid: null,
  usesMicrogrids: false,
  requiresLeader: false,
};

/** Validation issues of the given rules, as text for readable failures. */
export function issuesOf(d: Division, rules: readonly string[]): string[] {
  return validateDivision(d, NO_TARGETS)
    .issues.filter((issue) => rules.includes(issue.rule))
    .map((issue) => `${issue.rule} ${issue.codes.join(',')} ${issue.areaM2 ?? ''}`);
}

/** True when a point lies on the boundary of a polygon, within `toleranceDeg`. */
export function onBoundary(geometry: AreaGeometry, x: number, y: number, toleranceDeg = 1e-11): boolean {
  return locatePoint(preparePolygon(geometry), x, y, toleranceDeg) === PointLocation.boundary;
}
