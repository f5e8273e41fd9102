import fc from 'fast-check';
import type { Position } from 'geojson';
import type { CensusPoint, Community, Division, Entity, Grid, RuleSet, Township } from '../../shared/model';
import { divisionOf } from '../../shared/model';

/** A rule set without targets or leader requirement, so that only geometry and codes can fail. */
export const NO_TARGETS: RuleSet = {
  id: 'none',
  name: { zh: '无目标', en: 'no targets' },
  source: { zh: '测试', en: 'test' },
  urban: null,
  rural: null,
  microgrid: null,
  usesMicrogrids: false,
  requiresLeader: false,
};

export const TOWNSHIP_CODE = '510302001000';
export const COMMUNITY_CODE = '510302001001';

/** A random clean partition of a community: a jittered lattice cut into blocks (columns, then rows). */
export interface LatticePartition {
  readonly nx: number;
  readonly ny: number;
  /** Lattice vertex (i, j), i in 0..nx, j in 0..ny. */
  readonly at: (i: number, j: number) => Position;
  /** Blocks of lattice cells, one per grid: [i0, j0, i1, j1]. */
  readonly blocks: readonly (readonly [number, number, number, number])[];
  /** Grid rings (closed, counter-clockwise), parallel to `blocks`. */
  readonly rings: Position[][];
  readonly communityRing: Position[];
  readonly points: readonly { lon: number; lat: number; households: number; population: number }[];
}

export interface PartitionParameters {
  readonly nx: number;
  readonly ny: number;
  readonly lon: number;
  readonly lat: number;
  /** Size of a lattice cell in degrees. */
  readonly cell: number;
  /** Jitter of inner lattice vertices, as a fraction of a cell (< 0.3 keeps cells simple). */
  readonly jitter: readonly number[];
  readonly columnCuts: readonly number[];
  readonly rowCuts: readonly (readonly number[])[];
  /** Per grid, whether to insert the floating-point midpoint of its first segment (a T-junction). */
  readonly midpoints: readonly boolean[];
  /** Per grid, noise in degrees added to its copy of every vertex (edges drawn independently). */
  readonly noise: readonly number[];
  readonly points: readonly { u: number; v: number; households: number; population: number; snap: number }[];
}

/** Counter-clockwise boundary of a lattice block, through every lattice vertex on it. */
export function blockRing(
  at: (i: number, j: number) => Position,
  i0: number,
  j0: number,
  i1: number,
  j1: number,
): Position[] {
  const ring: Position[] = [];
  for (let i = i0; i < i1; i++) ring.push(at(i, j0));
  for (let j = j0; j < j1; j++) ring.push(at(i1, j));
  for (let i = i1; i > i0; i--) ring.push(at(i, j1));
  for (let j = j1; j > j0; j--) ring.push(at(i0, j));
  ring.push(ring[0]!);
  return ring;
}

/** Builds the partition a parameter record describes. */
export function buildPartition(p: PartitionParameters): LatticePartition {
  const { nx, ny } = p;
  const at = (i: number, j: number): Position => {
    const inner = i > 0 && j > 0 && i < nx && j < ny;
    const k = j * (nx + 1) + i;
    const jx = inner ? p.jitter[(2 * k) % p.jitter.length]! : 0;
    const jy = inner ? p.jitter[(2 * k + 1) % p.jitter.length]! : 0;
    return [p.lon + (i + jx) * p.cell, p.lat + (j + jy) * p.cell];
  };
  const columns = [0, ...new Set(p.columnCuts.map((c) => 1 + (c % (nx - 1))))].sort((a, b) => a - b);
  columns.push(nx);
  const blocks: [number, number, number, number][] = [];
  for (let c = 0; c + 1 < columns.length; c++) {
    const cuts = p.rowCuts[c % p.rowCuts.length] ?? [];
    const rows = [0, ...new Set(cuts.map((r) => 1 + (r % (ny - 1))))].sort((a, b) => a - b);
    rows.push(ny);
    for (let r = 0; r + 1 < rows.length; r++)
      blocks.push([columns[c]!, rows[r]!, columns[c + 1]!, rows[r + 1]!]);
  }
  const rings = blocks.map(([i0, j0, i1, j1], g) => {
    let ring = blockRing(at, i0, j0, i1, j1);
    const noise = p.noise[g % p.noise.length] ?? 0;
    if (noise !== 0) {
      ring = ring.map(([x, y], k) => [
        x! + noise * Math.sin(k * 12.9898 + g),
        y! + noise * Math.cos(k * 78.233 + g),
      ]);
      ring[ring.length - 1] = ring[0]!;
    }
    if (p.midpoints[g % p.midpoints.length]) {
      const a = ring[0]!;
      const b = ring[1]!;
      ring.splice(1, 0, [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2]);
    }
    return ring;
  });
  const points = p.points.map(({ u, v, households, population, snap }) => {
    // Some points sit exactly on lattice vertices or on computed edge midpoints: the tie rule's cases.
    const i = Math.min(nx, Math.floor(u * (nx + 1)));
    const j = Math.min(ny, Math.floor(v * (ny + 1)));
    if (snap === 1) {
      const [lon, lat] = at(i, j);
      return { lon: lon!, lat: lat!, households, population };
    }
    if (snap === 2 && i < nx) {
      const a = at(i, j);
      const b = at(i + 1, j);
      return { lon: (a[0]! + b[0]!) / 2, lat: (a[1]! + b[1]!) / 2, households, population };
    }
    return { lon: p.lon + u * nx * p.cell, lat: p.lat + v * ny * p.cell, households, population };
  });
  return { nx, ny, at, blocks, rings, communityRing: blockRing(at, 0, 0, nx, ny), points };
}

/** Parameters of random partitions: 3–8 × 3–8 lattice cells of 50–500 m, in China. */
export const partitionParameters: fc.Arbitrary<PartitionParameters> = fc
  .record({
    nx: fc.integer({ min: 3, max: 8 }),
    ny: fc.integer({ min: 3, max: 8 }),
    lon: fc.double({ min: 75, max: 130, noNaN: true }),
    lat: fc.double({ min: 20, max: 50, noNaN: true }),
    cell: fc.double({ min: 0.0005, max: 0.005, noNaN: true }),
    jitter: fc.array(fc.double({ min: -0.25, max: 0.25, noNaN: true }), { minLength: 1, maxLength: 40 }),
    columnCuts: fc.array(fc.nat(20), { maxLength: 4 }),
    rowCuts: fc.array(fc.array(fc.nat(20), { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    midpoints: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    noise: fc.constant([0]),
    points: fc.array(
      fc.record({
        u: fc.double({ min: 0, max: 0.9999, noNaN: true }),
        v: fc.double({ min: 0, max: 0.9999, noNaN: true }),
        households: fc.integer({ min: 0, max: 9 }),
        population: fc.integer({ min: 0, max: 30 }),
        snap: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 60 },
    ),
  })
  .map((p) => ({ ...p, lon: Math.round(p.lon * 1000) / 1000, lat: Math.round(p.lat * 1000) / 1000 }));

/** Grid codes of a partition: community code + 3-digit sequence. */
export function gridCode(index: number): string {
  return `${COMMUNITY_CODE}${String(index + 1).padStart(3, '0')}`;
}

/** The division of a partition (rings may be replaced, e.g. with injected defects). */
export function partitionDivision(
  partition: LatticePartition,
  rings: readonly Position[][] = partition.rings,
): Division {
  const township: Township = {
    layer: 'township',
    id: 't',
    code: TOWNSHIP_CODE,
    name: '镇',
    geometry: { type: 'Polygon', coordinates: [partition.communityRing] },
    extra: {},
  };
  const community: Community = {
    layer: 'community',
    id: 'c',
    code: COMMUNITY_CODE,
    name: '社区',
    kind: 'urban',
    geometry: { type: 'Polygon', coordinates: [partition.communityRing] },
    extra: {},
  };
  const grids: Grid[] = rings.map((ring, g) => ({
    layer: 'grid',
    id: `g${g}`,
    code: gridCode(g),
    name: `网格${g + 1}`,
    parentCode: COMMUNITY_CODE,
    gridType: 'urban',
    geometry: { type: 'Polygon', coordinates: [ring] },
    extra: {},
  }));
  const points: CensusPoint[] = partition.points.map((point, k) => ({
    layer: 'census',
    id: `p${k}`,
    ...point,
    extra: {},
  }));
  const entities: Entity[] = [township, community, ...grids, ...points];
  return divisionOf({ name: 'property', ruleSetId: 'none' }, entities);
}
