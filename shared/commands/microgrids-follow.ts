import type { Polygon } from 'geojson';
import { clipToParts } from '../geometry/clip-to-parts';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import { sameOutline } from '../geometry/same-outline';
import type {
  AreaGeometry,
  Community,
  Division,
  EntityRef,
  LineageOperation,
  LineageRecord,
  MicroGrid,
  Result,
} from '../model';
import { ok } from '../model';
import { record } from './grid-command-context';
import type { MicrogridCodeOptions } from './microgrid-codes';
import { codesForNewMicrogrids, microgridName, newMicrogridId } from './microgrid-codes';

/** A grid the micro-grids may end up in after a split or merge: its code, name and outline after the edit. */
export interface NewParent {
  readonly code: string;
  readonly name: string;
  readonly geometry: AreaGeometry;
}

/** What {@link microgridsFollow} adds to the grid edit's Change. */
export interface FollowingMicrogrids {
  readonly put: readonly MicroGrid[];
  readonly delete: readonly EntityRef[];
  /** Lineage records of the micro-grid codes (appended to the community with the grids' records). */
  readonly records: readonly LineageRecord[];
}

/**
 * The micro-grids of the grids coded `fromCodes` after those grids became `parents` (the parts of a
 * split, or the one grid of a merge): each micro-grid is clipped to the parents (micro-grids stay inside
 * their grid). A micro-grid whose piece lies in a parent with its grid's code stays the same micro-grid
 * (id, code, name, staff), on that piece (the largest, if the cut made several there). Every other piece
 * becomes a new micro-grid of the parent it lies in, with a new code under that grid's code from the
 * code engine (never reused) and the source's staff and note; the source is deleted when no piece kept
 * it. Lineage: each new code records the micro-grid code it came from by `operation`; a micro-grid cut
 * into pieces also records its own code (as a split keeping its code does).
 */
export function microgridsFollow(
  division: Division,
  community: Community,
  fromCodes: readonly string[],
  parents: readonly NewParent[],
  operation: LineageOperation,
  options: MicrogridCodeOptions,
): Result<FollowingMicrogrids> {
  const from = new Set(fromCodes);
  const put: MicroGrid[] = [];
  const del: EntityRef[] = [];
  const records: LineageRecord[] = [];
  // New pieces per parent, numbered together so that codes run north to south within each grid.
  const fresh = parents.map(() => [] as { piece: Polygon; source: MicroGrid }[]);
  for (const microgrid of division.microgrid.values()) {
    if (!from.has(microgrid.parentCode)) continue;
    const clipped = clipToParts(
      microgrid.geometry,
      parents.map((p) => p.geometry),
    );
    if (!clipped.ok) return clipped;
    const pieces = clipped.value
      .flatMap((list, parent) => list.map((piece) => ({ piece, parent, areaM2: polygonAreaM2(piece) })))
      .sort((a, b) => b.areaM2 - a.areaM2);
    const keeper = pieces.find((p) => parents[p.parent]!.code === microgrid.parentCode);
    if (keeper) {
      if (pieces.length > 1 || !sameOutline(microgrid.geometry, keeper.piece))
        put.push({ ...microgrid, geometry: keeper.piece });
      if (pieces.length > 1) records.push(record(microgrid.code, [microgrid.code], operation, options));
    } else {
      del.push({ layer: 'microgrid', id: microgrid.id });
      if (pieces.length === 0) records.push(record(microgrid.code, [], 'delete', options));
    }
    for (const p of pieces) if (p !== keeper) fresh[p.parent]!.push({ piece: p.piece, source: microgrid });
  }

  const takenCodes = new Set<string>();
  const takenIds = new Set<string>();
  for (let i = 0; i < parents.length; i++) {
    const list = fresh[i]!;
    if (list.length === 0) continue;
    const parent = parents[i]!;
    const codes = codesForNewMicrogrids(
      division,
      community,
      parent.code,
      list.map((p) => p.piece),
      takenCodes,
      options,
    );
    if (!codes.ok) return codes;
    const numbered = list
      .map((item, k) => ({ ...item, code: codes.value[k]! }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const { piece, source, code } of numbered) {
      put.push({
        ...source,
        id: newMicrogridId(division, code, takenIds),
        code,
        name: microgridName(division, parent.name, parent.code, code, options),
        parentCode: parent.code,
        geometry: piece,
      });
      records.push(record(code, [source.code], operation, options));
    }
  }
  return ok({ put, delete: del, records });
}
