import { locatePoint, metresPerDegree, polygonAreaM2, PointLocation } from '../geometry';
import type { PreparedPolygon } from '../geometry';
import type { AreaGeometry, Division, Grid, Language, ReferenceLayer } from '../model';
import { isLineRole } from '../model';
import { featureName, preparedOf } from './draw-division-map';

/** The four sides of a 四至, in the order notices print them. */
export const SIDES = ['north', 'east', 'south', 'west'] as const;
export type Side = (typeof SIDES)[number];

/**
 * What bounds a grid on one side: a named street (from a reference line layer), a neighbouring grid,
 * a neighbouring community, the edge of the grid's own community or township (nothing beyond it), or
 * land of the community not yet in any grid.
 */
export interface BoundarySide {
  readonly side: Side;
  readonly kind: 'street' | 'grid' | 'community' | 'edge' | 'unassigned' | 'none';
  /** The street's, grid's or community's name; for `edge`, the community or township whose edge it is. */
  readonly name: string;
  /** Code of the grid or community when it is one. */
  readonly code?: string;
  /** Metres of the grid's boundary facing this side that this neighbour accounts for (weighted). */
  readonly lengthM: number;
  /** That length as a fraction of everything facing this side (0..1). */
  readonly share: number;
}

/** Options of {@link fourBoundaries}. */
export interface FourBoundariesOptions {
  /** A street is taken when it accounts for at least this share of a side (default 0.3). */
  readonly streetShare?: number;
  /** How far from the boundary a street may run and still bound it, in metres (default from the grid's size, 8–30 m). */
  readonly streetDistanceM?: number;
}

const DIRECTIONS: Readonly<Record<Side, readonly [number, number]>> = {
  north: [0, 1],
  east: [1, 0],
  south: [0, -1],
  west: [-1, 0],
};

interface Piece {
  /** Midpoint in local metres. */
  readonly mx: number;
  readonly my: number;
  /** Unit outward normal. */
  readonly nx: number;
  readonly ny: number;
  /** Unit direction along the boundary. */
  readonly tx: number;
  readonly ty: number;
  readonly length: number;
}

function outerRings(geometry: AreaGeometry): readonly (readonly (readonly number[])[])[] {
  if (geometry.type === 'Polygon') return geometry.coordinates.slice(0, 1);
  return geometry.coordinates.map((polygon) => polygon[0]).filter((ring) => ring !== undefined);
}

interface Street {
  readonly name: string;
  readonly ax: number;
  readonly ay: number;
  readonly bx: number;
  readonly by: number;
}

function distanceToSegment(px: number, py: number, s: Street): number {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - s.ax) * dx + (py - s.ay) * dy) / length2));
  return Math.hypot(px - (s.ax + t * dx), py - (s.ay + t * dy));
}

/**
 * The four boundaries (四至) of a grid, derived from geometry: the grid's outer boundary is cut into short
 * pieces; each piece faces outward (its outward normal) and counts for every side it faces, weighted by how
 * squarely (a boundary facing north-east counts for north and east). Each piece is attributed to a named
 * street running along it (a line reference layer within a few metres and roughly parallel), else to what
 * lies just outside it: a neighbouring grid, another community, or the edge of the grid's community or
 * township. Per side, a street wins when it accounts for a fair share (30%) of the side, else the longest
 * neighbour does. Pure: the division and the layers are only read.
 */
export function fourBoundaries(
  grid: Grid,
  division: Division,
  referenceLayers: readonly ReferenceLayer[],
  options: FourBoundariesOptions = {},
): BoundarySide[] {
  const own = preparedOf(grid.geometry);
  if (own.empty) return SIDES.map((side) => ({ side, kind: 'none', name: '', lengthM: 0, share: 0 }));
  const lon0 = (own.minX + own.maxX) / 2;
  const lat0 = (own.minY + own.maxY) / 2;
  const scale = metresPerDegree(lat0);
  const toLocal = (lon: number, lat: number): [number, number] => [
    (lon - lon0) * scale.lon,
    (lat - lat0) * scale.lat,
  ];
  const toLonLat = (x: number, y: number): [number, number] => [lon0 + x / scale.lon, lat0 + y / scale.lat];

  const pieces: Piece[] = [];
  let perimeter = 0;
  const rings = outerRings(grid.geometry).map((ring) =>
    ring
      .filter((p) => typeof p[0] === 'number' && typeof p[1] === 'number')
      .map((p) => toLocal(p[0]!, p[1]!)),
  );
  for (const ring of rings)
    for (let i = 1; i < ring.length; i++)
      perimeter += Math.hypot(ring[i]![0] - ring[i - 1]![0], ring[i]![1] - ring[i - 1]![1]);
  const step = Math.max(perimeter / 600, 1);
  for (const ring of rings) {
    let twiceArea = 0;
    for (let i = 1; i < ring.length; i++)
      twiceArea += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
    // Counter-clockwise rings have the outside on the right of each edge; clockwise ones on the left.
    const sign = twiceArea >= 0 ? 1 : -1;
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1]!;
      const [bx, by] = ring[i]!;
      const length = Math.hypot(bx - ax, by - ay);
      if (length === 0) continue;
      const tx = (bx - ax) / length;
      const ty = (by - ay) / length;
      const count = Math.max(1, Math.ceil(length / step));
      for (let k = 0; k < count; k++) {
        const t = (k + 0.5) / count;
        pieces.push({
          mx: ax + (bx - ax) * t,
          my: ay + (by - ay) * t,
          nx: sign * ty,
          ny: -sign * tx,
          tx,
          ty,
          length: length / count,
        });
      }
    }
  }

  const areaM2 = polygonAreaM2(grid.geometry);
  const streetDistance = options.streetDistanceM ?? Math.min(30, Math.max(8, 0.08 * Math.sqrt(areaM2)));
  const reach = streetDistance / Math.min(scale.lon, scale.lat);
  const near = (minX: number, minY: number, maxX: number, maxY: number, pad: number) =>
    maxX >= own.minX - pad && minX <= own.maxX + pad && maxY >= own.minY - pad && minY <= own.maxY + pad;

  const streets: Street[] = [];
  for (const layer of referenceLayers) {
    if (!isLineRole(layer.role) || layer.role === 'other') continue;
    for (const feature of layer.features) {
      const name = featureName(feature);
      if (!name) continue;
      const geometry = feature.geometry;
      const parts =
        geometry.type === 'LineString'
          ? [geometry.coordinates]
          : geometry.type === 'MultiLineString'
            ? geometry.coordinates
            : [];
      for (const part of parts) {
        for (let i = 1; i < part.length; i++) {
          const a = part[i - 1]!;
          const b = part[i]!;
          if (
            typeof a[0] !== 'number' ||
            typeof a[1] !== 'number' ||
            typeof b[0] !== 'number' ||
            typeof b[1] !== 'number'
          )
            continue;
          if (
            !near(
              Math.min(a[0], b[0]),
              Math.min(a[1], b[1]),
              Math.max(a[0], b[0]),
              Math.max(a[1], b[1]),
              reach,
            )
          )
            continue;
          const [ax, ay] = toLocal(a[0], a[1]);
          const [bx, by] = toLocal(b[0], b[1]);
          streets.push({ name, ax, ay, bx, by });
        }
      }
    }
  }

  const pad = 0.001;
  const neighbours: { readonly grid: Grid; readonly prepared: PreparedPolygon }[] = [];
  for (const other of division.grid.values()) {
    if (other.id === grid.id) continue;
    const prepared = preparedOf(other.geometry);
    if (!prepared.empty && near(prepared.minX, prepared.minY, prepared.maxX, prepared.maxY, pad))
      neighbours.push({ grid: other, prepared });
  }
  const communities = [...division.community.values()].map((community) => ({
    community,
    prepared: preparedOf(community.geometry),
  }));
  const ownCommunity = communities.find(({ community }) => community.code === grid.parentCode);
  const township = [...division.township.values()][0];
  const townshipPrepared = township ? preparedOf(township.geometry) : undefined;
  const probe = Math.max(0.5, Math.min(3, step));
  const inside = (prepared: PreparedPolygon, lon: number, lat: number) =>
    locatePoint(prepared, lon, lat) === PointLocation.inside;

  const attribute = (piece: Piece): { kind: BoundarySide['kind']; name: string; code?: string } => {
    let best: Street | undefined;
    let bestDistance = streetDistance;
    for (const street of streets) {
      const dx = street.bx - street.ax;
      const dy = street.by - street.ay;
      const length = Math.hypot(dx, dy);
      if (length === 0) continue;
      // Roughly parallel (within 35°): a street crossing the boundary does not bound it.
      if (Math.abs((dx * piece.tx + dy * piece.ty) / length) < 0.82) continue;
      const distance = distanceToSegment(piece.mx, piece.my, street);
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = street;
      }
    }
    if (best) return { kind: 'street', name: best.name };
    const [lon, lat] = toLonLat(piece.mx + piece.nx * probe, piece.my + piece.ny * probe);
    for (const neighbour of neighbours) {
      if (locatePoint(neighbour.prepared, lon, lat) !== PointLocation.outside)
        return { kind: 'grid', name: neighbour.grid.name || neighbour.grid.code, code: neighbour.grid.code };
    }
    if (ownCommunity && inside(ownCommunity.prepared, lon, lat))
      return { kind: 'unassigned', name: ownCommunity.community.name };
    for (const { community, prepared } of communities) {
      if (community.code !== grid.parentCode && inside(prepared, lon, lat))
        return { kind: 'community', name: community.name, code: community.code };
    }
    if (ownCommunity && townshipPrepared && township && inside(townshipPrepared, lon, lat))
      return { kind: 'edge', name: ownCommunity.community.name, code: ownCommunity.community.code };
    if (township) return { kind: 'edge', name: township.name, code: township.code };
    if (ownCommunity)
      return { kind: 'edge', name: ownCommunity.community.name, code: ownCommunity.community.code };
    return { kind: 'none', name: '' };
  };

  interface Tally {
    kind: BoundarySide['kind'];
    name: string;
    code?: string;
    length: number;
  }
  const totals = new Map<Side, Map<string, Tally>>();
  const sideTotals = new Map<Side, number>();
  for (const piece of pieces) {
    const owner = attribute(piece);
    const key = `${owner.kind}\u0000${owner.code ?? owner.name}`;
    for (const side of SIDES) {
      const [dx, dy] = DIRECTIONS[side];
      const facing = piece.nx * dx + piece.ny * dy;
      // Faces this side by more than ~67°: counts, weighted by how squarely.
      if (facing <= 0.38) continue;
      const weight = piece.length * facing;
      sideTotals.set(side, (sideTotals.get(side) ?? 0) + weight);
      const bySide = totals.get(side) ?? new Map<string, Tally>();
      totals.set(side, bySide);
      const entry = bySide.get(key) ?? { ...owner, length: 0 };
      entry.length += weight;
      bySide.set(key, entry);
    }
  }

  const streetShare = options.streetShare ?? 0.3;
  return SIDES.map((side) => {
    const entries = [...(totals.get(side)?.values() ?? [])].sort(
      (a, b) => b.length - a.length || a.name.localeCompare(b.name),
    );
    const total = sideTotals.get(side) ?? 0;
    if (entries.length === 0 || total === 0) return { side, kind: 'none', name: '', lengthM: 0, share: 0 };
    const street = entries.find((entry) => entry.kind === 'street');
    const chosen = street && street.length >= streetShare * total ? street : entries[0]!;
    return {
      side,
      kind: chosen.kind,
      name: chosen.name,
      ...(chosen.code !== undefined ? { code: chosen.code } : {}),
      lengthM: chosen.length,
      share: chosen.length / total,
    };
  });
}

const SIDE_WORDS: Readonly<Record<Side, { readonly zh: string; readonly en: string }>> = {
  north: { zh: '北至', en: 'North' },
  east: { zh: '东至', en: 'East' },
  south: { zh: '南至', en: 'South' },
  west: { zh: '西至', en: 'West' },
};

/** A side as a notice prints it: 北至 / 人民路, 东至 / 光明社区第2网格, 南至 / 桂湖社区界 ... */
export function formatBoundary(
  side: BoundarySide,
  lang: Language,
): { readonly side: string; readonly text: string } {
  const label = SIDE_WORDS[side.side][lang];
  switch (side.kind) {
    case 'street':
    case 'grid':
    case 'community':
      return { side: label, text: side.name };
    case 'edge':
      return { side: label, text: lang === 'zh' ? `${side.name}界` : `boundary of ${side.name}` };
    case 'unassigned':
      return {
        side: label,
        text: lang === 'zh' ? `${side.name}未划入网格的区域` : `land of ${side.name} in no grid`,
      };
    case 'none':
      return { side: label, text: '—' };
  }
}
