import type { Feature, LineString, Polygon, Position } from 'geojson';
import type {
  CensusPoint,
  Community,
  CommunityKind,
  Division,
  Entity,
  ReferenceGeometry,
  ReferenceLayer,
  Township,
} from '../shared/model';
import { divisionOf } from '../shared/model';
import { roundCoordinate } from '../shared/geometry/lattice';
import { random } from './city-division';

// Realistic townships for the automatic-division tests and benchmarks (issue 13): a perturbed grid of
// streets (main roads every few lines, minor streets between, some missing), a river along one line, and
// census points clustered in buildings of 1–60 households (several points of one building share its
// position and address), dense compounds of 1,000+ households in one street block, and compound
// polygons (小区) around mid-sized compounds. Deterministic: the same shape gives the same township.

/** One village/community of a generated township. */
export interface CommunityShape {
  readonly kind: CommunityKind;
  readonly households: number;
  /** Street blocks holding one dense compound of 1,000–1,600 households (high-rises, no compound polygon). */
  readonly denseCompounds: number;
  /** Mid-sized compounds (150–450 households) with a compound polygon around them. */
  readonly walledCompounds: number;
  /** Adds one compound of 800 households inside a compound polygon: no grid holding it can be in a 300–500 band. */
  readonly oversizedCompound?: boolean;
}

/** The layout of a generated township. Communities are laid out row by row, `columns` to a row. */
export interface TownshipShape {
  readonly seed: number;
  readonly name: string;
  /** 12 digits ending in 000. */
  readonly townshipCode: string;
  readonly communities: readonly CommunityShape[];
  readonly columns: number;
  /** Street blocks per community along each axis (a multiple of `mainEvery`). */
  readonly blocksPerSide: number;
  /** Mean block side in metres. */
  readonly blockM: number;
  /** A main road on every n-th lattice line; community boundaries are main roads. */
  readonly mainEvery: number;
  /** Share of minor street segments that exist in urban communities (the rest are footpaths/walls). */
  readonly minorStreetShare: number;
}

/** A street block: one cell of the street lattice. */
export interface StreetBlock {
  /** Cell column and row in the township lattice. */
  readonly i: number;
  readonly j: number;
  /** Index of the community it belongs to. */
  readonly community: number;
  /** Counter-clockwise corners: south-west, south-east, north-east, north-west. */
  readonly corners: readonly [Position, Position, Position, Position];
}

/** A generated township: the division (no grids yet), the guides, and the street blocks beneath. */
export interface GeneratedTownship {
  readonly division: Division;
  /** Roads (role `road`), the river (role `river`) and compound polygons (role `compound`). */
  readonly guides: readonly ReferenceLayer[];
  readonly blocks: readonly StreetBlock[];
  /** Lattice size in cells. */
  readonly cellsX: number;
  readonly cellsY: number;
}

/** One community of about 12,000 households, for the 2-second target. */
export const COMMUNITY_12K: TownshipShape = {
  seed: 12,
  name: '生成街道（一个社区）',
  townshipCode: '510302001000',
  communities: [{ kind: 'urban', households: 12_000, denseCompounds: 3, walledCompounds: 6 }],
  columns: 1,
  blocksPerSide: 6,
  blockM: 260,
  mainEvery: 3,
  minorStreetShare: 0.8,
};

/** The same 12,000 households on a finer street grid (81 blocks of about 170 m, ~150 households each). */
export const COMMUNITY_12K_FINE: TownshipShape = {
  ...COMMUNITY_12K,
  seed: 121,
  blocksPerSide: 9,
  blockM: 170,
};

/** A township of 90,000 households in 8 communities (7 urban, 1 rural), for the 10-second target. */
export const TOWNSHIP_90K: TownshipShape = {
  seed: 90,
  name: '生成街道',
  townshipCode: '510302002000',
  communities: [
    { kind: 'urban', households: 12_800, denseCompounds: 3, walledCompounds: 6 },
    { kind: 'urban', households: 11_400, denseCompounds: 2, walledCompounds: 7 },
    { kind: 'urban', households: 13_600, denseCompounds: 4, walledCompounds: 5 },
    { kind: 'urban', households: 10_200, denseCompounds: 2, walledCompounds: 6 },
    { kind: 'rural', households: 4_600, denseCompounds: 0, walledCompounds: 0 },
    { kind: 'urban', households: 12_300, denseCompounds: 3, walledCompounds: 8 },
    { kind: 'urban', households: 11_900, denseCompounds: 3, walledCompounds: 6 },
    { kind: 'urban', households: 13_200, denseCompounds: 3, walledCompounds: 7 },
  ],
  columns: 4,
  blocksPerSide: 6,
  blockM: 260,
  mainEvery: 3,
  minorStreetShare: 0.8,
};

const ORIGIN: Position = [104.75, 29.35];
const METRES_PER_DEGREE_LAT = 110_600;
const ROAD_NAMES = [
  '人民',
  '解放',
  '建设',
  '和平',
  '光明',
  '新华',
  '胜利',
  '长江',
  '黄河',
  '滨江',
  '汇东',
  '丹桂',
];
const COMPOUND_NAMES = [
  '阳光',
  '金桂',
  '锦绣',
  '东方',
  '翠苑',
  '华府',
  '紫薇',
  '新城',
  '丽景',
  '盛世',
  '龙湖',
  '怡和',
];

/** Bilinear point of a block at (u, v) in [0, 1]²: straight lines of constant u or v stay straight. */
export function blockPoint(corners: StreetBlock['corners'], u: number, v: number): Position {
  const [a, b, c, d] = corners;
  const x = (1 - v) * ((1 - u) * a[0]! + u * b[0]!) + v * ((1 - u) * d[0]! + u * c[0]!);
  const y = (1 - v) * ((1 - u) * a[1]! + u * b[1]!) + v * ((1 - u) * d[1]! + u * c[1]!);
  return [x, y];
}

function round(position: Position): Position {
  return [roundCoordinate(position[0]!), roundCoordinate(position[1]!)];
}

/** Generates a township (see {@link TownshipShape}); every coordinate is on the 1e-9° lattice. */
export function generateTownship(shape: TownshipShape): GeneratedTownship {
  const rand = random(shape.seed);
  const side = shape.blocksPerSide;
  const rows = Math.ceil(shape.communities.length / shape.columns);
  const nx = shape.columns * side;
  const ny = rows * side;
  const cellLat = shape.blockM / METRES_PER_DEGREE_LAT;
  const cellLon = cellLat / Math.cos((ORIGIN[1]! * Math.PI) / 180);

  // Lattice nodes: a gently bent grid (main roads curve a little), every inner node jittered.
  const nodes: Position[] = [];
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const border = i === 0 || j === 0 || i === nx || j === ny;
      const bend = 0.35 * Math.sin((j / ny) * Math.PI * 1.3) + 0.2 * Math.sin((i / nx) * Math.PI * 2);
      const jx = border ? 0 : (rand() - 0.5) * 0.4;
      const jy = border ? 0 : (rand() - 0.5) * 0.4;
      nodes.push(
        round([
          ORIGIN[0]! + (i + jx + bend * (j / ny)) * cellLon,
          ORIGIN[1]! + (j + jy + 0.25 * Math.sin((i / nx) * Math.PI)) * cellLat,
        ]),
      );
    }
  }
  const at = (i: number, j: number): Position => nodes[j * (nx + 1) + i]!;
  const communityOf = (i: number, j: number): number => {
    const index = Math.floor(j / side) * shape.columns + Math.floor(i / side);
    return index < shape.communities.length ? index : -1;
  };

  const blocks: StreetBlock[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const community = communityOf(i, j);
      if (community < 0) continue;
      blocks.push({ i, j, community, corners: [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)] });
    }
  }

  /** Counter-clockwise lattice boundary of the cell block [i0, i1) × [j0, j1). */
  const ringOf = (i0: number, j0: number, i1: number, j1: number): Position[] => {
    const ring: Position[] = [];
    for (let i = i0; i < i1; i++) ring.push(at(i, j0));
    for (let j = j0; j < j1; j++) ring.push(at(i1, j));
    for (let i = i1; i > i0; i--) ring.push(at(i, j1));
    for (let j = j1; j > j0; j--) ring.push(at(i0, j));
    ring.push(ring[0]!);
    return ring;
  };

  const entities: Entity[] = [];
  const code9 = shape.townshipCode.slice(0, 9);
  // Communities fill rows of `columns`; a last row that is not full makes the township an L.
  const townshipRing: Position[] =
    rows * shape.columns === shape.communities.length
      ? ringOf(0, 0, nx, ny)
      : rows === 1
        ? ringOf(0, 0, shape.communities.length * side, side)
        : unionRing(shape, side, at);
  const township: Township = {
    layer: 'township',
    id: `t${shape.townshipCode}`,
    code: shape.townshipCode,
    name: shape.name,
    geometry: { type: 'Polygon', coordinates: [townshipRing] },
    extra: {},
  };
  entities.push(township);

  const compounds: Feature<Polygon>[] = [];
  let pointNumber = 0;
  let urbanNumber = 0;
  let ruralNumber = 0;
  shape.communities.forEach((communityShape, index) => {
    const ci = (index % shape.columns) * side;
    const cj = Math.floor(index / shape.columns) * side;
    // Statistics codes: 001–199 residents' committees, 200–399 villagers' committees.
    const sequence = communityShape.kind === 'urban' ? ++urbanNumber : 200 + ++ruralNumber;
    const code = `${code9}${String(sequence).padStart(3, '0')}`;
    const name =
      communityShape.kind === 'urban'
        ? `${ROAD_NAMES[index % ROAD_NAMES.length]!}社区`
        : `${ROAD_NAMES[index % ROAD_NAMES.length]!}村`;
    const community: Community = {
      layer: 'community',
      id: `c${code}`,
      code,
      name,
      kind: communityShape.kind,
      geometry: { type: 'Polygon', coordinates: [ringOf(ci, cj, ci + side, cj + side)] },
      extra: {},
    };
    entities.push(community);
    const own = blocks.filter((block) => block.community === index);
    const made = populateCommunity(communityShape, own, rand, (compound) => compounds.push(compound));
    for (const building of made) {
      for (const households of building.points) {
        const population = Math.max(1, Math.round(households * (2.2 + rand() * 1)));
        const point: CensusPoint = {
          layer: 'census',
          id: `p${++pointNumber}`,
          lon: building.position[0]!,
          lat: building.position[1]!,
          households,
          population,
          address: `${name}${building.address}`,
          extra: {},
        };
        entities.push(point);
      }
    }
  });

  const division = divisionOf({ name: shape.name, ruleSetId: 'zigong' }, entities);
  const { roads, river } = streetLines(shape, nx, ny, at, communityOf, rand);
  const guides: ReferenceLayer[] = [
    { id: 'roads', name: '道路', role: 'road', visible: true, features: roads },
    { id: 'river', name: '河流', role: 'river', visible: true, features: river },
    { id: 'compounds', name: '小区', role: 'compound', visible: true, features: compounds },
  ];
  return { division, guides, blocks, cellsX: nx, cellsY: ny };
}

/** Outline of communities that do not fill the last row: the lattice boundary of the occupied cells. */
function unionRing(shape: TownshipShape, side: number, at: (i: number, j: number) => Position): Position[] {
  const full = Math.floor(shape.communities.length / shape.columns);
  const rest = shape.communities.length % shape.columns;
  const nx = shape.columns * side;
  const ring: Position[] = [];
  const top = full * side;
  for (let i = 0; i < nx; i++) ring.push(at(i, 0));
  for (let j = 0; j < top; j++) ring.push(at(nx, j));
  for (let i = nx; i > rest * side; i--) ring.push(at(i, top));
  for (let j = top; j < top + side; j++) ring.push(at(rest * side, j));
  for (let i = rest * side; i > 0; i--) ring.push(at(i, top + side));
  for (let j = top + side; j > 0; j--) ring.push(at(0, j));
  ring.push(ring[0]!);
  return ring;
}

interface Building {
  readonly position: Position;
  readonly address: string;
  /** Households of each census point of the building (all at its position, with its address). */
  readonly points: readonly number[];
}

/** Splits a building's households into census points of 1–6 households (units/entrances). */
function pointsOf(households: number, rand: () => number): number[] {
  const points: number[] = [];
  let left = households;
  while (left > 0) {
    const take = Math.min(left, 1 + Math.floor(rand() * 6));
    points.push(take);
    left -= take;
  }
  return points;
}

function populateCommunity(
  shape: CommunityShape,
  blocks: readonly StreetBlock[],
  rand: () => number,
  addCompound: (compound: Feature<Polygon>) => void,
): Building[] {
  const buildings: Building[] = [];
  const order = blocks.map((_, k) => k);
  // A deterministic shuffle of the blocks decides which hold compounds.
  for (let k = order.length - 1; k > 0; k--) {
    const r = Math.floor(rand() * (k + 1));
    [order[k], order[r]] = [order[r]!, order[k]!];
  }
  let budget = shape.households;
  let cursor = 0;
  const streetOf = (block: StreetBlock) =>
    `${ROAD_NAMES[(block.j + 3 * block.i) % ROAD_NAMES.length]!}${block.i % 2 === 0 ? '路' : '街'}`;
  let number = 0;
  // Blocks whose western part is a walled compound: other buildings stay east of its wall (a compound
  // holds only its own buildings, so it stays one unit of the size it was given).
  const walledUntil = new Map<StreetBlock, number>();
  const place = (block: StreetBlock, u: number, v: number, households: number, prefix = '') => {
    number++;
    buildings.push({
      position: round(blockPoint(block.corners, u, v)),
      address: `${prefix || streetOf(block)}${number}号`,
      points: pointsOf(households, rand),
    });
    budget -= households;
  };

  // Dense compounds: rows of high-rises (30–60 households each) filling one block, 1,000–1,600 households.
  for (let d = 0; d < shape.denseCompounds && cursor < order.length; d++) {
    const block = blocks[order[cursor++]!]!;
    let total = 1000 + Math.floor(rand() * 600);
    const name = `${COMPOUND_NAMES[(d + block.i) % COMPOUND_NAMES.length]!}花园`;
    let slot = 0;
    while (total > 0) {
      const households = Math.min(total, 30 + Math.floor(rand() * 31));
      const u = 0.12 + ((slot % 6) / 5) * 0.76 + (rand() - 0.5) * 0.03;
      const v = 0.12 + ((Math.floor(slot / 6) % 7) / 6) * 0.76 + (rand() - 0.5) * 0.03;
      place(block, u, v, households, `${name}${Math.floor(slot / 6) + 1}栋`);
      total -= households;
      slot++;
    }
  }
  // Walled compounds (小区) of 150–450 households in the western part of a block, with their polygon.
  const walled = shape.walledCompounds + (shape.oversizedCompound ? 1 : 0);
  for (let w = 0; w < walled && cursor < order.length; w++) {
    const block = blocks[order[cursor++]!]!;
    const oversized = shape.oversizedCompound === true && w === walled - 1;
    let total = oversized ? 800 : 150 + Math.floor(rand() * 300);
    const name = `${COMPOUND_NAMES[(w + 2 * block.j) % COMPOUND_NAMES.length]!}${oversized ? '大院' : '小区'}`;
    const [u0, u1, v0, v1] = [0.06, oversized ? 0.94 : 0.55, 0.06, 0.94];
    walledUntil.set(block, u1 + 0.04);
    const ring = [
      round(blockPoint(block.corners, u0, v0)),
      round(blockPoint(block.corners, u1, v0)),
      round(blockPoint(block.corners, u1, v1)),
      round(blockPoint(block.corners, u0, v1)),
    ];
    ring.push(ring[0]!);
    addCompound({
      type: 'Feature',
      properties: { name, households: total },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    let slot = 0;
    while (total > 0) {
      const households = Math.min(total, 12 + Math.floor(rand() * 37));
      const u = u0 + 0.06 + (((slot % 4) + 0.5) / 4) * (u1 - u0 - 0.12) + (rand() - 0.5) * 0.02;
      const v = v0 + 0.06 + (((Math.floor(slot / 4) % 8) + 0.5) / 8) * (v1 - v0 - 0.12);
      place(block, u, v, households, `${name}${slot + 1}栋`);
      total -= households;
      slot++;
    }
  }

  // Everything else: buildings of 1–60 households scattered over the blocks with uneven densities.
  const weights = blocks.map(() =>
    shape.kind === 'urban' ? 0.3 + rand() ** 2 * 2 : rand() < 0.35 ? 1 : 0.05,
  );
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (w / weightSum) * Math.max(0, budget));
  blocks.forEach((block, k) => {
    // A compound filling its whole block leaves no room (its share goes to the other blocks' leftovers).
    let total = (walledUntil.get(block) ?? 0) > 0.9 ? 0 : Math.round(shares[k]!);
    // A village hamlet is one cluster; a town block is spread out behind the street fronts.
    const [cu, cv] = [0.25 + rand() * 0.5, 0.25 + rand() * 0.5];
    while (total > 0 && budget > 0) {
      const households = Math.min(
        total,
        budget,
        shape.kind === 'urban'
          ? rand() < 0.15
            ? 20 + Math.floor(rand() * 41)
            : 1 + Math.floor(rand() * 20)
          : 1 + Math.floor(rand() * 5),
      );
      const [spread, v] =
        shape.kind === 'urban'
          ? [0.08 + rand() * 0.84, 0.08 + rand() * 0.84]
          : [clamp(cu + (rand() - 0.5) * 0.3), clamp(cv + (rand() - 0.5) * 0.3)];
      // East of a walled compound's wall when the block has one (spread over what is left of the block).
      const west = walledUntil.get(block) ?? 0.08;
      const u = west + ((spread - 0.08) / 0.84) * (0.92 - west);
      place(block, u, v, households);
      total -= households;
    }
  });
  // Rounding leftovers go to the first ordinary block, so the community has exactly its households.
  const spare = blocks[order[Math.min(cursor, order.length - 1)]!]!;
  while (budget > 0) place(spare, 0.08 + rand() * 0.84, 0.5 + (rand() - 0.5) * 0.6, Math.min(budget, 20));
  return buildings;
}

function clamp(value: number): number {
  return Math.min(0.92, Math.max(0.08, value));
}

/**
 * The street network as lines: every lattice line is a street, except minor segments dropped at random
 * (and all minor ones inside villages); one vertical line in the middle of the township is a river.
 */
function streetLines(
  shape: TownshipShape,
  nx: number,
  ny: number,
  at: (i: number, j: number) => Position,
  communityOf: (i: number, j: number) => number,
  rand: () => number,
): { roads: Feature<ReferenceGeometry>[]; river: Feature<ReferenceGeometry>[] } {
  const riverLine = Math.floor(nx / 2) + (Math.floor(nx / 2) % shape.mainEvery === 0 ? 1 : 0);
  const roads: Feature<ReferenceGeometry>[] = [];
  const river: Feature<ReferenceGeometry>[] = [];
  const exists = (main: boolean, cellA: number, cellB: number): boolean => {
    if (cellA < 0 && cellB < 0) return false;
    if (main) return true;
    const kinds = [cellA, cellB].filter((c) => c >= 0).map((c) => shape.communities[c]!.kind);
    if (kinds.includes('rural')) return false;
    return rand() < shape.minorStreetShare;
  };
  const emit = (run: Position[], main: boolean, name: string) => {
    if (run.length < 2) return;
    const geometry: LineString = { type: 'LineString', coordinates: run };
    roads.push({ type: 'Feature', properties: { name, class: main ? 'main' : 'minor' }, geometry });
  };
  for (let j = 0; j <= ny; j++) {
    const main = j % shape.mainEvery === 0;
    const name = `${ROAD_NAMES[j % ROAD_NAMES.length]!}${main ? '大道' : '路'}`;
    let run: Position[] = [];
    for (let i = 0; i < nx; i++) {
      if (exists(main, j > 0 ? communityOf(i, j - 1) : -1, j < ny ? communityOf(i, j) : -1)) {
        if (run.length === 0) run.push(at(i, j));
        run.push(at(i + 1, j));
      } else {
        emit(run, main, name);
        run = [];
      }
    }
    emit(run, main, name);
  }
  for (let i = 0; i <= nx; i++) {
    const main = i % shape.mainEvery === 0;
    const name = `${ROAD_NAMES[(i + 5) % ROAD_NAMES.length]!}${main ? '大街' : '街'}`;
    if (i === riverLine) {
      const coordinates: Position[] = [];
      for (let j = 0; j <= ny; j++) coordinates.push(at(i, j));
      river.push({
        type: 'Feature',
        properties: { name: '釜溪河' },
        geometry: { type: 'LineString', coordinates },
      });
      continue;
    }
    let run: Position[] = [];
    for (let j = 0; j < ny; j++) {
      if (exists(main, i > 0 ? communityOf(i - 1, j) : -1, i < nx ? communityOf(i, j) : -1)) {
        if (run.length === 0) run.push(at(i, j));
        run.push(at(i, j + 1));
      } else {
        emit(run, main, name);
        run = [];
      }
    }
    emit(run, main, name);
  }
  return { roads, river };
}
