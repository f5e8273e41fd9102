import type { Position } from 'geojson';
import type { AreaGeometry, LocalText, Problem, ReferenceLayer, Result } from '../model';
import { fail, ok, targetStatus, text } from '../model';
import { preparePolygon } from '../geometry/prepared-polygon';
import { polsbyPopper } from '../geometry/polsby-popper';
import { asAreaGeometry } from '../geometry/trace-existing';
import type { AtomGraph } from './atom-graph';
import { buildAtoms, regionOverlay } from './build-atoms';
import type { AtomInput, Atoms } from './build-atoms';
import { bandText, feasibleRange, suggestedCountOfUnits } from './divide-band';
import type { DivideBand } from './divide-band';
import { guideLinesNear } from './guide-lines';
import { bandViolation, edgeCost, partitionAtoms } from './partition-atoms';
import type { RegionCensus } from './region-census';
import { unitWeights } from './region-census';

/** One part of a divided region. */
export interface RegionPart {
  readonly geometry: AreaGeometry;
  readonly households: number;
  readonly population: number;
  readonly compactness: number;
  readonly inBand: boolean;
  /** Why the part is outside the band (null when inside). */
  readonly reason: LocalText | null;
  /** Overlay faces of the part (see {@link DividedRegion.atoms}). */
  readonly faces: ReadonlySet<number>;
}

/** A divided region. */
export interface DividedRegion {
  readonly parts: readonly RegionPart[];
  readonly households: number;
  readonly population: number;
  /** Share of internal boundary length on guide lines, when there were guide lines. */
  readonly streetShare?: number;
  readonly feasible: { readonly min: number; readonly max: number } | null;
  readonly atoms: Atoms;
}

/** What {@link divideRegion} divides. */
export interface RegionJob {
  readonly areas: readonly AreaGeometry[];
  readonly kept: readonly AreaGeometry[];
  readonly census: RegionCensus;
  readonly band: DivideBand | null;
  readonly guides: readonly ReferenceLayer[];
  /** Number of parts; absent: the suggested count. */
  readonly count?: number;
  readonly random: () => number;
  readonly shouldCancel?: () => boolean;
  /** Progress of this region, 0..1. */
  readonly onProgress?: (fraction: number) => void;
  /** Refuse (kind `not-adjacent`) when the region is not one connected piece (rebalancing). */
  readonly requireConnected?: boolean;
}

export const CANCELLED_KIND = 'cancelled';

/** Independent partitions tried per region (the best is kept). */
const ATTEMPTS = 3;

/** Total band violation and total boundary cost of a partition (lower is better, in that order). */
function partitionKey(
  graph: AtomGraph,
  parts: readonly (readonly number[])[],
  weights: Float64Array,
  min: number,
  max: number,
): [number, number] {
  const partOf = new Int32Array(graph.size).fill(-1);
  let violation = 0;
  parts.forEach((part, p) => {
    let weight = 0;
    for (const atom of part) {
      partOf[atom] = p;
      weight += weights[atom]!;
    }
    violation += bandViolation(weight, min, max);
  });
  let cost = 0;
  for (let e = 0; e < graph.edgeA.length; e++)
    if (partOf[graph.edgeA[e]!] !== partOf[graph.edgeB[e]!]) cost += edgeCost(graph, e);
  return [violation, cost];
}

/** The failure returned when the planner cancels. */
export function cancelled<T>(): Result<T> {
  return fail({
    kind: CANCELLED_KIND,
    message: text('已取消自动划分。', 'Automatic division was cancelled.'),
  });
}

function components(graph: AtomGraph): number[][] {
  const seen = new Uint8Array(graph.size);
  const found: number[][] = [];
  for (let start = 0; start < graph.size; start++) {
    if (seen[start]) continue;
    const members: number[] = [];
    const walk = [start];
    seen[start] = 1;
    while (walk.length > 0) {
      const v = walk.pop()!;
      members.push(v);
      for (const u of graph.neighbours[v]!) {
        if (!seen[u]) {
          seen[u] = 1;
          walk.push(u);
        }
      }
    }
    found.push(members.sort((a, b) => a - b));
  }
  return found;
}

/** Splits `k` over components by weight (largest remainder); components too light for a part get none. */
function shareCount(weights: readonly number[], k: number, min: number): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const counts = weights.map(() => 0);
  if (weights.length === 0) return counts;
  if (total <= 0) {
    counts[0] = k;
    return counts;
  }
  const eligible = weights.map((w) => w > 0 && w >= min / 2);
  if (!eligible.some(Boolean)) eligible[weights.indexOf(Math.max(...weights))] = true;
  const eligibleTotal = weights.reduce((sum, w, i) => sum + (eligible[i] ? w : 0), 0);
  const exact = weights.map((w, i) => (eligible[i] ? (w / eligibleTotal) * k : 0));
  exact.forEach((value, i) => (counts[i] = eligible[i] ? Math.max(1, Math.floor(value)) : 0));
  let given = counts.reduce((sum, c) => sum + c, 0);
  const byRemainder = exact
    .map((value, i) => ({ i, remainder: value - Math.floor(value) }))
    .filter(({ i }) => eligible[i])
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let j = 0; given < k && byRemainder.length > 0; j = (j + 1) % byRemainder.length) {
    counts[byRemainder[j]!.i]!++;
    given++;
  }
  while (given > k) {
    const i = counts.indexOf(Math.max(...counts));
    if (counts[i]! <= 1) break;
    counts[i]!--;
    given--;
  }
  return counts;
}

function measureOf(band: DivideBand | null): 'households' | 'population' {
  return band?.measure ?? 'households';
}

function withinBand(band: DivideBand | null, households: number, population: number): boolean {
  if (!band) return true;
  if (band.measure === 'households') return targetStatus(band.target, { households, population }) === 'ok';
  return population >= band.min && population <= band.max;
}

/**
 * Divides one region (a community's undivided remainder, or the union of grids to rebalance) into parts:
 * atoms from one planar overlay (see {@link buildAtoms}), partitioned by {@link partitionAtoms}, each part
 * traced from the same overlay so neighbouring parts share their edges bit for bit.
 */
export function divideRegion(job: RegionJob): Result<DividedRegion> {
  const { census, band } = job;
  const measure = measureOf(band);
  const total = measure === 'households' ? census.households : census.population;
  const k = Math.max(
    1,
    job.count ?? suggestedCountOfUnits(total, band, unitWeights(census, measure), Math.max(1, census.units)),
  );
  // Pieces small enough to balance with: a fraction of the band's width, at most half its minimum.
  let leafWeight = Infinity;
  if (band && band.max !== Infinity) {
    const width = band.max - Math.max(band.min, 0);
    leafWeight = Math.max(
      1,
      Math.min(width > 0 ? width / 2 : band.max / 4, band.min > 0 ? band.min / 2 : band.max / 3),
    );
  } else if (k > 1) leafWeight = Math.max(1, total / (4 * k));
  // A count asked for needs pieces small enough for it: with pieces of half the band's width, asking a
  // region of 4,077 households for 40 grids made 35, and for 200 made 64.
  if (job.count !== undefined && k > 1) leafWeight = Math.min(leafWeight, Math.max(1, total / (4 * k)));
  const lines = guideLinesOf(job);
  // Built once: the retries below change only how finely street blocks are cut, not this overlay.
  const base = regionOverlay({ areas: job.areas, kept: job.kept, census, lines, measure });
  if (!base.ok) return denseOr(base);
  // Partitioning grows faster than the faces (40,000 faces took 12 s and 400 MB, 100,000 over four minutes
  // and 2 GB): guides that dense are not streets (contours, parcel lines, a hostile file).
  if (base.value.faceCount > MAX_REGION_FACES) return fail(tooDense(base.value.faceCount));
  const atomsAt = (weight: number): AtomInput => ({
    areas: job.areas,
    kept: job.kept,
    census,
    lines,
    leafWeight: weight,
    measure,
    base: base.value,
  });
  let best = divideRegionInAtoms(job, k, atomsAt(leafWeight));
  // Atoms as heavy as half the band can leave no way to share a region whose average part is near a
  // bound (7 parts of 20–40 from 157 households): then, and only when the total and the heaviest
  // building or compound allow every part in the band, finer atoms are tried.
  const largest = measure === 'households' ? census.largestUnitHouseholds : census.largestUnitPopulation;
  const couldFit = band !== null && total >= k * band.min && total <= k * band.max && largest <= band.max;
  for (let finer = 0; couldFit && finer < FINER_ATOM_RETRIES && leafWeight > 1; finer++) {
    if (!best.ok || best.value.parts.every((part) => part.inBand)) break;
    leafWeight = Math.max(1, leafWeight / 3);
    const { onProgress: _progressDone, ...quiet } = job;
    const retried = divideRegionInAtoms(quiet, k, atomsAt(leafWeight));
    if (!retried.ok) {
      // Finer pieces add cuts between buildings that can take the overlay past its limit: the division
      // made with coarser pieces stands (it was thrown away, and the refusal blamed the guides). A
      // cancel is still a cancel.
      if (retried.problems[0]?.kind === CANCELLED_KIND) return retried;
      break;
    }
    if (inBandCount(retried.value) > inBandCount(best.value)) best = retried;
  }
  return best;
}

/**
 * The most faces the guides may cut a region into. Streets, rivers and compounds make tens to hundreds
 * (the benchmark townships: at most 68 per community); 20,000 takes a few seconds.
 */
export const MAX_REGION_FACES = 20_000;

/** The refusal of guides too dense to divide along (`faces`: how many pieces they cut, when counted). */
function tooDense(faces?: number): Problem {
  const zh = faces === undefined ? '' : `（${faces} 块，上限 ${MAX_REGION_FACES}）`;
  const en = faces === undefined ? '' : ` (${faces} pieces, at most ${MAX_REGION_FACES})`;
  return {
    kind: 'too-complex',
    message: text(
      `参考图层把待划分区域切得太碎${zh}，线太密，无法在合理时间内划分：请只用道路、河流、铁路和小区作参考图层（不要用等高线、地块界线等）。`,
      `The guide layers cut the area to divide into too many pieces${en}: too dense to divide in reasonable time. Use only roads, rivers, railways and compounds as guides (not contours or parcel lines).`,
    ),
  };
}

/** The refusal of a region with more separate buildings than one division can cut between. */
function tooManyBuildings(units: number): Problem {
  return {
    kind: 'too-complex',
    message: text(
      `待划分区域的楼栋/人口点太多（${units} 处），无法一次划分：请先把这个社区/行政村分成几部分（例如沿主干道拆分后分别划分），或用较宽的户数范围。`,
      `The area to divide has too many separate buildings or census points (${units}) to divide at once: split the community into parts first (along main roads, say) and divide each, or use a wider household band.`,
    ),
  };
}

/** A failure of the overlay, with the refusal of dense guides where the overlay had too many segments. */
function denseOr<T>(failed: Result<T> & { ok: false }): Result<never> {
  return failed.problems[0]?.kind === 'too-many-segments' ? fail(tooDense()) : failed;
}

/** Retries with finer atoms when a part is out of the band (each a third of the last leaf weight). */
const FINER_ATOM_RETRIES = 2;

function inBandCount(region: DividedRegion): number {
  return region.parts.filter((part) => part.inBand).length;
}

/** Guide lines (roads, rivers…) near the region's areas. */
function guideLinesOf(job: RegionJob): readonly (readonly Position[])[] {
  const box = preparePolygon(
    asAreaGeometry(
      job.areas.flatMap((area) =>
        area.type === 'Polygon'
          ? [area]
          : area.coordinates.map((coordinates) => ({ type: 'Polygon' as const, coordinates })),
      ),
    ),
  );
  return box.empty ? [] : guideLinesNear(job.guides, box);
}

function divideRegionInAtoms(job: RegionJob, k: number, input: AtomInput): Result<DividedRegion> {
  const { census, band } = job;
  const measure = measureOf(band);
  const total = measure === 'households' ? census.households : census.population;
  const built = buildAtoms(input);
  // The overlay of the guides alone was built (divideRegion); what passes its limit here are the cuts
  // made between buildings, so it is the number of buildings, not the guides, that is too large.
  if (!built.ok)
    return built.problems[0]?.kind === 'too-many-segments' ? fail(tooManyBuildings(census.units)) : built;
  const atoms = built.value;
  const { graph, overlay } = atoms;
  job.onProgress?.(0.3);
  if (job.shouldCancel?.()) return cancelled();

  const weights = measure === 'households' ? graph.households : graph.population;
  const comps = components(graph);
  if (job.requireConnected && comps.length > 1)
    return fail({
      kind: 'not-adjacent',
      message: text(
        '所选网格不相邻（或不连成一片）：只能平衡共享边界的相邻网格。',
        'The selected grids are not adjacent (not one connected area): only neighbouring grids that share edges can be rebalanced.',
      ),
    });
  const compWeights = comps.map((members) => members.reduce((sum, a) => sum + weights[a]!, 0));
  const counts = shareCount(compWeights, k, band?.min ?? 0);
  // Parts are balanced against the band when their mean can be in it. Without a band (a village that
  // "is one or several grids"), or when the count makes the mean miss the band (a count asked for), they
  // are balanced around their mean (±20 %) instead of left to fall as they may (367, 273 and 92
  // households for three; 32 to 288 for twenty grids averaging 204): the nearest division. They are
  // still judged against the band itself.
  const bandLimits = band ? { min: Math.max(0, band.min), max: band.max } : { min: 0, max: Infinity };
  const limits = (c: number): { min: number; max: number } => {
    const mean = counts[c]! > 0 ? compWeights[c]! / counts[c]! : 0;
    if (counts[c]! < 2 || (band && mean >= band.min && mean <= band.max)) return bandLimits;
    return { min: 0.8 * mean, max: 1.2 * mean };
  };
  let steps = 0;
  const parts: number[][] = [];
  const partOfAtom = new Int32Array(graph.size).fill(-1);
  for (let c = 0; c < comps.length; c++) {
    if (counts[c] === 0) continue;
    // A few independent partitions; the one nearest the band, then with the cheapest boundaries, wins.
    let result: number[][] | null = null;
    let bestKey: [number, number] = [Infinity, Infinity];
    const { min, max } = limits(c);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const tried = partitionAtoms(graph, comps[c]!, {
        k: counts[c]!,
        weights,
        min,
        max,
        random: job.random,
        ...(job.shouldCancel ? { shouldCancel: job.shouldCancel } : {}),
        onStep: () => job.onProgress?.(0.3 + (0.6 * ++steps) / Math.max(k * ATTEMPTS, 1)),
      });
      if (!tried) return cancelled();
      const key = partitionKey(graph, tried, weights, min, max);
      if (key[0] < bestKey[0] - 1e-9 || (Math.abs(key[0] - bestKey[0]) <= 1e-9 && key[1] < bestKey[1])) {
        bestKey = key;
        result = tried;
      }
    }
    if (!result) return cancelled();
    for (const part of result) {
      for (const atom of part) partOfAtom[atom] = parts.length;
      parts.push(part);
    }
  }
  // A piece cut off from the rest (by an exclusive or locked grid, or an island of the community) too
  // light for a grid of its own is still one: joined to another grid it would make a grid of two pieces,
  // which the validator refuses. Its grid is under the band, with the reason (see detachedReason).
  const detached = new Set<number>();
  comps.forEach((members, c) => {
    if (counts[c] !== 0) return;
    for (const atom of members) partOfAtom[atom] = parts.length;
    detached.add(parts.length);
    parts.push([...members]);
  });

  // Street share: internal boundary (between different parts) on guide lines.
  let internal = 0;
  let onStreets = 0;
  for (let e = 0; e < graph.edgeA.length; e++) {
    if (partOfAtom[graph.edgeA[e]!] === partOfAtom[graph.edgeB[e]!]) continue;
    internal += graph.edgeLengthM[e]!;
    onStreets += graph.edgeStreetM[e]!;
  }
  const result: RegionPart[] = parts.map((part, index) => {
    const faces = new Set<number>();
    let households = 0;
    let population = 0;
    for (const atom of part) {
      for (const face of atoms.facesOfAtom[atom]!) faces.add(face);
      households += graph.households[atom]!;
      population += graph.population[atom]!;
    }
    const geometry = asAreaGeometry(overlay.polygonsOf(faces));
    const inBand = withinBand(band, households, population);
    return {
      geometry,
      households,
      population,
      compactness: polsbyPopper(geometry),
      inBand,
      faces,
      reason:
        inBand || !band
          ? null
          : detached.has(index) && parts.length > 1
            ? detachedReason(band, households, population)
            : outOfBandReason(band, part, atoms, census, households, population, total, parts.length),
    };
  });
  job.onProgress?.(1);
  return ok({
    parts: result,
    households: census.households,
    population: census.population,
    ...(input.lines.length > 0 ? { streetShare: internal > 0 ? onStreets / internal : 1 } : {}),
    feasible: band ? feasibleRange(total, band) : null,
    atoms,
  });
}

/** Why a grid made of a piece cut off from the rest of the region is under the band. */
function detachedReason(band: DivideBand, households: number, population: number): LocalText {
  const [amount, unitZh, unitEn] =
    band.measure === 'households' ? [households, '户', 'households'] : [population, '人', 'people'];
  const range = bandText(band);
  return text(
    `这片区域与社区其余部分不相连（被其他网格或社区边界隔开），只有 ${amount} ${unitZh}，低于 ${range.zh}，单独划为一个网格；请填写情况说明，或与相邻网格手工合并。`,
    `This piece is cut off from the rest of the community (by other grids or the community's boundary) and has ${amount} ${unitEn}, under ${range.en}, so it is a grid of its own. Write a justification, or merge it with a neighbouring grid by hand.`,
  );
}

function outOfBandReason(
  band: DivideBand,
  part: readonly number[],
  atoms: Atoms,
  census: RegionCensus,
  households: number,
  population: number,
  total: number,
  count: number,
): LocalText {
  const amount = band.measure === 'households' ? households : population;
  const unitZh = band.measure === 'households' ? '户' : '人';
  const unitEn = band.measure === 'households' ? 'households' : 'people';
  const range = bandText(band);
  // The heaviest unit that may not be cut, when it alone is over the band.
  let heaviest = -1;
  let heaviestWeight = 0;
  for (const atom of part) {
    for (const u of atoms.unitsOfAtom[atom]!) {
      const unit = census.unitList[u]!;
      const w = band.measure === 'households' ? unit.households : unit.population;
      if (w > heaviestWeight) {
        heaviestWeight = w;
        heaviest = u;
      }
    }
  }
  if (amount > band.max && heaviest >= 0 && heaviestWeight > band.max) {
    const unit = census.unitList[heaviest]!;
    const names = unit.polygons.map((p) => census.polygons[p]!.name).filter((name) => name !== '');
    if (unit.polygons.length > 0) {
      const name = names[0] ?? '';
      return text(
        `一个小区${name ? `（${name}）` : ''}有 ${heaviestWeight} ${unitZh}，不能拆分，超出 ${range.zh}；请填写情况说明。`,
        `One compound${name ? ` (${name})` : ''} of ${heaviestWeight} ${unitEn} cannot be cut; it is over ${range.en}. Write a justification.`,
      );
    }
    const address = census.points[unit.points[0]!]!.address ?? '';
    return text(
      `一栋楼${address ? `（${address}）` : ''}有 ${heaviestWeight} ${unitZh}，同一楼栋不能分开，超出 ${range.zh}；请填写情况说明。`,
      `One building${address ? ` (${address})` : ''} of ${heaviestWeight} ${unitEn} cannot be separated; it is over ${range.en}. Write a justification.`,
    );
  }
  if (amount < band.min && total < band.min) {
    return text(
      `待划分区域共 ${total} ${unitZh}，少于 ${range.zh} 的下限，只能划为一个网格；请填写情况说明。`,
      `The area to divide has ${total} ${unitEn} in all, under ${range.en}, so it is one grid. Write a justification.`,
    );
  }
  const side = amount > band.max ? { zh: '超出', en: 'over' } : { zh: '低于', en: 'under' };
  // The count itself, not the streets: on average the grids cannot be within the band.
  if (amount > band.max ? total > count * band.max : total < count * band.min) {
    const mean = Math.round(total / count);
    const fits = feasibleRange(total, band);
    if (!fits) {
      // No count fits (520 households: one grid is over 500, two are under 300 each): more or fewer
      // grids would not help, the area itself would have to change.
      const fewer = Math.max(1, Math.floor(total / band.max));
      return text(
        `待划分区域共 ${total} ${unitZh}，分成任何个数的网格都不能都在 ${range.zh} 内（${fewer} 个网格超出上限，${fewer + 1} 个网格低于下限）：请与相邻社区/行政村调整边界，或填写情况说明。`,
        `The area to divide has ${total} ${unitEn} in all, and no number of grids puts every grid within ${range.en} (${fewer} ${fewer === 1 ? 'grid is' : 'grids are'} over it, ${fewer + 1} under it): adjust the border with a neighbouring community, or write a justification.`,
      );
    }
    const span = fits.min === fits.max ? `${fits.min}` : `${fits.min}–${fits.max}`;
    return text(
      `待划分区域共 ${total} ${unitZh}，分成 ${count} 个网格平均 ${mean} ${unitZh}，${side.zh} ${range.zh}：网格个数不合适，宜分成 ${span} 个网格；或填写情况说明。`,
      `The area to divide has ${total} ${unitEn} in all: ${count} grids average ${mean}, ${side.en} ${range.en}, so the number of grids does not fit: ${span} grids would. Or write a justification.`,
    );
  }
  return text(
    `本网格 ${amount} ${unitZh}，${side.zh} ${range.zh}：此处的街道、小区和楼栋无法在范围内划分；请调整或填写情况说明。`,
    `This grid has ${amount} ${unitEn}, ${side.en} ${range.en}: the streets, compounds and buildings here cannot be divided within it. Adjust it or write a justification.`,
  );
}
