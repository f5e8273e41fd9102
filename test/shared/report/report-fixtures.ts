import type { Feature, LineString, Polygon } from 'geojson';
import { divisionOf } from '../../../shared/model';
import type {
  CensusPoint,
  Community,
  Division,
  Entity,
  Grid,
  ReferenceLayer,
  StaffMember,
  Township,
} from '../../../shared/model';

/** Size of one cell of the hand-made maps, in degrees (~190 m × 220 m near Zigong). */
export const CELL = 0.002;
const LON0 = 104.75;
const LAT0 = 29.36;

/** A lon/lat position from cell units. */
export function at(x: number, y: number): [number, number] {
  return [LON0 + x * CELL, LAT0 + y * CELL];
}

/** A counter-clockwise rectangle in cell units (reversed when `clockwise`). */
export function cells(x0: number, y0: number, x1: number, y1: number, clockwise = false): Polygon {
  const ring = [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)];
  if (clockwise) ring.reverse();
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

export function township(geometry: Polygon, more: Partial<Township> = {}): Township {
  return { layer: 'township', id: 't', code: '510302003000', name: '新街街道', geometry, extra: {}, ...more };
}

export function community(code: string, name: string, geometry: Polygon): Community {
  return { layer: 'community', id: `c${code}`, code, name, kind: 'urban', geometry, extra: {} };
}

export function grid(
  code: string,
  name: string,
  parentCode: string,
  geometry: Polygon,
  staff?: readonly StaffMember[],
): Grid {
  return {
    layer: 'grid',
    id: `g${code}`,
    code,
    name,
    parentCode,
    gridType: 'urban',
    geometry,
    extra: {},
    ...(staff ? { staff } : {}),
  };
}

export function census(id: string, x: number, y: number, more: Partial<CensusPoint> = {}): CensusPoint {
  const [lon, lat] = at(x, y);
  return { layer: 'census', id, lon, lat, households: 1, population: 3, extra: {}, ...more };
}

export function division(...entities: Entity[]): Division {
  return divisionOf({ name: '测试', ruleSetId: 'zigong' }, entities);
}

/** A road layer of named polylines given in cell units. */
export function roads(...lines: { name: string; points: [number, number][] }[]): ReferenceLayer {
  const features: Feature<LineString>[] = lines.map((line) => ({
    type: 'Feature',
    properties: { name: line.name },
    geometry: { type: 'LineString', coordinates: line.points.map(([x, y]) => at(x, y)) },
  }));
  return { id: 'roads', name: '道路', role: 'road', visible: true, features };
}
