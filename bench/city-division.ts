import type { Polygon, Position } from 'geojson';
import type { CensusPoint, Community, Division, Entity, Grid, Township } from '../shared/model';
import { divisionOf } from '../shared/model';

/** Shape of a generated division: townships side by side, each a block of communities, each of grids. */
export interface CityShape {
  /** Townships along x. */
  readonly townships: number;
  /** Communities per township, along x and y. */
  readonly communitiesX: number;
  readonly communitiesY: number;
  /** Grids per community, along x and y. */
  readonly gridsX: number;
  readonly gridsY: number;
  /** Lattice cells per grid side: each grid edge has this many segments. */
  readonly cellsPerGrid: number;
  readonly censusPoints: number;
  /** Every n-th grid gets one vertex moved off the shared lattice (an overlap and a gap). */
  readonly defectEvery: number;
  readonly seed: number;
}

/** 5 townships × 100 communities × 10 grids = 5,000 grids; 1,000,000 census points. */
export const CITY: CityShape = {
  townships: 5,
  communitiesX: 5,
  communitiesY: 20,
  gridsX: 5,
  gridsY: 2,
  cellsPerGrid: 4,
  censusPoints: 1_000_000,
  defectEvery: 250,
  seed: 1,
};

/** One township of 30 communities × 10 grids = 300 grids with 100,000 census points. */
export const TOWNSHIP: CityShape = {
  townships: 1,
  communitiesX: 5,
  communitiesY: 6,
  gridsX: 5,
  gridsY: 2,
  cellsPerGrid: 4,
  censusPoints: 100_000,
  defectEvery: 0,
  seed: 2,
};

/** Degrees per lattice cell: about 100 m, so a grid of 4 cells is about 400 m across. */
export const CELL_DEG = 0.001;
const ORIGIN: Position = [104.6, 29.3];

/** Mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates a division on a jittered lattice: neighbours share their lattice vertices exactly (as a
 * topological editor produces them), edges are irregular, communities are unions of their grids and
 * townships unions of their communities. Codes follow the default template.
 */
export function generateDivision(shape: CityShape): Division {
  const rand = random(shape.seed);
  const nx = shape.townships * shape.communitiesX * shape.gridsX * shape.cellsPerGrid;
  const ny = shape.communitiesY * shape.gridsY * shape.cellsPerGrid;
  // Lattice vertices, jittered by up to 30 % of a cell except on the outer boundary.
  const lattice = new Float64Array((nx + 1) * (ny + 1) * 2);
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const inner = i > 0 && j > 0 && i < nx && j < ny;
      const k = 2 * (j * (nx + 1) + i);
      lattice[k] = ORIGIN[0]! + (i + (inner ? (rand() - 0.5) * 0.6 : 0)) * CELL_DEG;
      lattice[k + 1] = ORIGIN[1]! + (j + (inner ? (rand() - 0.5) * 0.6 : 0)) * CELL_DEG;
    }
  }
  const at = (i: number, j: number): Position => {
    const k = 2 * (j * (nx + 1) + i);
    return [lattice[k]!, lattice[k + 1]!];
  };
  /** Counter-clockwise boundary of the lattice block [i0, i1] × [j0, j1]. */
  const block = (i0: number, j0: number, i1: number, j1: number): Position[] => {
    const ring: Position[] = [];
    for (let i = i0; i < i1; i++) ring.push(at(i, j0));
    for (let j = j0; j < j1; j++) ring.push(at(i1, j));
    for (let i = i1; i > i0; i--) ring.push(at(i, j1));
    for (let j = j1; j > j0; j--) ring.push(at(i0, j));
    ring.push(ring[0]!);
    return ring;
  };
  const polygon = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });

  const entities: Entity[] = [];
  const c = shape.cellsPerGrid;
  const communityCells = [shape.gridsX * c, shape.gridsY * c] as const;
  let gridNumber = 0;
  for (let t = 0; t < shape.townships; t++) {
    const townshipCode = `510302${String(t + 1).padStart(3, '0')}000`;
    const ti0 = t * shape.communitiesX * communityCells[0];
    const township: Township = {
      layer: 'township',
      id: `t${t}`,
      code: townshipCode,
      name: `第${t + 1}街道`,
      geometry: polygon(block(ti0, 0, ti0 + shape.communitiesX * communityCells[0], ny)),
      extra: {},
    };
    entities.push(township);
    let communityNumber = 0;
    for (let cy = 0; cy < shape.communitiesY; cy++) {
      for (let cx = 0; cx < shape.communitiesX; cx++) {
        communityNumber++;
        const communityCode = `${townshipCode.slice(0, 9)}${String(communityNumber).padStart(3, '0')}`;
        const ci0 = ti0 + cx * communityCells[0];
        const cj0 = cy * communityCells[1];
        const community: Community = {
          layer: 'community',
          id: `c${communityCode}`,
          code: communityCode,
          name: `第${communityNumber}社区`,
          kind: 'urban',
          geometry: polygon(block(ci0, cj0, ci0 + communityCells[0], cj0 + communityCells[1])),
          extra: {},
        };
        entities.push(community);
        let sequence = 0;
        for (let gy = 0; gy < shape.gridsY; gy++) {
          for (let gx = 0; gx < shape.gridsX; gx++) {
            sequence++;
            gridNumber++;
            const gi0 = ci0 + gx * c;
            const gj0 = cj0 + gy * c;
            const ring = block(gi0, gj0, gi0 + c, gj0 + c);
            if (shape.defectEvery > 0 && gridNumber % shape.defectEvery === 0) {
              // Pull the second vertex of the bottom edge half a cell down: overlap below, gap above.
              const moved = ring[1]!;
              ring[1] = [moved[0]!, moved[1]! - CELL_DEG / 2];
            }
            const code = `${communityCode}${String(sequence).padStart(3, '0')}`;
            const grid: Grid = {
              layer: 'grid',
              id: `g${code}`,
              code,
              name: `${communityNumber}社区第${sequence}网格`,
              parentCode: communityCode,
              gridType: 'urban',
              staff: [{ role: 'leader', name: '网格长' }],
              geometry: polygon(ring),
              extra: {},
            };
            entities.push(grid);
          }
        }
      }
    }
  }
  const width = nx * CELL_DEG;
  const height = ny * CELL_DEG;
  for (let p = 0; p < shape.censusPoints; p++) {
    const households = 1 + Math.floor(rand() * 2.6);
    const point: CensusPoint = {
      layer: 'census',
      id: `p${p}`,
      lon: ORIGIN[0]! + rand() * width,
      lat: ORIGIN[1]! + rand() * height,
      households,
      population: households * 2 + (rand() < 0.5 ? 1 : 0),
      extra: {},
    };
    entities.push(point);
  }
  return divisionOf({ name: 'bench', ruleSetId: 'zigong' }, entities);
}
