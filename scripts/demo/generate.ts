import type { Position } from 'geojson';
import type {
  CensusPoint,
  Community,
  CommunityKind,
  Division,
  Entity,
  Grid,
  StaffMember,
  Township,
} from '../../shared/model';
import { toGeoJson } from '../../shared/formats/geojson';
import { divisionOf } from '../../shared/model';
import { CellMesh } from './cell-mesh';
import { DEMO_NAMES } from './demo-names';
import { featureCollectionText } from './feature-collection-text';
import { LocalFrame } from './local-frame';
import { partitionCells } from './partition-cells';
import { SeededRandom, hashSeed } from './seeded-random';
import type { Vec } from './triangulate';
import { triangulate } from './triangulate';

/** The seed of the committed demo file. Changing it changes every coordinate of the demo. */
export const DEMO_SEED = 20_231_108;

/** Centre of the demo township: the western edge of Zigong's old town. */
const ORIGIN = { lon: 104.752, lat: 29.366 } as const;
const TOWNSHIP_RADIUS_M = 2_600;
/** Half-extent of the square that rural seeds fill; well beyond the township so its cells are bounded. */
const SEED_EXTENT_M = 4_200;
const RURAL_SEED_SPACING_M = 300;
const HAMLET_SPACING_M = 170;
/** Census points closer than this to a cell boundary are dropped, so no point sits on a boundary. */
const MIN_POINT_CLEARANCE_M = 1.5;
/** Cells sharing less boundary than this do not count as neighbours when growing regions. */
const MIN_SHARED_EDGE_M = 5;

/**
 * The urban street lattice: blocks of 120 m × 90 m, each split into two cells of 60 m × 90 m (the unit
 * a grid boundary can follow), rotated and gently warped so the old town does not look like graph paper.
 */
const LATTICE = {
  centre: { x: 650, y: -500 },
  angle: 0.35,
  cellWidth: 60,
  blockDepth: 90,
  semiAxisU: 640,
  semiAxisV: 500,
  /** Alternate columns are shifted by ± this, so no four cell seeds are co-circular. */
  columnShift: 5,
} as const;

/** Households of a grid the demo aims at: Zigong's urban target is 300–500. */
const URBAN_GRID_TARGET = 410;

type BlockType = 'walkup' | 'highrise' | 'mixed' | 'open';

interface UrbanCell {
  readonly kind: 'urban';
  readonly column: number;
  readonly row: number;
}
interface RuralCell {
  readonly kind: 'rural';
}
type CellInfo = UrbanCell | RuralCell;

/** A census point before it knows its community (addresses need the community's name). */
interface RawPoint {
  readonly position: Vec;
  readonly households: number;
  /** Urban addresses are known up front; farmhouses get theirs from their village group afterwards. */
  readonly address?: (community: string) => string;
  /** Farmhouses stay in village cells and apartment buildings in town cells, even near the town's edge. */
  readonly rural: boolean;
}

interface PlacedPoint {
  readonly lonLat: Position;
  readonly cell: number;
  readonly households: number;
  readonly raw: RawPoint;
}

const modulo = (value: number, n: number): number => ((value % n) + n) % n;
const floorDiv = (value: number, n: number): number => Math.floor(value / n);
const distance = (a: Vec, b: Vec): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Ray-casting point-in-ring test in the local frame. */
function insideRing(p: Vec, ring: readonly Vec[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

function distanceToRing(p: Vec, ring: readonly Vec[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
  }
  return best;
}

/** Planar centroid of a ring in longitude/latitude, good enough to order grids on a map. */
function ringCentroid(ring: readonly Position[]): Position {
  let x = 0;
  let y = 0;
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = [ring[i]![0]!, ring[i]![1]!];
    const [x1, y1] = [ring[i + 1]![0]!, ring[i + 1]![1]!];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  return [x / (3 * area), y / (3 * area)];
}

/** Orders positions north → south, then west → east, the numbering order of the coding rules. */
function northToSouth(a: Position, b: Position): number {
  return b[1]! - a[1]! || a[0]! - b[0]!;
}

/** Dijkstra from several sources over the allowed cells: each cell goes to its cheapest source. */
function growFromSources(
  sources: readonly number[],
  allowed: ReadonlySet<number>,
  neighbours: (cell: number) => readonly number[],
  cost: (a: number, b: number) => number,
): Map<number, number> {
  const owner = new Map<number, number>();
  const best = new Map<number, number>();
  const queue: { cell: number; source: number; cost: number }[] = sources.map((cell, source) => ({
    cell,
    source,
    cost: 0,
  }));
  while (queue.length > 0) {
    // Few hundred cells: a linear scan for the minimum is simpler than a heap and just as deterministic.
    let index = 0;
    for (let i = 1; i < queue.length; i++) {
      const q = queue[i]!;
      const m = queue[index]!;
      if (q.cost < m.cost || (q.cost === m.cost && q.cell < m.cell)) index = i;
    }
    const { cell, source, cost: c } = queue.splice(index, 1)[0]!;
    if (owner.has(cell)) continue;
    owner.set(cell, source);
    for (const next of neighbours(cell)) {
      if (!allowed.has(next) || owner.has(next)) continue;
      const nextCost = c + cost(cell, next);
      if (nextCost < (best.get(next) ?? Infinity)) {
        best.set(next, nextCost);
        queue.push({ cell: next, source, cost: nextCost });
      }
    }
  }
  return owner;
}

function fictionalPerson(seed: number): StaffMember {
  const random = new SeededRandom(seed);
  const given = random.chance(0.6)
    ? random.pick(DEMO_NAMES.givenNameCharacters) + random.pick(DEMO_NAMES.givenNameCharacters)
    : random.pick(DEMO_NAMES.givenNameCharacters);
  let phone = random.pick(['13', '15', '18', '19']);
  while (phone.length < 11) phone += String(random.int(0, 9));
  return { role: 'leader', name: random.pick(DEMO_NAMES.surnames) + given, phone };
}

/**
 * Builds the demo township: a 街道 of Zigong's 自流井区 with an urban old town of four 社区 and four
 * rural 行政村, census points for every building or farmhouse, and grids for all but one community.
 * Deterministic: the same seed gives the same division, coordinate for coordinate.
 */
export function generateDemoDivision(seed: number = DEMO_SEED): Division {
  const random = new SeededRandom(seed);
  const frame = new LocalFrame(ORIGIN.lon, ORIGIN.lat);

  // --- Urban cells: half-blocks of a warped street lattice. ---------------------------------------
  const warpPhases = [random.range(0, 6.3), random.range(0, 6.3), random.range(0, 6.3), random.range(0, 6.3)];
  const latticeToLocal = (u: number, v: number): Vec => {
    const cos = Math.cos(LATTICE.angle);
    const sin = Math.sin(LATTICE.angle);
    const wu = 14 * Math.sin(v / 260 + warpPhases[0]!) + 8 * Math.sin(u / 410 + warpPhases[1]!);
    const wv = 12 * Math.sin(u / 300 + warpPhases[2]!) + 6 * Math.sin(v / 500 + warpPhases[3]!);
    const uu = u + wu;
    const vv = v + wv;
    return { x: LATTICE.centre.x + uu * cos - vv * sin, y: LATTICE.centre.y + uu * sin + vv * cos };
  };
  const edgePhases = [random.range(0, 6.3), random.range(0, 6.3)];
  const insideUrbanZone = (u: number, v: number): boolean => {
    const phi = Math.atan2(v / LATTICE.semiAxisV, u / LATTICE.semiAxisU);
    const reach = 1 + 0.12 * Math.sin(3 * phi + edgePhases[0]!) + 0.08 * Math.sin(5 * phi + edgePhases[1]!);
    return (u / LATTICE.semiAxisU) ** 2 + (v / LATTICE.semiAxisV) ** 2 <= reach * reach;
  };
  const columnShift = (column: number): number =>
    modulo(column, 2) === 0 ? LATTICE.columnShift : -LATTICE.columnShift;
  const seeds: Vec[] = [];
  const infos: CellInfo[] = [];
  const columnsEach = Math.ceil(LATTICE.semiAxisU / LATTICE.cellWidth) + 3;
  const rowsEach = Math.ceil(LATTICE.semiAxisV / LATTICE.blockDepth) + 3;
  for (let row = -rowsEach; row <= rowsEach; row++) {
    for (let column = -columnsEach; column <= columnsEach; column++) {
      const block = floorDiv(column, 2);
      if (!insideUrbanZone((block + 0.5) * 2 * LATTICE.cellWidth, (row + 0.5) * LATTICE.blockDepth)) continue;
      const jitter = new SeededRandom(hashSeed(seed, 2, column, row));
      seeds.push(
        latticeToLocal(
          (column + 0.5) * LATTICE.cellWidth + jitter.range(-1.5, 1.5),
          (row + 0.5) * LATTICE.blockDepth + columnShift(column) + jitter.range(-1.5, 1.5),
        ),
      );
      infos.push({ kind: 'urban', column, row });
    }
  }
  const urbanCount = seeds.length;

  // --- Rural cells: a Poisson-disc scatter around the town, fields between ridges and streams. ------
  for (let attempt = 0; attempt < 25_000; attempt++) {
    const p = {
      x: random.range(-SEED_EXTENT_M, SEED_EXTENT_M),
      y: random.range(-SEED_EXTENT_M, SEED_EXTENT_M),
    };
    let ok = true;
    for (let i = 0; i < seeds.length && ok; i++) {
      ok = distance(p, seeds[i]!) >= (i < urbanCount ? 210 : RURAL_SEED_SPACING_M);
    }
    if (ok) {
      seeds.push(p);
      infos.push({ kind: 'rural' });
    }
  }

  const triangulation = triangulate(seeds);
  const isUrban = (cell: number): boolean => infos[cell]?.kind === 'urban';
  const mesh = new CellMesh(
    triangulation,
    frame,
    (a, b) => (isUrban(a) && isUrban(b) ? 0 : isUrban(a) || isUrban(b) ? 0.06 : 0.12),
    hashSeed(seed, 1),
  );
  const neighbours = (cell: number): number[] =>
    mesh.neighbours(cell, MIN_SHARED_EDGE_M).filter((other) => mesh.isBounded(other));

  // --- The township: cells whose seed lies inside a wobbly outline, with holes filled. -------------
  const outlinePhases = [random.range(0, 6.3), random.range(0, 6.3), random.range(0, 6.3)];
  const outlineRadius = (phi: number): number =>
    TOWNSHIP_RADIUS_M *
    (1 +
      0.1 * Math.sin(2 * phi + outlinePhases[0]!) +
      0.07 * Math.sin(3 * phi + outlinePhases[1]!) +
      0.04 * Math.sin(5 * phi + outlinePhases[2]!));
  const township = new Set<number>();
  for (let cell = 0; cell < mesh.size; cell++) {
    const p = mesh.seedOf(cell);
    if (isUrban(cell) || Math.hypot(p.x, p.y) <= outlineRadius(Math.atan2(p.y, p.x))) township.add(cell);
  }
  for (const cell of township)
    if (!mesh.isBounded(cell)) throw new Error('township reaches the edge of the seed field');
  fillEnclaves(township, mesh);

  // --- Communities: urban ones grow along the lattice and stop at main streets; villages grow from
  //     seeds spread around the town with noisy costs, so their borders wander like real ones. ------
  const urbanCells = new Set([...township].filter(isUrban));
  const ruralCells = new Set([...township].filter((cell) => !isUrban(cell)));
  const latticePositionOf = (cell: number): Vec => {
    const info = infos[cell];
    if (info?.kind !== 'urban') throw new Error('not an urban cell');
    return { x: (info.column + 0.5) * LATTICE.cellWidth, y: (info.row + 0.5) * LATTICE.blockDepth };
  };
  const nearestCell = (cells: Iterable<number>, target: Vec, position: (cell: number) => Vec): number => {
    let best = -1;
    let bestDistance = Infinity;
    for (const cell of cells) {
      const d = distance(position(cell), target);
      if (d < bestDistance) {
        bestDistance = d;
        best = cell;
      }
    }
    return best;
  };
  const urbanSources = [
    [-0.5, 0.5],
    [0.5, 0.5],
    [-0.5, -0.5],
    [0.5, -0.5],
  ].map(([fu, fv]) =>
    nearestCell(urbanCells, { x: fu! * LATTICE.semiAxisU, y: fv! * LATTICE.semiAxisV }, latticePositionOf),
  );
  const crossesMainStreet = (a: number, b: number): boolean => {
    const ia = infos[a];
    const ib = infos[b];
    if (ia?.kind !== 'urban' || ib?.kind !== 'urban') return false;
    const rowLine = Math.max(ia.row, ib.row);
    const columnLine = Math.max(ia.column, ib.column);
    return (
      (ia.row !== ib.row && modulo(rowLine, 4) === 0) ||
      (ia.column !== ib.column && modulo(columnLine, 2) === 0 && modulo(columnLine / 2, 3) === 0)
    );
  };
  const urbanOwner = growFromSources(urbanSources, urbanCells, neighbours, (a, b) => {
    const noise = new SeededRandom(hashSeed(seed, 3, Math.min(a, b), Math.max(a, b))).range(0, 20);
    return distance(mesh.seedOf(a), mesh.seedOf(b)) + (crossesMainStreet(a, b) ? 260 : 0) + noise;
  });
  const urbanDirection = Math.atan2(LATTICE.centre.y, LATTICE.centre.x);
  const ruralSources = [65, 135, 225, 295].map((degrees) => {
    const phi = urbanDirection + (degrees * Math.PI) / 180;
    const r = 0.62 * outlineRadius(phi);
    return nearestCell(ruralCells, { x: r * Math.cos(phi), y: r * Math.sin(phi) }, (cell) =>
      mesh.seedOf(cell),
    );
  });
  const ruralOwner = growFromSources(ruralSources, ruralCells, neighbours, (a, b) => {
    const noise = new SeededRandom(hashSeed(seed, 4, Math.min(a, b), Math.max(a, b))).range(0.6, 1.4);
    return distance(mesh.seedOf(a), mesh.seedOf(b)) * noise;
  });

  const communityCells: Set<number>[] = [...urbanSources, ...ruralSources].map(() => new Set<number>());
  for (const [cell, source] of urbanOwner) communityCells[source]!.add(cell);
  for (const [cell, source] of ruralOwner) communityCells[urbanSources.length + source]!.add(cell);
  // Cells no source reached (cut off by the town) join a neighbouring community.
  for (let changed = true; changed;) {
    changed = false;
    for (const cell of township) {
      if (communityCells.some((cells) => cells.has(cell))) continue;
      const host = communityCells.find((cells) => mesh.neighbours(cell).some((other) => cells.has(other)));
      if (host) {
        host.add(cell);
        changed = true;
      }
    }
  }
  for (const cells of communityCells) absorbEnclaves(cells, township, communityCells, mesh);
  const communityOfCell = new Map<number, number>();
  communityCells.forEach((cells, index) => cells.forEach((cell) => communityOfCell.set(cell, index)));
  if (communityOfCell.size !== township.size) throw new Error('some township cells belong to no community');

  // Codes and names: urban 社区 get village segments 001…, 行政村 201…, each numbered north → south.
  const prefix = DEMO_NAMES.countyCode + DEMO_NAMES.townshipSegment;
  const communityRings = communityCells.map((cells) => mesh.regionRing(cells));
  const kinds: CommunityKind[] = communityCells.map((_, index) =>
    index < urbanSources.length ? 'urban' : 'rural',
  );
  const communityCode: string[] = [];
  const communityName: string[] = [];
  for (const kind of ['urban', 'rural'] as const) {
    const order = communityCells
      .map((_, index) => index)
      .filter((index) => kinds[index] === kind)
      .sort((a, b) => northToSouth(ringCentroid(communityRings[a]!), ringCentroid(communityRings[b]!)));
    order.forEach((index, rank) => {
      communityCode[index] = prefix + String((kind === 'urban' ? 1 : 201) + rank).padStart(3, '0');
      communityName[index] = (kind === 'urban' ? DEMO_NAMES.urbanCommunities : DEMO_NAMES.ruralVillages)[
        rank
      ]!;
    });
  }

  // --- Census points. ------------------------------------------------------------------------------
  const rawPoints: RawPoint[] = [
    ...urbanBuildings(seed, infos, urbanCells, latticeToLocal, columnShift),
    ...ruralHouses(seed, random, township, ruralCells, ruralSources, mesh),
  ];
  const cellRings = new Map<
    number,
    { ring: Vec[]; minX: number; minY: number; maxX: number; maxY: number }
  >();
  for (const cell of township) {
    const ring = mesh.regionRing(new Set([cell])).map((position) => frame.toLocal(position));
    cellRings.set(cell, {
      ring,
      minX: Math.min(...ring.map((p) => p.x)),
      minY: Math.min(...ring.map((p) => p.y)),
      maxX: Math.max(...ring.map((p) => p.x)),
      maxY: Math.max(...ring.map((p) => p.y)),
    });
  }
  const cellAt = (p: Vec): number | undefined => {
    for (const [cell, box] of cellRings) {
      if (p.x < box.minX || p.x > box.maxX || p.y < box.minY || p.y > box.maxY) continue;
      if (insideRing(p, box.ring))
        return distanceToRing(p, box.ring) >= MIN_POINT_CLEARANCE_M ? cell : undefined;
    }
    return undefined;
  };
  let placed: PlacedPoint[] = [];
  for (const raw of rawPoints) {
    const lonLat = frame.toLonLat(raw.position);
    // Test the rounded position: that is the one written to the file.
    const cell = cellAt(frame.toLocal(lonLat));
    if (cell !== undefined && raw.rural !== isUrban(cell))
      placed.push({ lonLat, cell, households: raw.households, raw });
  }

  // --- Which community stays undivided, and where the school is. -----------------------------------
  const householdsOf = (cells: Iterable<number>): number => {
    const set = new Set(cells);
    return placed.reduce((sum, point) => sum + (set.has(point.cell) ? point.households : 0), 0);
  };
  const urbanIndices = communityCells.map((_, index) => index).filter((index) => kinds[index] === 'urban');
  const byHouseholds = [...urbanIndices].sort(
    (a, b) => householdsOf(communityCells[b]!) - householdsOf(communityCells[a]!) || a - b,
  );
  const undivided = byHouseholds[0]!;
  const schoolCommunity = byHouseholds[1]!;
  const school = chooseSchool(communityCells[schoolCommunity]!, infos, mesh, neighbours);
  placed = placed.filter((point) => !school.has(point.cell));
  const dormitoryCell = Math.min(...school);
  const dormitoryInfo = infos[dormitoryCell] as UrbanCell;
  const dormitoryLonLat = frame.toLonLat(mesh.seedOf(dormitoryCell));
  placed.push({
    lonLat: dormitoryLonLat,
    cell: dormitoryCell,
    households: 36,
    raw: {
      position: mesh.seedOf(dormitoryCell),
      households: 36,
      rural: false,
      address: (community) =>
        `${community}${streetName(dormitoryInfo.row)}${streetNumber(dormitoryInfo.column, true)}号（${DEMO_NAMES.school}教职工宿舍）`,
    },
  });

  // --- Grids. ----------------------------------------------------------------------------------------
  const cellHouseholds = new Map<number, number>();
  for (const point of placed)
    cellHouseholds.set(point.cell, (cellHouseholds.get(point.cell) ?? 0) + point.households);
  const partition = (cells: Iterable<number>, targets: readonly number[]): number[][] =>
    partitionCells({
      cells: [...cells].sort((a, b) => a - b),
      weight: (cell) => cellHouseholds.get(cell) ?? 0,
      position: (cell) => mesh.seedOf(cell),
      adjacent: neighbours,
      targets,
      isValidRegion: (region) => mesh.isSimpleRegion(region),
    });
  /** Regular grids of a community: `special` makes one grid deliberately over or under the target. */
  const urbanTargets = (households: number, special?: number): number[] => {
    if (special === undefined) {
      const count = Math.max(1, Math.round(households / URBAN_GRID_TARGET));
      return Array.from({ length: count }, () => households / count);
    }
    const count = Math.max(1, Math.round((households - special) / URBAN_GRID_TARGET));
    return [special, ...Array.from({ length: count }, () => (households - special) / count)];
  };

  interface GridPlan {
    readonly community: number;
    readonly cells: readonly number[];
    readonly gridType: Grid['gridType'];
  }
  const gridPlans: GridPlan[] = [];
  const dividedUrban = urbanIndices.filter((index) => index !== undivided);
  dividedUrban.forEach((index, order) => {
    const cells = [...communityCells[index]!].filter((cell) => !school.has(cell));
    // One grid clearly over and one clearly under, so a first-time user sees what the colours mean.
    const special = order === 0 ? 640 : order === 1 ? 220 : undefined;
    for (const region of partition(cells, urbanTargets(householdsOf(cells), special))) {
      gridPlans.push({ community: index, cells: region, gridType: 'urban' });
    }
  });
  gridPlans.push({ community: schoolCommunity, cells: [...school], gridType: 'exclusive' });
  const ruralIndices = communityCells.map((_, index) => index).filter((index) => kinds[index] === 'rural');
  const ruralGridCounts = [1, 3, 2, 3];
  [...ruralIndices]
    .sort((a, b) => communityCode[a]!.localeCompare(communityCode[b]!))
    .forEach((index, order) => {
      const count = ruralGridCounts[order] ?? 1;
      const households = householdsOf(communityCells[index]!);
      for (const region of partition(
        communityCells[index]!,
        Array.from({ length: count }, () => households / count),
      )) {
        gridPlans.push({ community: index, cells: region, gridType: 'rural' });
      }
    });

  const grids: Grid[] = [];
  for (let index = 0; index < communityCells.length; index++) {
    const plans = gridPlans
      .filter((plan) => plan.community === index)
      .map((plan) => ({ ...plan, ring: mesh.regionRing(new Set(plan.cells)) }));
    // Regular grids numbered north → south, then west → east; exclusive grids follow them.
    plans.sort(
      (a, b) =>
        Number(a.gridType === 'exclusive') - Number(b.gridType === 'exclusive') ||
        northToSouth(ringCentroid(a.ring), ringCentroid(b.ring)),
    );
    plans.forEach((plan, rank) => {
      const code = communityCode[index]! + String(rank + 1).padStart(3, '0');
      const exclusive = plan.gridType === 'exclusive';
      grids.push({
        layer: 'grid',
        id: `grid-${code}`,
        extra: {},
        code,
        name: exclusive ? `${DEMO_NAMES.school}专属网格` : `${communityName[index]!}第${rank + 1}网格`,
        parentCode: communityCode[index]!,
        gridType: plan.gridType,
        ...(exclusive
          ? { exclusiveCategory: 'school' as const, note: '校园及教职工宿舍，不设户数要求' }
          : {}),
        staff: [fictionalPerson(hashSeed(seed, 5, Number(code.slice(-9))))],
        status: 'draft',
        geometry: { type: 'Polygon', coordinates: [plan.ring] },
      });
    });
  }

  // --- Entities. -------------------------------------------------------------------------------------
  const townshipCode = `${prefix}000`;
  const townshipEntity: Township = {
    layer: 'township',
    id: `township-${townshipCode}`,
    extra: {},
    code: townshipCode,
    name: DEMO_NAMES.township,
    geometry: { type: 'Polygon', coordinates: [mesh.regionRing(township)] },
  };
  const communities: Community[] = communityCells
    .map((_, index): Community => ({
      layer: 'community',
      id: `community-${communityCode[index]!}`,
      extra: {},
      code: communityCode[index]!,
      name: communityName[index]!,
      kind: kinds[index]!,
      geometry: { type: 'Polygon', coordinates: [communityRings[index]!] },
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const ruralAddress = villageAddresses(
    placed.filter((point) => !point.raw.address),
    (point) => communityName[communityOfCell.get(point.cell)!]!,
  );
  const censusOrder = placed
    .map((point) => ({ point, community: communityOfCell.get(point.cell)! }))
    .sort(
      (a, b) =>
        communityCode[a.community]!.localeCompare(communityCode[b.community]!) ||
        northToSouth(a.point.lonLat, b.point.lonLat),
    );
  const census: CensusPoint[] = censusOrder.map(({ point, community }, index) => {
    const persons = new SeededRandom(hashSeed(seed, 6, index)).range(2.2, 3.0);
    return {
      layer: 'census',
      id: `census-${String(index + 1).padStart(5, '0')}`,
      extra: {},
      lon: point.lonLat[0]!,
      lat: point.lonLat[1]!,
      households: point.households,
      population: Math.max(1, Math.round(point.households * persons)),
      address:
        DEMO_NAMES.county +
        DEMO_NAMES.township +
        (point.raw.address?.(communityName[community]!) ?? ruralAddress.get(point)!),
    };
  });
  grids.sort((a, b) => a.code.localeCompare(b.code));

  const entities: Entity[] = [townshipEntity, ...communities, ...grids, ...census];
  return divisionOf(
    {
      name: `自贡市${DEMO_NAMES.county}${DEMO_NAMES.township} 网格划分（示例）`,
      ruleSetId: 'zigong',
    },
    entities,
  );
}

/** The demo as the text of a GeoJSON file, exactly as committed in resources/demo. */
export function generateDemoGeoJson(seed: number = DEMO_SEED): string {
  return featureCollectionText(toGeoJson(generateDemoDivision(seed)));
}

/** Adds to a set of cells every cell it encloses, so that the union has no holes. */
function fillEnclaves(cells: Set<number>, mesh: CellMesh): void {
  const outside = new Set<number>();
  const stack: number[] = [];
  for (let cell = 0; cell < mesh.size; cell++) {
    if (!cells.has(cell) && !mesh.isBounded(cell)) {
      outside.add(cell);
      stack.push(cell);
    }
  }
  // Unbounded cells have no edge list; reach inward from the bounded cells that touch them.
  for (let cell = 0; cell < mesh.size; cell++) {
    if (cells.has(cell) || !mesh.isBounded(cell) || outside.has(cell)) continue;
    if (mesh.neighbours(cell).some((other) => !mesh.isBounded(other))) {
      outside.add(cell);
      stack.push(cell);
    }
  }
  while (stack.length > 0) {
    const cell = stack.pop()!;
    if (!mesh.isBounded(cell)) continue;
    for (const other of mesh.neighbours(cell)) {
      if (!cells.has(other) && !outside.has(other)) {
        outside.add(other);
        stack.push(other);
      }
    }
  }
  for (let cell = 0; cell < mesh.size; cell++) if (!cells.has(cell) && !outside.has(cell)) cells.add(cell);
}

/** Gives a community every township cell it encloses (an enclave of a neighbour would be a hole). */
function absorbEnclaves(
  cells: Set<number>,
  township: ReadonlySet<number>,
  all: readonly Set<number>[],
  mesh: CellMesh,
): void {
  const reached = new Set<number>();
  const stack: number[] = [];
  for (const cell of township) {
    if (cells.has(cell)) continue;
    if (mesh.neighbours(cell).some((other) => !township.has(other))) {
      reached.add(cell);
      stack.push(cell);
    }
  }
  while (stack.length > 0) {
    for (const other of mesh.neighbours(stack.pop()!)) {
      if (township.has(other) && !cells.has(other) && !reached.has(other)) {
        reached.add(other);
        stack.push(other);
      }
    }
  }
  for (const cell of township) {
    if (cells.has(cell) || reached.has(cell)) continue;
    for (const other of all) other.delete(cell);
    cells.add(cell);
  }
}

const streetName = (row: number): string => DEMO_NAMES.streets[modulo(row, DEMO_NAMES.streets.length)]!;
/** Even numbers on the side of a street with higher rows, odd on the other, counted along the street. */
const streetNumber = (column: number, northSide: boolean): number =>
  2 * (floorDiv(column, 2) + 12) + (northSide ? 2 : 1);

/**
 * Apartment buildings along the long sides of each block. Block types set the rhythm of the old town:
 * rows of six-storey walk-ups, a few high-rise compounds, shop-houses, and blocks with no homes at all.
 */
function urbanBuildings(
  seed: number,
  infos: readonly CellInfo[],
  urbanCells: ReadonlySet<number>,
  latticeToLocal: (u: number, v: number) => Vec,
  columnShift: (column: number) => number,
): RawPoint[] {
  const points: RawPoint[] = [];
  for (const cell of [...urbanCells].sort((a, b) => a - b)) {
    const info = infos[cell];
    if (info?.kind !== 'urban') continue;
    const { column, row } = info;
    const block = floorDiv(column, 2);
    const blockRandom = new SeededRandom(hashSeed(seed, 7, block, row));
    const type = blockRandom.weighted<BlockType>([
      ['walkup', 0.45],
      ['highrise', 0.2],
      ['mixed', 0.2],
      ['open', 0.15],
    ]);
    const mixedRowOnNorth = blockRandom.chance(0.5);
    const random = new SeededRandom(hashSeed(seed, 8, column, row));
    const left = column * LATTICE.cellWidth;
    const bottom = row * LATTICE.blockDepth + columnShift(column);
    const top = bottom + LATTICE.blockDepth;
    const rightHalf = modulo(column, 2) === 1;
    const rows: { v: number; north: boolean }[] = [
      { v: bottom + 20, north: true },
      { v: top - 20, north: false },
    ];
    const add = (
      u: number,
      v: number,
      households: number,
      street: number,
      north: boolean,
      building: number,
    ): void => {
      points.push({
        position: latticeToLocal(u + random.range(-3, 3), v + random.range(-3, 3)),
        households,
        rural: false,
        address: (community) =>
          `${community}${streetName(street)}${streetNumber(column, north)}号${building}栋`,
      });
    };
    for (const { v, north } of rows) {
      const street = north ? row : row + 1;
      if (type === 'walkup') {
        [16, 44].forEach((du, k) =>
          add(left + du, v, random.pick([12, 18, 24, 24, 30, 36]), street, north, (rightHalf ? 3 : 1) + k),
        );
      } else if (type === 'highrise') {
        add(left + 30, v + (north ? 4 : -4), 2 * random.int(30, 60), street, north, rightHalf ? 2 : 1);
      } else if (type === 'mixed' && north === mixedRowOnNorth) {
        [16, 44].forEach((du, k) =>
          add(left + du, v, random.int(10, 30), street, north, (rightHalf ? 3 : 1) + k),
        );
      }
    }
  }
  return points;
}

/**
 * Farmhouses: hamlets (院落) of a few houses scattered over the hills, and a small village centre with
 * two rows of houses along a lane near each village's middle. Addresses use the village group (组).
 */
function ruralHouses(
  seed: number,
  random: SeededRandom,
  township: ReadonlySet<number>,
  ruralCells: ReadonlySet<number>,
  villageSources: readonly number[],
  mesh: CellMesh,
): RawPoint[] {
  const houses: RawPoint[] = [];
  const householdsOfHouse = (r: SeededRandom): number =>
    r.weighted([
      [1, 0.35],
      [2, 0.45],
      [3, 0.2],
    ]);
  const centres = villageSources.map((cell) => mesh.seedOf(cell));
  centres.forEach((centre, index) => {
    const r = new SeededRandom(hashSeed(seed, 9, index));
    const angle = r.range(0, Math.PI);
    const along = { x: Math.cos(angle), y: Math.sin(angle) };
    for (let k = -6; k <= 6; k++) {
      for (const side of [-1, 1]) {
        houses.push({
          position: {
            x: centre.x + k * 20 * along.x - side * 12 * along.y + r.range(-2, 2),
            y: centre.y + k * 20 * along.y + side * 12 * along.x + r.range(-2, 2),
          },
          households: householdsOfHouse(r),
          rural: true,
        });
      }
    }
  });

  // Hamlet centres: a Poisson-disc scatter over the rural cells, away from the village centres.
  const ruralSet = new Set([...township].filter((cell) => ruralCells.has(cell)));
  const hamlets: Vec[] = [];
  const reach = TOWNSHIP_RADIUS_M * 1.25;
  for (let attempt = 0; attempt < 40_000; attempt++) {
    const p = { x: random.range(-reach, reach), y: random.range(-reach, reach) };
    if (centres.some((c) => distance(c, p) < 220) || hamlets.some((h) => distance(h, p) < HAMLET_SPACING_M))
      continue;
    // Cheap membership test by nearest seed (a Voronoi cell holds the points nearest its seed).
    let nearest = -1;
    let nearestDistance = Infinity;
    for (let cell = 0; cell < mesh.size; cell++) {
      const d = distance(mesh.seedOf(cell), p);
      if (d < nearestDistance) {
        nearestDistance = d;
        nearest = cell;
      }
    }
    if (ruralSet.has(nearest)) hamlets.push(p);
  }
  for (const centre of hamlets) {
    const size = random.weighted<[number, number]>([
      [[1, 2], 0.2],
      [[3, 6], 0.45],
      [[7, 12], 0.25],
      [[13, 20], 0.1],
    ]);
    const count = random.int(size[0], size[1]);
    const radius = 20 + 7 * Math.sqrt(count);
    const placedHere: Vec[] = [];
    for (let attempt = 0; attempt < count * 40 && placedHere.length < count; attempt++) {
      const angle = random.range(0, 2 * Math.PI);
      const r = radius * Math.sqrt(random.next());
      const p = { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) };
      if (placedHere.some((q) => distance(p, q) < 11)) continue;
      placedHere.push(p);
      houses.push({ position: p, households: householdsOfHouse(random), rural: true });
    }
  }

  return houses;
}

/**
 * Addresses of farmhouses: village, village group (村民小组) and house number. Group centres are picked
 * far apart among each village's houses and numbered north → south; each house joins the nearest.
 */
function villageAddresses(
  points: readonly PlacedPoint[],
  villageOf: (point: PlacedPoint) => string,
): Map<PlacedPoint, string> {
  const byVillage = new Map<string, PlacedPoint[]>();
  for (const point of points) {
    const village = villageOf(point);
    byVillage.set(village, [...(byVillage.get(village) ?? []), point]);
  }
  const addresses = new Map<PlacedPoint, string>();
  for (const [village, list] of byVillage) {
    const at = (point: PlacedPoint): Vec => point.raw.position;
    const groupCount = Math.min(12, Math.max(4, Math.round(list.length / 70)));
    const groupCentres: Vec[] = [at(list[0]!)];
    while (groupCentres.length < groupCount) {
      let best = at(list[0]!);
      let bestScore = -1;
      for (const point of list) {
        const score = Math.min(...groupCentres.map((c) => distance(c, at(point))));
        if (score > bestScore) {
          bestScore = score;
          best = at(point);
        }
      }
      groupCentres.push(best);
    }
    groupCentres.sort((a, b) => b.y - a.y || a.x - b.x);
    const numbers = groupCentres.map(() => 0);
    const ordered = [...list].sort((a, b) => at(b).y - at(a).y || at(a).x - at(b).x);
    for (const point of ordered) {
      let group = 0;
      groupCentres.forEach((c, g) => {
        if (distance(c, at(point)) < distance(groupCentres[group]!, at(point))) group = g;
      });
      addresses.set(point, `${village}${group + 1}组${++numbers[group]!}号`);
    }
  }
  return addresses;
}

/**
 * Picks two blocks (four cells) for the school's exclusive grid: inside the community, not touching its
 * border, leaving the rest in one piece, and as close to the community's middle as possible.
 */
function chooseSchool(
  community: ReadonlySet<number>,
  infos: readonly CellInfo[],
  mesh: CellMesh,
  neighbours: (cell: number) => readonly number[],
): Set<number> {
  const byPlace = new Map<string, number>();
  for (const cell of community) {
    const info = infos[cell];
    if (info?.kind === 'urban') byPlace.set(`${info.column},${info.row}`, cell);
  }
  const cells = [...community];
  const centre = cells.reduce(
    (sum, cell) => ({
      x: sum.x + mesh.seedOf(cell).x / cells.length,
      y: sum.y + mesh.seedOf(cell).y / cells.length,
    }),
    { x: 0, y: 0 },
  );
  let best: Set<number> | undefined;
  let bestDistance = Infinity;
  for (const cell of [...community].sort((a, b) => a - b)) {
    const info = infos[cell];
    if (info?.kind !== 'urban' || modulo(info.column, 2) !== 0) continue;
    const candidate = [
      [info.column, info.row],
      [info.column + 1, info.row],
      [info.column, info.row + 1],
      [info.column + 1, info.row + 1],
    ].map(([c, r]) => byPlace.get(`${c},${r}`));
    if (candidate.some((c) => c === undefined)) continue;
    const school = new Set(candidate as number[]);
    if ([...school].some((c) => mesh.neighbours(c).some((other) => !community.has(other)))) continue;
    const rest = new Set([...community].filter((c) => !school.has(c)));
    if (!mesh.isSimpleRegion(school) || !connected(rest, neighbours)) continue;
    const middle = [...school].reduce(
      (sum, c) => ({ x: sum.x + mesh.seedOf(c).x / 4, y: sum.y + mesh.seedOf(c).y / 4 }),
      { x: 0, y: 0 },
    );
    const d = distance(middle, centre);
    if (d < bestDistance) {
      bestDistance = d;
      best = school;
    }
  }
  if (!best) throw new Error('no place for the school in the community');
  return best;
}

function connected(cells: ReadonlySet<number>, neighbours: (cell: number) => readonly number[]): boolean {
  const first = cells.values().next();
  if (first.done) return false;
  const seen = new Set([first.value]);
  const stack = [first.value];
  while (stack.length > 0) {
    for (const other of neighbours(stack.pop()!)) {
      if (cells.has(other) && !seen.has(other)) {
        seen.add(other);
        stack.push(other);
      }
    }
  }
  return seen.size === cells.size;
}
