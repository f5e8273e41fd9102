import type {
  AreaGeometry,
  CensusPoint,
  Community,
  Division,
  Entity,
  Grid,
  MicroGrid,
  Township,
} from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import type { ProjectStore, ProjectStoreOptions } from '../../../renderer/storage/project-store';
import { openProjectStore } from '../../../renderer/storage/project-store';

let databaseCounter = 0;

/** A database name no other test uses (all tests share fake-indexeddb's one global factory). */
export function freshDatabaseName(label: string): string {
  databaseCounter += 1;
  return `gridplan-test-${label}-${databaseCounter}-${Math.random().toString(36).slice(2)}`;
}

/** Opens a store on a fresh database, with a deterministic clock that ticks 1 ms per call. */
export async function freshStore(label: string, options: ProjectStoreOptions = {}): Promise<ProjectStore> {
  let clock = 1_700_000_000_000;
  return openProjectStore(freshDatabaseName(label), { now: () => (clock += 1), ...options });
}

/** Closes `store` and opens a new one on the same database: what the app sees after a restart. */
export async function restart(store: ProjectStore, options: ProjectStoreOptions = {}): Promise<ProjectStore> {
  const name = store.name;
  store.close();
  return openProjectStore(name, options);
}

export function square(lon: number, lat: number, sizeDeg = 0.01): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + sizeDeg, lat],
        [lon + sizeDeg, lat + sizeDeg],
        [lon, lat + sizeDeg],
        [lon, lat],
      ],
    ],
  };
}

export const township: Township = {
  layer: 'township',
  id: 't1',
  code: '510302001000',
  name: '双河镇',
  geometry: square(104.7, 29.3, 0.1),
  extra: { 来源: '民政局' },
};

export const community: Community = {
  layer: 'community',
  id: 'c1',
  code: '510302001001',
  name: '桂花社区',
  kind: 'urban',
  geometry: square(104.7, 29.3, 0.05),
  extra: {},
};

export function grid(index: number, patch: Partial<Grid> = {}): Grid {
  return {
    layer: 'grid',
    id: `g${index}`,
    code: `510302001001${String(index).padStart(3, '0')}`,
    name: `第${index}网格`,
    parentCode: community.code,
    gridType: 'urban',
    staff: [{ role: 'leader', name: '张三', phone: '13800000000' }],
    status: 'draft',
    geometry: square(104.7 + index * 0.001, 29.3),
    extra: {},
    ...patch,
  };
}

export const microgrid: MicroGrid = {
  layer: 'microgrid',
  id: 'm1',
  code: '510302001001001001',
  name: '1号楼',
  parentCode: '510302001001001',
  geometry: square(104.7, 29.3, 0.001),
  extra: { floors: 18 },
};

/** Census point `index`: every 7th has an address, every 11th personal data, every 13th extra props. */
export function censusPoint(index: number, patch: Partial<CensusPoint> = {}): CensusPoint {
  return {
    layer: 'census',
    id: `p${index}`,
    lon: 104.7 + (index % 1000) * 1e-5 + 1e-9,
    lat: 29.3 + Math.floor(index / 1000) * 1e-5 - 1e-9,
    households: (index % 5) + 1,
    population: (index % 9) + 2,
    extra: index % 13 === 0 ? { 楼栋: `${index % 40}栋`, 层数: index % 30, 空置: index % 2 === 0 } : {},
    ...(index % 7 === 0 ? { address: `双河镇桂花路${index}号` } : {}),
    ...(index % 11 === 0
      ? { personal: { 户主: `李${index}`, 电话: `1390000${String(index).padStart(4, '0')}` } }
      : {}),
    ...patch,
  };
}

export function censusPoints(count: number, from = 0): CensusPoint[] {
  return Array.from({ length: count }, (_, offset) => censusPoint(from + offset));
}

/** A small division: one township, one community, three grids, one micro-grid, `censusCount` points. */
export function sampleDivision(censusCount = 20, name = '双河镇网格规划'): Division {
  const entities: Entity[] = [
    township,
    community,
    grid(1),
    grid(2),
    grid(3),
    microgrid,
    ...censusPoints(censusCount),
  ];
  return divisionOf({ name, ruleSetId: 'zigong', extra: { crs: 'CGCS2000' } }, entities);
}
