import type { Vec } from './triangulate';

/** What {@link partitionCells} needs to know about the cells it groups. */
export interface PartitionInput {
  /** The cells to group; they must form one connected piece. */
  readonly cells: readonly number[];
  /** Households (or any additive weight) of a cell. */
  readonly weight: (cell: number) => number;
  readonly position: (cell: number) => Vec;
  /** Cells sharing a boundary long enough to count as adjacent. */
  readonly adjacent: (cell: number) => readonly number[];
  /** Target weight of each region; as many regions as targets. */
  readonly targets: readonly number[];
  /** Whether a set of cells is an acceptable region (one piece, no holes). */
  readonly isValidRegion: (cells: ReadonlySet<number>) => boolean;
}

/** Relative deviation from the target that costs nothing: inside it, shape decides. */
const BALANCE_BAND = 0.1;
/** Weight of compactness against balance in the local search. */
const COMPACTNESS = 0.6;

const distance = (a: Vec, b: Vec): number => Math.hypot(a.x - b.x, a.y - b.y);

function isConnected(cells: ReadonlySet<number>, adjacent: (cell: number) => readonly number[]): boolean {
  const first = cells.values().next();
  if (first.done) return false;
  const seen = new Set([first.value]);
  const stack = [first.value];
  while (stack.length > 0) {
    for (const next of adjacent(stack.pop()!)) {
      if (cells.has(next) && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen.size === cells.size;
}

/**
 * Groups connected cells into regions close to target weights, the way a planner draws grids: compact,
 * one piece each, no holes. First a weighted multi-source shortest-path assignment (a discrete power
 * diagram) whose source weights and positions are adjusted until the regions balance; then single-cell
 * moves across region borders trade the remaining imbalance against compactness until none helps.
 * Deterministic: every tie breaks on cell or region order.
 */
export function partitionCells(input: PartitionInput): number[][] {
  const { cells, weight, position, targets, isValidRegion } = input;
  const count = targets.length;
  const inside = new Set(cells);
  const adjacentLists = new Map(
    cells.map((cell) => [cell, input.adjacent(cell).filter((other) => inside.has(other))]),
  );
  const adjacent = (cell: number): readonly number[] => adjacentLists.get(cell) ?? [];
  if (!isConnected(inside, adjacent)) throw new Error('cells to partition are not connected');
  if (count === 1) return [[...cells]];

  // Typical spacing of neighbouring cells: the unit of the source weights and of compactness.
  let spacingSum = 0;
  let spacingCount = 0;
  for (const cell of cells) {
    for (const other of adjacent(cell)) {
      spacingSum += distance(position(cell), position(other));
      spacingCount++;
    }
  }
  const spacing = spacingSum / Math.max(1, spacingCount);

  // Far-apart sources: the cell farthest from the centre, then repeatedly the one farthest from all chosen.
  const centre = cells.reduce(
    (sum, cell) => ({
      x: sum.x + position(cell).x / cells.length,
      y: sum.y + position(cell).y / cells.length,
    }),
    { x: 0, y: 0 },
  );
  const sources: number[] = [];
  while (sources.length < count) {
    let best = -1;
    let bestScore = -Infinity;
    for (const cell of cells) {
      if (sources.includes(cell)) continue;
      const score =
        sources.length === 0
          ? distance(position(cell), centre)
          : Math.min(...sources.map((s) => distance(position(cell), position(s))));
      if (score > bestScore) {
        bestScore = score;
        best = cell;
      }
    }
    sources.push(best);
  }

  const assign = (bias: readonly number[]): Map<number, number> => {
    const owner = new Map<number, number>();
    const best = new Map<number, number>();
    const queue = sources.map((cell, region) => ({ cell, region, cost: bias[region]! }));
    while (queue.length > 0) {
      let index = 0;
      for (let i = 1; i < queue.length; i++) {
        const q = queue[i]!;
        const m = queue[index]!;
        if (
          q.cost < m.cost ||
          (q.cost === m.cost && (q.region < m.region || (q.region === m.region && q.cell < m.cell)))
        )
          index = i;
      }
      const { cell, region, cost } = queue.splice(index, 1)[0]!;
      if (owner.has(cell)) continue;
      owner.set(cell, region);
      for (const next of adjacent(cell)) {
        const nextCost = cost + distance(position(cell), position(next));
        if (!owner.has(next) && nextCost < (best.get(next) ?? Infinity)) {
          best.set(next, nextCost);
          queue.push({ cell: next, region, cost: nextCost });
        }
      }
    }
    return owner;
  };
  const membersOf = (owner: ReadonlyMap<number, number>): Set<number>[] => {
    const members = targets.map(() => new Set<number>());
    for (const cell of cells) members[owner.get(cell)!]!.add(cell);
    return members;
  };
  const totalOf = (region: ReadonlySet<number>): number =>
    [...region].reduce((sum, cell) => sum + weight(cell), 0);
  const balanceCost = (total: number, target: number): number => {
    const excess = Math.max(0, Math.abs(total - target) / target - BALANCE_BAND);
    return 25 * excess * excess;
  };
  // Second moment about the centroid over (cells × spacing)²: about 0.16 for a round region, growing
  // with the length of a snake-like one, whatever the region's size.
  const shapeCost = (region: ReadonlySet<number>): number => {
    if (region.size === 0) return Infinity;
    let x = 0;
    let y = 0;
    for (const cell of region) {
      x += position(cell).x / region.size;
      y += position(cell).y / region.size;
    }
    let sum = 0;
    for (const cell of region) sum += distance(position(cell), { x, y }) ** 2;
    return sum / (region.size * region.size * spacing * spacing);
  };

  // Phase 1: balance the power diagram.
  const bias = targets.map(() => 0);
  let bestOwner: Map<number, number> | undefined;
  let bestScore = Infinity;
  for (let round = 0; round < 80; round++) {
    const owner = assign(bias);
    const members = membersOf(owner);
    const totals = members.map(totalOf);
    const valid = members.every((region) => region.size > 0 && isValidRegion(region));
    const score =
      totals.reduce((sum, total, r) => sum + balanceCost(total, targets[r]!), 0) +
      COMPACTNESS * members.reduce((sum, region) => sum + shapeCost(region), 0);
    if (valid && score < bestScore) {
      bestScore = score;
      bestOwner = owner;
    }
    const step = spacing * 0.8 * 0.97 ** round;
    members.forEach((region, r) => {
      bias[r]! += step * Math.max(-1, Math.min(1, (totals[r]! - targets[r]!) / targets[r]!));
      if (region.size === 0) return;
      // Move the source to the region's household-weighted middle, so regions stay round.
      let x = 0;
      let y = 0;
      let w = 0;
      for (const cell of region) {
        const cellWeight = weight(cell) + 1;
        x += position(cell).x * cellWeight;
        y += position(cell).y * cellWeight;
        w += cellWeight;
      }
      let nearest = sources[r]!;
      for (const cell of [...region].sort((a, b) => a - b)) {
        if (
          distance(position(cell), { x: x / w, y: y / w }) <
          distance(position(nearest), { x: x / w, y: y / w })
        )
          nearest = cell;
      }
      sources[r] = nearest;
    });
    const low = Math.min(...bias);
    bias.forEach((_, r) => (bias[r]! -= low));
  }
  if (!bestOwner) throw new Error('no valid partition found');

  // Phase 2: single-cell moves across borders.
  const regionOf = new Map(bestOwner);
  const members = membersOf(regionOf);
  const totals = members.map(totalOf);
  const regionCost = (r: number): number =>
    balanceCost(totals[r]!, targets[r]!) + COMPACTNESS * shapeCost(members[r]!);
  for (let pass = 0; pass < 60; pass++) {
    let improved = false;
    for (const cell of cells) {
      const from = regionOf.get(cell)!;
      if (members[from]!.size === 1) continue;
      const destinations = [...new Set(adjacent(cell).map((other) => regionOf.get(other)!))]
        .filter((r) => r !== from)
        .sort((a, b) => a - b);
      for (const to of destinations) {
        const w = weight(cell);
        const before = regionCost(from) + regionCost(to);
        members[from]!.delete(cell);
        members[to]!.add(cell);
        totals[from]! -= w;
        totals[to]! += w;
        const after = regionCost(from) + regionCost(to);
        if (
          after < before - 1e-9 &&
          isConnected(members[from]!, adjacent) &&
          isValidRegion(members[from]!) &&
          isValidRegion(members[to]!)
        ) {
          regionOf.set(cell, to);
          improved = true;
          break;
        }
        members[to]!.delete(cell);
        members[from]!.add(cell);
        totals[from]! += w;
        totals[to]! -= w;
      }
    }
    if (!improved) break;
  }
  return members.map((region) => [...region].sort((a, b) => a - b));
}
