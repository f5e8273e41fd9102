import type { Position } from 'geojson';
import { expect } from 'vitest';
import type { GeneratedTownship, TownshipShape } from '../../../bench/township-generator';
import type { CliHost } from '../../../shared/cli/run-cli';
import { writeShapefile } from '../../../shared/formats/shapefile-write';
import { writeZip } from '../../../shared/formats/zip-archive';
import { locatePoint, PointLocation } from '../../../shared/geometry/locate-point';
import { preparePolygon } from '../../../shared/geometry/prepared-polygon';
import type { CensusPoint, Community, Division, Entity, Township } from '../../../shared/model';
import type { Result } from '../../../shared/model';
import { divisionOf, fail, ok, text } from '../../../shared/model';
import { stringifyDivision } from '../../../shared/formats/geojson';

// Shared by the divide command tests: an in-memory host, small generated townships and their guide
// files, a hand-made community with an obvious answer, and the checks of the contract.

export const encoder = new TextEncoder();
export const decoder = new TextDecoder();

/** An in-memory file system: what the command reads, and what it wrote. */
export function memoryHost(
  files: Record<string, string | Uint8Array>,
): CliHost & { written: Map<string, Uint8Array> } {
  const written = new Map<string, Uint8Array>();
  const bytesOf = (path: string): Uint8Array | undefined => {
    const file = written.get(path) ?? files[path];
    return typeof file === 'string' ? encoder.encode(file) : file;
  };
  const missing = <T>(): Result<T> =>
    fail({ kind: 'not-found', message: text('文件不存在。', 'The file does not exist.') });
  return {
    written,
    readText: (path) => {
      const bytes = bytesOf(path);
      return bytes ? ok(decoder.decode(bytes)) : missing();
    },
    readBytes: (path) => {
      const bytes = bytesOf(path);
      return bytes ? ok(bytes) : missing();
    },
    writeBytes: (path, bytes) => {
      written.set(path, bytes);
      return ok(true);
    },
    fileSize: (path) => bytesOf(path)?.length,
  };
}

export const SMALL: TownshipShape = {
  seed: 7,
  name: '测试街道',
  townshipCode: '510302003000',
  communities: [
    { kind: 'urban', households: 2_600, denseCompounds: 1, walledCompounds: 2 },
    { kind: 'urban', households: 2_100, denseCompounds: 0, walledCompounds: 2 },
  ],
  columns: 2,
  blocksPerSide: 3,
  blockM: 260,
  mainEvery: 3,
  minorStreetShare: 0.8,
};

export function guideFile(township: GeneratedTownship, id: string): string {
  const layer = township.guides.find((g) => g.id === id)!;
  return JSON.stringify({ type: 'FeatureCollection', features: layer.features });
}

export function townshipFiles(township: GeneratedTownship): Record<string, string> {
  return {
    'in.geojson': stringifyDivision(township.division),
    'roads.geojson': guideFile(township, 'roads'),
    'river.geojson': guideFile(township, 'river'),
    'compounds.geojson': guideFile(township, 'compounds'),
  };
}

/** The compounds of a generated township as a zipped polygon shapefile (names in UTF-8). */
export function compoundsZip(township: GeneratedTownship): Uint8Array {
  const layer = township.guides.find((g) => g.id === 'compounds')!;
  const written = writeShapefile(
    {
      name: 'compounds',
      shapeType: 'polygon',
      fields: [{ name: 'NAME', type: 'C' }],
      records: layer.features.map((f) => ({
        geometry: f.geometry as Extract<typeof f.geometry, { type: 'Polygon' | 'MultiPolygon' }>,
        cells: [String(f.properties?.name ?? '')],
      })),
    },
    { encoding: 'utf-8', crs: 'cgcs2000' },
  );
  return writeZip(written.files);
}

export interface DivideJson {
  communities: {
    code: string;
    households: number;
    grids: number;
    inBand: number;
    compactnessMean: number;
    compactnessMin: number;
    seconds: number;
    outOfBand: { code: string; households: number; reason: string }[];
  }[];
}

export function expectContract(json: DivideJson): void {
  expect(Object.keys(json)).toContain('communities');
  for (const community of json.communities) {
    expect(typeof community.code).toBe('string');
    for (const key of [
      'households',
      'grids',
      'inBand',
      'compactnessMean',
      'compactnessMin',
      'seconds',
    ] as const) {
      expect(typeof community[key]).toBe('number');
    }
    expect(community.inBand).toBeLessThanOrEqual(community.grids);
    expect(community.compactnessMin).toBeLessThanOrEqual(community.compactnessMean + 1e-9);
    expect(community.compactnessMean).toBeGreaterThan(0);
    expect(community.compactnessMean).toBeLessThanOrEqual(1);
  }
}

/** Every census point inside exactly one grid (on a shared edge: the edge of two grids, no more). */
export function expectExactCover(division: Division): void {
  const grids = [...division.grid.values()].map((g) => preparePolygon(g.geometry));
  for (const point of division.census.values()) {
    const where = grids.map((g) => locatePoint(g, point.lon, point.lat));
    const inside = where.filter((w) => w === PointLocation.inside).length;
    const boundary = where.filter((w) => w === PointLocation.boundary).length;
    expect(inside === 1 || (inside === 0 && boundary >= 1), `census point ${point.id}`).toBe(true);
  }
}

/** A square community in four quarters, each quarter four buildings of 100 households: 4 grids of 400. */
export function quarters(): Division {
  const [x0, y0, size] = [104.7, 29.3, 0.008];
  const square: Position[] = [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
  const township: Township = {
    layer: 'township',
    id: 't',
    code: '510302004000',
    name: '四象街道',
    geometry: { type: 'Polygon', coordinates: [square] },
    extra: {},
  };
  const community: Community = {
    layer: 'community',
    id: 'c',
    code: '510302004001',
    name: '四象社区',
    kind: 'urban',
    geometry: { type: 'Polygon', coordinates: [square] },
    extra: {},
  };
  const entities: Entity[] = [township, community];
  let n = 0;
  for (const [qx, qy] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as const) {
    for (const [bx, by] of [
      [0.2, 0.2],
      [0.3, 0.3],
      [0.25, 0.35],
      [0.35, 0.2],
    ] as const) {
      n++;
      const point: CensusPoint = {
        layer: 'census',
        id: `p${n}`,
        lon: Number((x0 + (qx * 0.5 + bx) * size).toFixed(9)),
        lat: Number((y0 + (qy * 0.5 + by) * size).toFixed(9)),
        households: 100,
        population: 260,
        address: `四象路${n}号`,
        extra: {},
      };
      entities.push(point);
    }
  }
  return divisionOf({ name: '四象', ruleSetId: 'zigong' }, entities);
}
