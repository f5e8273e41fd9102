import type { Polygon, Position } from 'geojson';
import { expect } from 'vitest';
import { ringSignedArea2 } from '../../../shared/geometry/rewind';
import type { AreaGeometry, Community, Grid, MicroGrid } from '../../../shared/model';
import { checkGeometry } from '../../../shared/geometry/check-geometry';

/** A closed counter-clockwise rectangle. */
export function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return polygon([
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ]);
}

/** A polygon from open rings (the first is the shell), closed here. */
export function polygon(...rings: Position[][]): Polygon {
  return { type: 'Polygon', coordinates: rings.map((ring) => [...ring, ring[0]!]) };
}

/** The rings of an area geometry. */
export function ringsOf(geometry: AreaGeometry): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Undirected edges of a geometry as text, e.g. "104.1,29.2|104.2,29.2" (ends sorted). */
export function edgesOf(geometry: AreaGeometry): Set<string> {
  const edges = new Set<string>();
  for (const ring of ringsOf(geometry)) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = `${ring[i]![0]},${ring[i]![1]}`;
      const b = `${ring[i + 1]![0]},${ring[i + 1]![1]}`;
      edges.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
  }
  return edges;
}

/** Edges two geometries have in common, bit for bit. */
export function sharedEdges(a: AreaGeometry, b: AreaGeometry): string[] {
  const other = edgesOf(b);
  return [...edgesOf(a)].filter((edge) => other.has(edge));
}

/** Vertices of a geometry as text. */
export function verticesOf(geometry: AreaGeometry): Set<string> {
  return new Set(ringsOf(geometry).flatMap((ring) => ring.map((p) => `${p[0]},${p[1]}`)));
}

/** At most 9 decimals: the value survives printing with 9 decimals. */
export function hasAtMostNineDecimals(value: number): boolean {
  return Number(value.toFixed(9)) === value;
}

/**
 * What every output of an operation must be: valid (OGC), closed rings without repeated consecutive
 * vertices, exterior rings counter-clockwise and holes clockwise, at most 9 decimals.
 */
export function expectValidOutput(geometry: AreaGeometry): void {
  expect(checkGeometry(geometry, { holesAllowed: true })).toEqual([]);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const area = ringSignedArea2(ring.slice(0, -1));
      if (index === 0) expect(area).toBeGreaterThan(0);
      else expect(area).toBeLessThan(0);
      for (const p of ring) {
        expect(hasAtMostNineDecimals(p[0]!)).toBe(true);
        expect(hasAtMostNineDecimals(p[1]!)).toBe(true);
      }
    });
  }
}

export const COMMUNITY_CODE = '510302003001';

/** A community entity for command tests. */
export function communityEntity(geometry: AreaGeometry, more: Partial<Community> = {}): Community {
  return {
    layer: 'community',
    id: 'community-1',
    code: COMMUNITY_CODE,
    name: '光明社区',
    kind: 'urban',
    extra: {},
    geometry,
    ...more,
  };
}

/** A grid entity of the test community, coded …001, …002 by sequence. */
export function gridEntity(sequence: number, geometry: AreaGeometry, more: Partial<Grid> = {}): Grid {
  const code = `${COMMUNITY_CODE}${String(sequence).padStart(3, '0')}`;
  return {
    layer: 'grid',
    id: `grid-${code}`,
    code,
    name: `光明社区第${sequence}网格`,
    parentCode: COMMUNITY_CODE,
    gridType: 'urban',
    extra: {},
    geometry,
    ...more,
  };
}

/** Micro-grid `m{n}` of grid number `grid` of the test community, coded grid code + n (three digits). */
export function microgridEntity(grid: number, n: number, geometry: AreaGeometry): MicroGrid {
  const parentCode = `${COMMUNITY_CODE}${String(grid).padStart(3, '0')}`;
  return {
    layer: 'microgrid',
    id: `m${n}`,
    code: `${parentCode}${String(n).padStart(3, '0')}`,
    name: `光明社区第${grid}网格第${n}微网格`,
    parentCode,
    extra: {},
    geometry,
  };
}
