import type { Polygon, Position } from 'geojson';
import type {
  CensusPoint,
  Community,
  Grid,
  GridType,
  MicroGrid,
  StaffMember,
  Township,
} from '../../../shared/model';

/** Test builders for division entities; every geometry is a closed polygon in degrees. */
export function polygon(...rings: Position[][]): Polygon {
  return { type: 'Polygon', coordinates: rings.map((ring) => closed(ring)) };
}

function closed(ring: Position[]): Position[] {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/** An axis-aligned rectangle, counter-clockwise. */
export function rect(minX: number, minY: number, maxX: number, maxY: number): Polygon {
  return polygon([
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ]);
}

export const LEADER: readonly StaffMember[] = [{ role: 'leader', name: '张三', phone: '13800000000' }];

export function township(code: string, geometry: Polygon, name = '测试镇'): Township {
  return { layer: 'township', id: `t-${code}`, code, name, geometry, extra: {} };
}

export function community(code: string, geometry: Polygon, name = `社区${code.slice(-3)}`): Community {
  return { layer: 'community', id: `c-${code}`, code, name, kind: 'urban', geometry, extra: {} };
}

export function grid(
  code: string,
  parentCode: string,
  geometry: Polygon,
  more: Partial<Omit<Grid, 'layer' | 'code' | 'parentCode' | 'geometry'>> & {
    gridType?: GridType | null;
  } = {},
): Grid {
  return {
    layer: 'grid',
    id: `g-${code}`,
    code,
    name: `网格${code.slice(-3)}`,
    parentCode,
    gridType: 'urban',
    staff: LEADER,
    geometry,
    extra: {},
    ...more,
  };
}

export function microgrid(code: string, parentCode: string, geometry: Polygon): MicroGrid {
  return {
    layer: 'microgrid',
    id: `m-${code}`,
    code,
    name: `微网格${code.slice(-3)}`,
    parentCode,
    geometry,
    extra: {},
  };
}

let pointCounter = 0;
export function census(lon: number, lat: number, households = 1, population = 3, id?: string): CensusPoint {
  pointCounter++;
  return { layer: 'census', id: id ?? `p${pointCounter}`, lon, lat, households, population, extra: {} };
}
