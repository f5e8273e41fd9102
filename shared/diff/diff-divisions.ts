import type { Position } from 'geojson';
import type { AreaGeometry, Division, Grid, LineageRecord, MicroGrid } from '../model';
import { BoxIndex } from '../geometry/box-index';
import type { Box } from '../geometry/box-index';
import { countCensus } from '../geometry/count-census';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import { polygonsOf } from '../geometry/lattice';
import { compareAreas } from './area-overlay';
import { changedFields } from './changed-fields';
import type {
  DiffChange,
  DiffKind,
  DiffMatch,
  DiffOptions,
  DiffSummary,
  DivisionDiff,
} from './division-diff';
import { lineageSince } from './lineage-since';

type Area = Grid | MicroGrid;

/** One grid on one side, under a key unique on that side (codes may be duplicated in a bad file). */
interface Node {
  readonly key: string;
  readonly side: 'old' | 'new';
  readonly area: Area;
  readonly households: number;
}

/** Union-find over node keys. */
class Groups {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let at = key;
    while (at !== root) {
      const next = this.parent.get(at) ?? root;
      this.parent.set(at, root);
      at = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

const byId = (a: Area, b: Area): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Nodes of one side keyed by code; a code held twice (a bad file) gets `code#2`, `code#3` … A grid
 * takes the key `keyOf` gives it when that key is its code's and still free (the key the same entity,
 * by id, has on the other side), so duplicates that stay pair with themselves; the others take the first
 * free key of their code in id order, grids `first` says go first before the rest.
 */
function nodesOf(
  areas: Iterable<Area>,
  side: 'old' | 'new',
  households: ReadonlyMap<string, { households: number }>,
  order: { readonly keyOf?: (area: Area) => string | undefined; readonly first?: (area: Area) => boolean },
): Map<string, Node> {
  const sorted = [...areas].sort(byId);
  const nodes = new Map<string, Node>();
  const place = (area: Area, key: string): void => {
    nodes.set(key, { key, side, area, households: households.get(area.id)?.households ?? 0 });
  };
  const placed = new Set<Area>();
  for (const area of sorted) {
    const key = order.keyOf?.(area);
    if (key === undefined || nodes.has(key) || (key !== area.code && !key.startsWith(`${area.code}#`)))
      continue;
    place(area, key);
    placed.add(area);
  }
  const first = order.first ?? (() => false);
  const rest = sorted.filter((area) => !placed.has(area));
  for (const area of [...rest.filter(first), ...rest.filter((area) => !first(area))]) {
    let key = area.code;
    for (let n = 2; nodes.has(key); n++) key = `${area.code}#${n}`;
    place(area, key);
  }
  return nodes;
}

function boxOf(geometry: AreaGeometry): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const position of polygon[0] ?? ([] as Position[])) {
      const [x = NaN, y = NaN] = position;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { minX, minY, maxX, maxY };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

const KIND_ORDER: readonly DiffKind[] = ['split', 'merge', 'added', 'removed', 'geometry', 'attributes'];

/**
 * The changes from `before` to `after` (../shared/spec/interchange.md, `gridplan diff`), for grids and
 * then micro-grids (`layer`). Pairing, in this order:
 *
 * 1. **Lineage.** Records of `after`'s lineage that `before` lacks (see {@link lineageSince}) link a
 *    split's parts to the split grid and a merge's result to the merged grids; each linked group becomes
 *    one `split` (one old grid, several new) or `merge` (several old, one new). Codes that lineage says
 *    were created, carved (or carved from), filled or deleted are `added`/`removed` (or, when kept, compared
 *    by code) and are never paired by overlap.
 * 2. **Code.** Other codes present on both sides are the same grid: `geometry` when the symmetric
 *    difference is at least `minAreaM2`, `attributes` when only properties differ, nothing otherwise.
 * 3. **Overlap.** Codes that disappeared or appeared without lineage are paired with grids of the other
 *    side they overlap by at least `minAreaM2` and `minOverlapShare` of the smaller one; groups connected
 *    this way (a kept code included) are a `split` or `merge` as above; a pair of one old and one new code
 *    is the same grid renumbered (`fields` has `code`). A group of several old and several new grids (a
 *    redrawn boundary between renumbered grids) is a `split` when it has more new grids than old, else a
 *    `merge`. What stays unpaired is `removed` or `added`.
 *
 * Households are counted from each side's own census points. Pure; cost grows with the grids that
 * changed (unchanged geometry is compared by its coordinates, without an overlay).
 */
export function diffDivisions(before: Division, after: Division, options: DiffOptions = {}): DivisionDiff {
  const minAreaM2 = options.minAreaM2 ?? 1;
  const minShare = options.minOverlapShare ?? 0.1;
  const countsBefore = countCensus(before);
  const countsAfter = countCensus(after);
  const records = lineageSince(before, after);
  // Of a duplicated code, the old grids still holding it (by id) in `after` take the first keys, and
  // each new grid takes the key the same old grid took: duplicates pair by id, never with another grid.
  const stillHolds =
    (later: ReadonlyMap<string, Area>) =>
    (area: Area): boolean =>
      later.get(area.id)?.code === area.code;
  const keyedBy = (earlier: ReadonlyMap<string, Node>) => {
    const keyOfId = new Map([...earlier.values()].map((node) => [node.area.id, node.key]));
    return { keyOf: (area: Area) => keyOfId.get(area.id) };
  };
  const oldGrids = nodesOf(before.grid.values(), 'old', countsBefore.byGrid, {
    first: stillHolds(after.grid),
  });
  const oldMicrogrids = nodesOf(before.microgrid.values(), 'old', countsBefore.byMicrogrid, {
    first: stillHolds(after.microgrid),
  });
  const changes = [
    ...diffLayer(
      'grid',
      oldGrids,
      nodesOf(after.grid.values(), 'new', countsAfter.byGrid, keyedBy(oldGrids)),
      records,
      minAreaM2,
      minShare,
    ),
    ...diffLayer(
      'microgrid',
      oldMicrogrids,
      nodesOf(after.microgrid.values(), 'new', countsAfter.byMicrogrid, keyedBy(oldMicrogrids)),
      records,
      minAreaM2,
      minShare,
    ),
  ];
  return { summary: summarise(changes), changes };
}

/** Counts changes per kind. */
export function summarise(changes: readonly DiffChange[]): DiffSummary {
  const count = (kind: DiffKind): number => changes.filter((change) => change.kind === kind).length;
  return {
    added: count('added'),
    removed: count('removed'),
    split: count('split'),
    merged: count('merge'),
    geometry: count('geometry'),
    attributes: count('attributes'),
  };
}

function diffLayer(
  layer: 'grid' | 'microgrid',
  oldNodes: ReadonlyMap<string, Node>,
  newNodes: ReadonlyMap<string, Node>,
  records: readonly LineageRecord[],
  minAreaM2: number,
  minShare: number,
): DiffChange[] {
  const changes: DiffChange[] = [];
  const consumed = new Set<string>(); // 'old:key' / 'new:key'
  const id = (node: Node): string => `${node.side}:${node.key}`;

  const group = (olds: readonly Node[], news: readonly Node[], matchedBy: DiffMatch): void => {
    for (const node of [...olds, ...news]) consumed.add(id(node));
    changes.push(groupChange(layer, olds, news, matchedBy, minAreaM2));
  };

  // 1. Lineage: split and merge records link codes.
  const linked = new Groups();
  const linkedCodes = new Set<string>();
  const explained = new Set<string>();
  for (const record of records) {
    if (record.operation === 'split' || record.operation === 'merge') {
      linkedCodes.add(record.code);
      for (const from of record.from) {
        linkedCodes.add(from);
        linked.union(record.code, from);
      }
    } else {
      explained.add(record.code);
      // A carve names the grids that lost area to the exclusive grid: one covered entirely is gone
      // because of it (removed), not renumbered into it.
      if (record.operation === 'carve') for (const from of record.from) explained.add(from);
    }
  }
  const lineageGroups = new Map<string, Set<string>>();
  for (const code of linkedCodes) {
    const root = linked.find(code);
    const members = lineageGroups.get(root) ?? new Set<string>();
    members.add(code);
    lineageGroups.set(root, members);
  }
  for (const codes of lineageGroups.values()) {
    const olds = [...codes].filter((code) => oldNodes.has(code)).map((code) => oldNodes.get(code)!);
    const news = [...codes].filter((code) => newNodes.has(code)).map((code) => newNodes.get(code)!);
    if (olds.length === 0 || news.length === 0) continue;
    // Split and merged back, or a no-op: the code step compares the grid itself.
    if (olds.length === 1 && news.length === 1 && olds[0]!.key === news[0]!.key) continue;
    group(olds, news, 'lineage');
  }

  // 3 (before 2, because a kept code may belong to a split or merge). Overlap for codes that
  // disappeared or appeared with no lineage saying why.
  const free = (node: Node): boolean => !consumed.has(id(node));
  const disappeared = [...oldNodes.values()].filter(
    (node) => free(node) && !newNodes.has(node.key) && !explained.has(node.area.code),
  );
  const appeared = [...newNodes.values()].filter(
    (node) => free(node) && !oldNodes.has(node.key) && !explained.has(node.area.code),
  );
  if (disappeared.length > 0 || appeared.length > 0) {
    const overlapGroups = new Groups();
    const withEdge = new Set<string>();
    const pair = (a: Node, b: Node): void => {
      overlapGroups.union(id(a), id(b));
      withEdge.add(id(a));
    };
    const candidates = (nodes: ReadonlyMap<string, Node>): BoxIndex =>
      new BoxIndex(
        [...nodes.values()]
          .filter((node) => free(node) && !explained.has(node.area.code))
          .map((node) => [node.key, boxOf(node.area.geometry)] as const),
      );
    const link = (from: readonly Node[], others: ReadonlyMap<string, Node>): void => {
      if (from.length === 0) return;
      const index = candidates(others);
      for (const node of from) {
        const box = boxOf(node.area.geometry);
        for (const key of index.search(box.minX, box.minY, box.maxX, box.maxY)) {
          const other = others.get(key)!;
          const { sharedM2 } = compareAreas([node.area.geometry], [other.area.geometry]);
          const smaller = Math.min(polygonAreaM2(node.area.geometry), polygonAreaM2(other.area.geometry));
          if (sharedM2 >= minAreaM2 && sharedM2 >= minShare * smaller) pair(node, other);
        }
      }
    };
    link(disappeared, newNodes);
    link(appeared, oldNodes);
    // A kept code is one grid on both sides.
    for (const node of oldNodes.values()) {
      const kept = newNodes.get(node.key);
      if (kept && free(node) && free(kept)) overlapGroups.union(id(node), id(kept));
    }
    const members = new Map<string, Node[]>();
    for (const node of [...oldNodes.values(), ...newNodes.values()]) {
      if (!free(node)) continue;
      const root = overlapGroups.find(id(node));
      const list = members.get(root) ?? [];
      list.push(node);
      members.set(root, list);
    }
    for (const list of members.values()) {
      if (!list.some((node) => withEdge.has(id(node)))) continue;
      const olds = list.filter((node) => node.side === 'old');
      const news = list.filter((node) => node.side === 'new');
      if (olds.length > 0 && news.length > 0) group(olds, news, 'overlap');
    }
  }

  // 2. Code, and what is left unpaired.
  for (const node of oldNodes.values()) {
    if (!free(node)) continue;
    const kept = newNodes.get(node.key);
    if (kept && free(kept)) {
      consumed.add(id(kept));
      const change = sameGridChange(layer, node, kept, 'code', minAreaM2);
      if (change) changes.push(change);
    } else {
      changes.push(
        groupChange(layer, [node], [], explained.has(node.area.code) ? 'lineage' : 'none', minAreaM2),
      );
    }
    consumed.add(id(node));
  }
  for (const node of newNodes.values()) {
    if (!free(node)) continue;
    changes.push(
      groupChange(layer, [], [node], explained.has(node.area.code) ? 'lineage' : 'none', minAreaM2),
    );
    consumed.add(id(node));
  }
  return changes.sort(compareChanges);
}

function compareChanges(a: DiffChange, b: DiffChange): number {
  const ka = a.codes[0] ?? a.fromCodes[0] ?? '';
  const kb = b.codes[0] ?? b.fromCodes[0] ?? '';
  if (ka !== kb) return ka < kb ? -1 : 1;
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
}

const codesOf = (nodes: readonly Node[]): string[] => nodes.map((node) => node.area.code).sort();
const householdsOf = (nodes: readonly Node[]): number =>
  nodes.reduce((sum, node) => sum + node.households, 0);

/** The change of one grid paired with itself (same code, or renumbered): null when nothing changed. */
function sameGridChange(
  layer: 'grid' | 'microgrid',
  before: Node,
  after: Node,
  matchedBy: DiffMatch,
  minAreaM2: number,
): DiffChange | null {
  const { changedM2 } = compareAreas([before.area.geometry], [after.area.geometry]);
  const fields = changedFields(before.area, after.area);
  const geometryChanged = changedM2 >= minAreaM2;
  if (!geometryChanged && fields.length === 0) return null;
  return {
    kind: geometryChanged ? 'geometry' : 'attributes',
    codes: [after.area.code],
    fromCodes: [before.area.code],
    areaChangedM2: geometryChanged ? round2(changedM2) : 0,
    householdsBefore: before.households,
    householdsAfter: after.households,
    fields,
    layer,
    matchedBy,
  };
}

/** The change of a group of old grids that became a group of new grids (either side may be empty). */
function groupChange(
  layer: 'grid' | 'microgrid',
  olds: readonly Node[],
  news: readonly Node[],
  matchedBy: DiffMatch,
  minAreaM2: number,
): DiffChange {
  if (olds.length === 1 && news.length === 1) {
    // Renumbered: the same grid under a new code (overlap), reported as what else changed with it.
    return (
      sameGridChange(layer, olds[0]!, news[0]!, matchedBy, minAreaM2) ?? {
        kind: 'attributes',
        codes: [news[0]!.area.code],
        fromCodes: [olds[0]!.area.code],
        areaChangedM2: 0,
        householdsBefore: olds[0]!.households,
        householdsAfter: news[0]!.households,
        fields: ['code'],
        layer,
        matchedBy,
      }
    );
  }
  const kind: DiffKind =
    news.length === 0
      ? 'removed'
      : olds.length === 0
        ? 'added'
        : news.length > olds.length
          ? 'split'
          : 'merge';
  const { changedM2 } = compareAreas(
    olds.map((node) => node.area.geometry),
    news.map((node) => node.area.geometry),
  );
  return {
    kind,
    codes: kind === 'removed' ? codesOf(olds) : codesOf(news),
    fromCodes: codesOf(olds),
    areaChangedM2: round2(changedM2 >= minAreaM2 || kind === 'added' || kind === 'removed' ? changedM2 : 0),
    householdsBefore: householdsOf(olds),
    householdsAfter: householdsOf(news),
    fields: [],
    layer,
    matchedBy,
  };
}
