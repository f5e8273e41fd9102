import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaGeometry, Division, Entity, Grid, RuleSet } from '../shared/model';
import { divisionOf, entitiesOf } from '../shared/model';
import { roundCoordinate } from '../shared/geometry/lattice';
import { metresPerDegree } from '../shared/geometry/metres-per-degree';
import type { GeneratedTownship, StreetBlock } from './township-generator';
import { blockPoint } from './township-generator';

// The two baselines GridPlan's automatic division is measured against (issue 13), written the way a
// straightforward tool would do it:
//   (a) `greedy`: grow grids from whole street blocks, starting in the north-west, adding the adjacent
//       block that comes first north-west until the band's minimum is reached;
//   (b) `bisect`: the same, after cutting every block over the band's maximum between buildings by
//       weighted bisection (along its longer side, at the household-weighted median, between the two
//       buildings on either side of it), recursively.
// Villages (rural communities) become one grid each. Pieces are rectangles in a block's bilinear (u, v)
// space, so their edges are straight; a grid is the union of its pieces by cancelling shared edges, with
// every piece corner lying on a neighbour's edge inserted there first (no T-junctions, bit-identical
// shared edges).

/** Which baseline. */
export type BaselineKind = 'greedy' | 'bisect';

interface Piece {
  readonly block: StreetBlock;
  readonly u0: number;
  readonly u1: number;
  readonly v0: number;
  readonly v1: number;
  /** Census rows (building groups) inside. */
  readonly buildings: readonly BuildingGroup[];
}

interface BuildingGroup {
  readonly u: number;
  readonly v: number;
  readonly households: number;
}

/** (u, v) of a point in a block, by Newton's method on the bilinear map (converges in a few steps). */
function inverseBilinear(corners: StreetBlock['corners'], x: number, y: number): [number, number] {
  let u = 0.5;
  let v = 0.5;
  const [a, b, c, d] = corners;
  for (let step = 0; step < 8; step++) {
    const [px, py] = blockPoint(corners, u, v) as [number, number];
    const dxdu = (1 - v) * (b[0]! - a[0]!) + v * (c[0]! - d[0]!);
    const dydu = (1 - v) * (b[1]! - a[1]!) + v * (c[1]! - d[1]!);
    const dxdv = (1 - u) * (d[0]! - a[0]!) + u * (c[0]! - b[0]!);
    const dydv = (1 - u) * (d[1]! - a[1]!) + u * (c[1]! - b[1]!);
    const det = dxdu * dydv - dxdv * dydu;
    const ex = x - px;
    const ey = y - py;
    u += (ex * dydv - ey * dxdv) / det;
    v += (ey * dxdu - ex * dydu) / det;
  }
  return [u, v];
}

/** Census points grouped per building (identical position) and put in their block. */
function buildingsPerBlock(township: GeneratedTownship): Map<StreetBlock, BuildingGroup[]> {
  const { blocks, cellsX } = township;
  const byCell = new Map<number, StreetBlock>();
  for (const block of blocks) byCell.set(block.j * cellsX + block.i, block);
  const groups = new Map<string, { x: number; y: number; households: number }>();
  for (const point of township.division.census.values()) {
    const key = `${point.lon},${point.lat}`;
    const group = groups.get(key);
    if (group) group.households += point.households;
    else groups.set(key, { x: point.lon, y: point.lat, households: point.households });
  }
  const result = new Map<StreetBlock, BuildingGroup[]>();
  for (const block of blocks) result.set(block, []);
  // Blocks are convex quadrilaterals: a point is in the block whose (u, v) lands in [0, 1]².
  const candidates = [...blocks];
  for (const group of groups.values()) {
    let found: StreetBlock | undefined;
    let uv: [number, number] = [0, 0];
    for (const block of candidates) {
      const [minX, maxX] = extent(block.corners.map((p) => p[0]!));
      const [minY, maxY] = extent(block.corners.map((p) => p[1]!));
      if (group.x < minX || group.x > maxX || group.y < minY || group.y > maxY) continue;
      uv = inverseBilinear(block.corners, group.x, group.y);
      if (uv[0] >= 0 && uv[0] <= 1 && uv[1] >= 0 && uv[1] <= 1) {
        found = block;
        break;
      }
    }
    if (found) result.get(found)!.push({ u: uv[0], v: uv[1], households: group.households });
  }
  return result;
}

function extent(values: number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

function householdsOf(piece: { readonly buildings: readonly BuildingGroup[] }): number {
  return piece.buildings.reduce((sum, b) => sum + b.households, 0);
}

/** Cuts a piece over `max` households in two between buildings, recursively (weighted bisection). */
function bisect(piece: Piece, max: number, out: Piece[]): void {
  const households = householdsOf(piece);
  if (households <= max || piece.buildings.length < 2) {
    out.push(piece);
    return;
  }
  const { block } = piece;
  const scale = metresPerDegree(block.corners[0][1]!);
  const lengthM = (p: Position, q: Position) =>
    Math.hypot((q[0]! - p[0]!) * scale.lon, (q[1]! - p[1]!) * scale.lat);
  const widthM = lengthM(
    blockPoint(block.corners, piece.u0, piece.v0),
    blockPoint(block.corners, piece.u1, piece.v0),
  );
  const heightM = lengthM(
    blockPoint(block.corners, piece.u0, piece.v0),
    blockPoint(block.corners, piece.u0, piece.v1),
  );
  const alongU = widthM >= heightM;
  const key = (b: BuildingGroup) => (alongU ? b.u : b.v);
  const sorted = [...piece.buildings].sort((a, b) => key(a) - key(b));
  // The cut closest to half the households among the gaps between buildings (never through one).
  let running = 0;
  let cut = -1;
  let closest = Infinity;
  for (let k = 0; k < sorted.length - 1; k++) {
    running += sorted[k]!.households;
    if (key(sorted[k + 1]!) <= key(sorted[k]!)) continue;
    const off = Math.abs(running - households / 2);
    if (off < closest) {
      closest = off;
      cut = k;
    }
  }
  if (cut < 0) {
    out.push(piece);
    return;
  }
  const at = (key(sorted[cut]!) + key(sorted[cut + 1]!)) / 2;
  const low = sorted.filter((b) => key(b) < at);
  const high = sorted.filter((b) => key(b) >= at);
  if (alongU) {
    bisect({ ...piece, u1: at, buildings: low }, max, out);
    bisect({ ...piece, u0: at, buildings: high }, max, out);
  } else {
    bisect({ ...piece, v1: at, buildings: low }, max, out);
    bisect({ ...piece, v0: at, buildings: high }, max, out);
  }
}

/** Key of a lattice edge and the parameter along it, so both blocks beside it name the same points. */
function edgeParams(piece: Piece): { readonly edge: string; readonly values: number[] }[] {
  const { i, j } = piece.block;
  const list: { edge: string; values: number[] }[] = [];
  if (piece.v0 === 0) list.push({ edge: `h${i},${j}`, values: [piece.u0, piece.u1] });
  if (piece.v1 === 1) list.push({ edge: `h${i},${j + 1}`, values: [piece.u0, piece.u1] });
  if (piece.u0 === 0) list.push({ edge: `v${i},${j}`, values: [piece.v0, piece.v1] });
  if (piece.u1 === 1) list.push({ edge: `v${i + 1},${j}`, values: [piece.v0, piece.v1] });
  return list;
}

/** The counter-clockwise ring of a piece with every other piece's corner on its edges inserted. */
function pieceRing(
  piece: Piece,
  blockCorners: ReadonlyMap<StreetBlock, readonly [number, number][]>,
  latticeParams: ReadonlyMap<string, readonly number[]>,
): Position[] {
  const { block, u0, u1, v0, v1 } = piece;
  const { i, j } = block;
  const inner = blockCorners.get(block) ?? [];
  const between = (values: Iterable<number>, from: number, to: number): number[] => {
    const inside = [...new Set(values)].filter((t) => t > Math.min(from, to) && t < Math.max(from, to));
    return inside.sort((a, b) => (from < to ? a - b : b - a));
  };
  const side = (
    fixed: 'u' | 'v',
    value: number,
    from: number,
    to: number,
    lattice: string | undefined,
  ): [number, number][] => {
    const params = inner
      .filter((c) => (fixed === 'u' ? c[0] === value : c[1] === value))
      .map((c) => (fixed === 'u' ? c[1] : c[0]));
    const all = lattice ? [...params, ...(latticeParams.get(lattice) ?? [])] : params;
    const start: [number, number] = fixed === 'u' ? [value, from] : [from, value];
    return [
      start,
      ...between(all, from, to).map((t): [number, number] => (fixed === 'u' ? [value, t] : [t, value])),
    ];
  };
  const uv = [
    ...side('v', v0, u0, u1, v0 === 0 ? `h${i},${j}` : undefined),
    ...side('u', u1, v0, v1, u1 === 1 ? `v${i + 1},${j}` : undefined),
    ...side('v', v1, u1, u0, v1 === 1 ? `h${i},${j + 1}` : undefined),
    ...side('u', u0, v1, v0, u0 === 0 ? `v${i},${j}` : undefined),
  ];
  const ring = uv.map(([u, v]) => {
    const p = blockPoint(block.corners, u, v);
    return [roundCoordinate(p[0]!), roundCoordinate(p[1]!)];
  });
  return ring.filter((p, k) => {
    const q = ring[(k + 1) % ring.length]!;
    return p[0] !== q[0] || p[1] !== q[1];
  });
}

function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let k = 0; k + 1 < ring.length; k++) {
    sum += ring[k]![0]! * ring[k + 1]![1]! - ring[k + 1]![0]! * ring[k]![1]!;
  }
  return sum / 2;
}

function inRing(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let k = 0, l = ring.length - 1; k < ring.length; l = k++) {
    const [xi, yi] = ring[k] as [number, number];
    const [xj, yj] = ring[l] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Union of pieces by cancelling the edges they share, then linking what is left into rings. */
function unionOfRings(rings: readonly Position[][]): AreaGeometry {
  const keyOf = (p: Position) => `${p[0]},${p[1]}`;
  const edges = new Map<string, [Position, Position]>();
  for (const ring of rings) {
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]!;
      const b = ring[(k + 1) % ring.length]!;
      const reverse = `${keyOf(b)}>${keyOf(a)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${keyOf(a)}>${keyOf(b)}`, [a, b]);
    }
  }
  const outgoing = new Map<string, [Position, Position][]>();
  for (const edge of edges.values()) {
    const list = outgoing.get(keyOf(edge[0])) ?? [];
    list.push(edge);
    outgoing.set(keyOf(edge[0]), list);
  }
  const closed: Position[][] = [];
  for (const [start, list] of outgoing) {
    while (list.length > 0) {
      const ring: Position[] = [];
      let edge = list.pop()!;
      ring.push(edge[0]);
      while (keyOf(edge[1]) !== start || ring.length === 0) {
        ring.push(edge[1]);
        const next = outgoing.get(keyOf(edge[1]));
        if (!next || next.length === 0) break;
        edge = next.pop()!;
      }
      ring.push(ring[0]!);
      if (ring.length >= 4) closed.push(ring);
    }
  }
  const exteriors = closed.filter((r) => signedArea(r) > 0).sort((a, b) => signedArea(b) - signedArea(a));
  const holes = closed.filter((r) => signedArea(r) < 0);
  const polygons: Position[][][] = exteriors.map((r) => [r]);
  for (const hole of holes) {
    const owner = polygons.find((p) => inRing(p[0]!, hole[0]![0]!, hole[0]![1]!));
    (owner ?? polygons[0])?.push(hole);
  }
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! } satisfies Polygon;
  return { type: 'MultiPolygon', coordinates: polygons } satisfies MultiPolygon;
}

/**
 * Divides every community of a generated township with a baseline (see the file comment) and returns
 * the division with the grids added. Codes are `{community}{seq3}` in the order grids were grown.
 */
export function baselineDivision(
  township: GeneratedTownship,
  ruleSet: RuleSet,
  kind: BaselineKind,
): Division {
  const min = ruleSet.urban?.minHouseholds ?? 300;
  const max = ruleSet.urban?.maxHouseholds ?? 500;
  const perBlock = buildingsPerBlock(township);
  const communities = [...township.division.community.values()];
  const grids: Grid[] = [];
  communities.forEach((community, index) => {
    const blocks = township.blocks.filter((b) => b.community === index);
    const whole = blocks.map((block): Piece => ({
      block,
      u0: 0,
      u1: 1,
      v0: 0,
      v1: 1,
      buildings: perBlock.get(block)!,
    }));
    let pieces: Piece[] = whole;
    if (kind === 'bisect' && community.kind === 'urban') {
      pieces = [];
      for (const piece of whole) bisect(piece, max, pieces);
    }
    const groups = community.kind === 'urban' ? growGreedy(pieces, min) : [pieces];
    const blockCorners = new Map<StreetBlock, [number, number][]>();
    const latticeParams = new Map<string, number[]>();
    for (const piece of pieces) {
      const corners = blockCorners.get(piece.block) ?? [];
      corners.push([piece.u0, piece.v0], [piece.u1, piece.v0], [piece.u1, piece.v1], [piece.u0, piece.v1]);
      blockCorners.set(piece.block, corners);
      for (const { edge, values } of edgeParams(piece)) {
        latticeParams.set(edge, [...(latticeParams.get(edge) ?? []), ...values]);
      }
    }
    groups.forEach((group, k) => {
      const code = `${community.code}${String(k + 1).padStart(3, '0')}`;
      grids.push({
        layer: 'grid',
        id: `g${code}`,
        code,
        name: `${community.name}第${k + 1}网格`,
        parentCode: community.code,
        gridType: community.kind ?? 'urban',
        status: 'draft',
        geometry: unionOfRings(group.map((piece) => pieceRing(piece, blockCorners, latticeParams))),
        extra: {},
      });
    });
  });
  const entities: Entity[] = [...entitiesOf(township.division), ...grids];
  return divisionOf(township.division.meta, entities);
}

/** Greedy growth from the north-west: adjacent pieces, first north then west, until `min` households. */
function growGreedy(pieces: readonly Piece[], min: number): Piece[][] {
  const centre = (p: Piece) => blockPoint(p.block.corners, (p.u0 + p.u1) / 2, (p.v0 + p.v1) / 2);
  const order = pieces
    .map((piece, index) => ({ index, c: centre(piece) }))
    .sort((a, b) => b.c[1]! - a.c[1]! - (a.c[0]! - b.c[0]!) * 0.2 || a.index - b.index)
    .map((entry) => entry.index);
  const rank = new Map<number, number>();
  order.forEach((index, position) => rank.set(index, position));
  const neighbours = adjacency(pieces);
  const assigned = new Set<number>();
  const groups: Piece[][] = [];
  for (const seed of order) {
    if (assigned.has(seed)) continue;
    const group = [seed];
    assigned.add(seed);
    let households = householdsOf(pieces[seed]!);
    while (households < min) {
      let best = -1;
      for (const member of group) {
        for (const next of neighbours[member]!) {
          if (!assigned.has(next) && (best < 0 || rank.get(next)! < rank.get(best)!)) best = next;
        }
      }
      if (best < 0) break;
      group.push(best);
      assigned.add(best);
      households += householdsOf(pieces[best]!);
    }
    groups.push(group.map((index) => pieces[index]!));
  }
  return groups;
}

/** Pieces that share a stretch of boundary: same block and touching rectangles, or across a lattice edge. */
function adjacency(pieces: readonly Piece[]): number[][] {
  const touches = (a0: number, a1: number, b0: number, b1: number) =>
    Math.min(a1, b1) - Math.max(a0, b0) > 1e-12;
  const byBlock = new Map<string, number[]>();
  pieces.forEach((piece, index) => {
    const key = `${piece.block.i},${piece.block.j}`;
    byBlock.set(key, [...(byBlock.get(key) ?? []), index]);
  });
  return pieces.map((a) => {
    const { i, j } = a.block;
    const result: number[] = [];
    const check = (di: number, dj: number) => {
      for (const index of byBlock.get(`${i + di},${j + dj}`) ?? []) {
        const b = pieces[index]!;
        if (b === a) continue;
        if (di === 0 && dj === 0) {
          const sideBySide = (a.u1 === b.u0 || b.u1 === a.u0) && touches(a.v0, a.v1, b.v0, b.v1);
          const stacked = (a.v1 === b.v0 || b.v1 === a.v0) && touches(a.u0, a.u1, b.u0, b.u1);
          if (sideBySide || stacked) result.push(index);
        } else if (di === 1 && a.u1 === 1 && b.u0 === 0 && touches(a.v0, a.v1, b.v0, b.v1))
          result.push(index);
        else if (di === -1 && a.u0 === 0 && b.u1 === 1 && touches(a.v0, a.v1, b.v0, b.v1)) result.push(index);
        else if (dj === 1 && a.v1 === 1 && b.v0 === 0 && touches(a.u0, a.u1, b.u0, b.u1)) result.push(index);
        else if (dj === -1 && a.v0 === 0 && b.v1 === 1 && touches(a.u0, a.u1, b.u0, b.u1)) result.push(index);
      }
    };
    check(0, 0);
    check(1, 0);
    check(-1, 0);
    check(0, 1);
    check(0, -1);
    return result;
  });
}
